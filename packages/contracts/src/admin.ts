/**
 * Admin portal contracts (platform staff): workspace lifecycle, plans and quotas, staff
 * accounts, platform metrics and the cross-workspace audit explorer. Routes live under
 * `/api/v1/admin/*`; who may call which is in bff/src/contexts/platform/admin/roles.ts.
 */
import { z } from "zod";
import { emailSchema, passwordSchema, platformRoleSchema, workspaceRoleSchema } from "./identity";

export const workspaceStatusSchema = z.enum(["active", "suspended"]);

/** A plan tier with its quotas; `null` in a quota means unlimited. */
export const planDefinitionSchema = z.object({
  id: z.string(),
  name: z.string(),
  events_per_month: z.number().int().nullable(),
  notifications_per_month: z.number().int().nullable(),
  users: z.number().int().nullable(),
  rules: z.number().int().nullable(),
  sounds: z.number().int().nullable(),
  requests_per_hour: z.number().int().nullable(),
  webhooks: z.boolean(),
  custom_domain: z.boolean(),
  price_cents: z.number().int().nullable(),
  workspace_count: z.number().int(),
});
export type PlanDefinition = z.infer<typeof planDefinitionSchema>;

const quota = z.number().int().min(0).max(2_000_000_000).nullable();
/** Partial update of a plan's quotas (`null` = unlimited). */
export const updatePlanRequestSchema = z
  .object({
    name: z.string().trim().min(1).max(60).optional(),
    events_per_month: quota.optional(),
    notifications_per_month: quota.optional(),
    users: quota.optional(),
    rules: quota.optional(),
    sounds: quota.optional(),
    requests_per_hour: quota.optional(),
    webhooks: z.boolean().optional(),
    custom_domain: z.boolean().optional(),
    price_cents: quota.optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: "change at least one field" });
export type UpdatePlanRequest = z.input<typeof updatePlanRequestSchema>;

/** One quota line of a workspace: used this period against the plan's limit (null = unlimited). */
export const usageLineSchema = z.object({
  metric: z.string(),
  period: z.string(),
  used: z.number().int(),
  limit: z.number().int().nullable(),
});
export type UsageLine = z.infer<typeof usageLineSchema>;

export const workspaceDetailSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  plan: z.string(),
  status: workspaceStatusSchema,
  created_at: z.string(),
  /** set when soft-deleted; the data is purged at `purge_at` unless restored first */
  deleted_at: z.string().nullable(),
  purge_at: z.string().nullable(),
  members: z.array(z.object({ user_id: z.uuid(), email: z.string(), name: z.string(), role: workspaceRoleSchema, joined_at: z.string() })),
  usage: z.array(usageLineSchema),
});
export type WorkspaceDetail = z.infer<typeof workspaceDetailSchema>;

/** Platform staff create a workspace with its owner (a new account with this initial password). */
export const adminCreateWorkspaceRequestSchema = z.object({
  name: z.string().trim().min(1).max(100),
  owner_email: emailSchema,
  owner_password: passwordSchema,
  plan: z.string().min(1).max(40).default("free"),
});
export type AdminCreateWorkspaceRequest = z.input<typeof adminCreateWorkspaceRequestSchema>;

export const changePlanRequestSchema = z.object({ plan: z.string().min(1).max(40) });
/** Why a workspace is suspended: kept in the audit log. */
export const suspendWorkspaceRequestSchema = z.object({ reason: z.string().trim().max(500).optional() });

export const staffMemberSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  platform_role: platformRoleSchema,
  disabled: z.boolean(),
  created_at: z.string(),
});
export type StaffMember = z.infer<typeof staffMemberSchema>;

export const createStaffRequestSchema = z.object({
  email: emailSchema,
  name: z.string().trim().min(1).max(100),
  platform_role: platformRoleSchema,
  /** initial password, handed over out of band; the person changes it later */
  password: passwordSchema,
});
export type CreateStaffRequest = z.input<typeof createStaffRequestSchema>;

export const updateStaffRequestSchema = z
  .object({
    platform_role: platformRoleSchema.optional(),
    disabled: z.boolean().optional(),
  })
  .refine((b) => b.platform_role !== undefined || b.disabled !== undefined, { message: "change platform_role or disabled" });
export type UpdateStaffRequest = z.input<typeof updateStaffRequestSchema>;

/** One day (UTC, `YYYY-MM-DD`) of a metric series; a rate is null on a day when nothing finished. */
export const metricPointSchema = z.object({ day: z.string(), value: z.number().nullable() });
export type MetricPoint = z.infer<typeof metricPointSchema>;

export const platformMetricsSchema = z.object({
  days: z.number().int(),
  workspaces: z.object({ total: z.number().int(), active: z.number().int(), suspended: z.number().int(), created_per_day: z.array(metricPointSchema) }),
  executions: z.object({
    succeeded_per_day: z.array(metricPointSchema),
    failed_per_day: z.array(metricPointSchema),
    success_rate_per_day: z.array(metricPointSchema),
  }),
  events_per_day: z.array(metricPointSchema),
  notifications_per_day: z.array(metricPointSchema),
  webhooks: z.object({ success_rate_per_day: z.array(metricPointSchema), delivered: z.number().int(), failed: z.number().int() }),
  token_refresh_failures_per_day: z.array(metricPointSchema),
});
export type PlatformMetrics = z.infer<typeof platformMetricsSchema>;

export const auditQuerySchema = z.object({
  workspace_id: z.uuid().optional(),
  actor_id: z.string().trim().max(100).optional(),
  action: z.string().trim().max(100).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditQuery = z.input<typeof auditQuerySchema>;

export const auditEntrySchema = z.object({
  id: z.uuid(),
  workspace_id: z.uuid().nullable(),
  workspace_name: z.string().nullable(),
  action: z.string(),
  actor_kind: z.string(),
  actor_id: z.string().nullable(),
  subject_id: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
  ip: z.string().nullable(),
  occurred_at: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** `GET /admin/plans`: every plan tier with its quotas and how many workspaces use it. */
export const planListSchema = z.object({ items: z.array(planDefinitionSchema) });
/** `GET /admin/staff`: every platform staff account. */
export const staffListSchema = z.object({ items: z.array(staffMemberSchema) });
