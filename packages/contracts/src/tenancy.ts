import { z } from "zod";
import { emailSchema, passwordSchema } from "./identity";

export const plans = ["free", "starter", "professional", "enterprise"] as const;
export const planSchema = z.enum(plans);
export type Plan = z.infer<typeof planSchema>;

/** Self-service sign-up (seed 001 quick start). */
export const createWorkspaceRequestSchema = z.object({
  name: z.string().trim().min(1).max(100),
  email: emailSchema,
  password: passwordSchema,
});
export type CreateWorkspaceRequest = z.input<typeof createWorkspaceRequestSchema>;

/** The API key and webhook secret are shown this once. */
export const createWorkspaceResponseSchema = z.object({
  workspace_id: z.uuid(),
  api_key: z.string(),
  webhook_secret: z.string(),
});
export type CreateWorkspaceResponse = z.infer<typeof createWorkspaceResponseSchema>;

const hexColour = z.string().regex(/^#[0-9a-fA-F]{6}$/, "must be a #rrggbb colour");

export const brandingSchema = z.object({
  display_name: z.string(),
  logo_url: z.string().nullable(),
  primary_color: z.string(),
});
export type Branding = z.infer<typeof brandingSchema>;

export const updateBrandingRequestSchema = z.object({
  display_name: z.string().trim().min(1).max(100).optional(),
  logo_url: z.url({ protocol: /^https?$/ }).max(2000).nullable().optional(),
  primary_color: hexColour.optional(),
});

export const workspaceSummarySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  plan: planSchema,
  status: z.enum(["active", "suspended"]),
  member_count: z.number().int(),
  created_at: z.string(),
});
export type WorkspaceSummary = z.infer<typeof workspaceSummarySchema>;
