/**
 * A workspace's own records (issue 16 parts 3–4, seed 003 §5.2 and §12.1): its project record
 * (`GET/PUT /projects/me`), its own audit log, its daily usage history and its uploaded logo.
 */
import { z } from "zod";

/** Where a path the suite serves may point: the bundled brand files or an uploaded logo. */
const SERVED_PATH = /^\/(?:brand|api\/v1\/logos)\/[A-Za-z0-9][A-Za-z0-9._-]*(?:\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/;

/**
 * A logo reference: an absolute http(s) URL, or a path this suite serves (`/brand/…`, or
 * `/api/v1/logos/{workspace_id}/{file}` as the logo upload answers). What `GET …/branding`
 * answers can always be sent back unchanged.
 */
export const logoUrlSchema = z
  .string()
  .trim()
  .max(2000)
  .refine((s) => (s.startsWith("/") ? SERVED_PATH.test(s) && !s.includes("..") : z.url({ protocol: /^https?$/ }).safeParse(s).success), {
    message: "must be an http(s) URL or a path this suite serves (/brand/… or /api/v1/logos/…)",
  });

/** Logo uploads: the types accepted (sniffed from the bytes, not the name) and the size limit. */
export const LOGO_TYPES = ["image/png", "image/svg+xml", "image/webp"] as const;
export const LOGO_MAX_BYTES = 512 * 1024;

/** `GET /projects/me` (seed 003 §4.1 Project entity, as this suite keeps it). */
export const projectSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    plan: z.string(),
    status: z.string(),
    branding: z.object({
      display_name: z.string(),
      logo_url: z.string().nullable(),
      primary_color: z.string(),
      custom_domain: z.string().nullable(),
    }),
    /** where billing e-mail goes; null: the owners */
    billing_email: z.string().nullable(),
    /** Test mode (decision 020) */
    test_mode: z.boolean(),
    /** the plan's monthly quotas; null = unlimited */
    quotas: z.object({ events_per_month: z.number().nullable(), notifications_per_month: z.number().nullable(), users: z.number().nullable() }),
    created_at: z.string(),
  })
  .meta({ id: "Project" });
export type Project = z.infer<typeof projectSchema>;

/** `PUT /projects/me`: the fields given change; each is checked and a bad one is named. */
export const updateProjectRequestSchema = z.object({
  name: z.string().trim().min(1).max(100).optional(),
  display_name: z.string().trim().min(1).max(100).optional(),
  logo_url: logoUrlSchema.nullable().optional(),
  primary_color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, "must be a #rrggbb colour")
    .optional(),
  /** null: billing e-mail goes to the owners */
  billing_email: z.email().max(254).nullable().optional(),
});
export type UpdateProjectRequest = z.input<typeof updateProjectRequestSchema>;

/** `GET /workspaces/{id}/audit`: filters of a workspace's own audit log. */
export const workspaceAuditQuerySchema = z.object({
  /** who acted (a user id, an API key id…) */
  actor_id: z.string().trim().max(100).optional(),
  /** an action, or a prefix ending in `.` (e.g. `rule.`) */
  action: z.string().trim().max(100).optional(),
  /** what was acted on (the entry's `subject_id`) */
  target: z.string().trim().max(200).optional(),
  /** from this time (inclusive, ISO 8601) */
  from: z.iso.datetime({ offset: true }).optional(),
  /** until this time (exclusive, ISO 8601) */
  to: z.iso.datetime({ offset: true }).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type WorkspaceAuditQuery = z.input<typeof workspaceAuditQuerySchema>;

export const workspaceAuditEntrySchema = z
  .object({
    id: z.uuid(),
    action: z.string(),
    actor_kind: z.string(),
    actor_id: z.string().nullable(),
    /** the member's name or e-mail when the actor is a member of this workspace */
    actor_name: z.string().nullable(),
    subject_id: z.string().nullable(),
    detail: z.record(z.string(), z.unknown()),
    ip: z.string().nullable(),
    occurred_at: z.string(),
  })
  .meta({ id: "WorkspaceAuditEntry" });
export type WorkspaceAuditEntry = z.infer<typeof workspaceAuditEntrySchema>;

/** `GET /workspaces/{id}/usage/history`: how many days (1–90, default 30). */
export const usageHistoryQuerySchema = z.object({ days: z.coerce.number().int().min(1).max(90).default(30) });

export const usageHistorySchema = z
  .object({
    /** the UTC days, oldest first, zero-filled */
    items: z.array(
      z.object({
        day: z.string(),
        events: z.number().int(),
        notifications: z.number().int(),
        executions: z.number().int(),
        api_calls: z.number().int(),
      }),
    ),
    /** days of daily counters kept (older days are pruned) */
    kept_days: z.number().int(),
  })
  .meta({ id: "UsageHistory" });
export type UsageHistory = z.infer<typeof usageHistorySchema>;
