/**
 * Self-service onboarding contracts (issue 16 part 1, decision 031): the public plan list for the
 * sign-up page, e-mail verification, invitations, the setup wizard's progress and the workflow
 * templates it starts from.
 */
import { z } from "zod";
import { emailSchema, passwordSchema, workspaceRoleSchema } from "./identity";
import { workflowDefinitionSchema } from "./workflows";

/** A plan as the sign-up page shows it (no workspace counts). `trial_days` > 0 for paid plans. */
export const publicPlanSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** USD cents per month; null = custom pricing */
  price_cents: z.number().int().nullable(),
  events_per_month: z.number().int().nullable(),
  notifications_per_month: z.number().int().nullable(),
  users: z.number().int().nullable(),
  /** days of trial a sign-up on this plan gets (0: none, the plan applies at once) */
  trial_days: z.number().int(),
});
export type PublicPlan = z.infer<typeof publicPlanSchema>;
export const publicPlanListSchema = z.object({ items: z.array(publicPlanSchema) });

export const verifyEmailRequestSchema = z.object({ token: z.string().min(16).max(200) });
export const emailVerifiedSchema = z.object({ email: z.string(), verified: z.literal(true) });
export const verificationSentSchema = z.object({ sent: z.boolean() });

export const invitableRoleSchema = workspaceRoleSchema.exclude(["owner"]);
export const createInvitationRequestSchema = z.object({ email: emailSchema, role: invitableRoleSchema });
export type CreateInvitationRequest = z.input<typeof createInvitationRequestSchema>;

export const invitationSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  role: invitableRoleSchema,
  status: z.enum(["pending", "accepted", "revoked", "expired"]),
  expires_at: z.string(),
  created_at: z.string(),
});
export type Invitation = z.infer<typeof invitationSchema>;
export const invitationListSchema = z.object({ items: z.array(invitationSchema) });
/** The answer to an invitation: whether the e-mail went out over SMTP. */
export const createdInvitationSchema = invitationSchema.extend({ email_sent: z.boolean() });

/** What an invitation link is for, shown before it is accepted. */
export const invitationPreviewSchema = z.object({
  workspace_name: z.string(),
  email: z.string(),
  role: invitableRoleSchema,
  /** true: accept with the existing account's password; false: choose one */
  account_exists: z.boolean(),
  expires_at: z.string(),
});
export type InvitationPreview = z.infer<typeof invitationPreviewSchema>;
export const acceptInvitationRequestSchema = z.object({
  token: z.string().min(16).max(200),
  name: z.string().trim().min(1).max(100).optional(),
  password: passwordSchema,
});
export type AcceptInvitationRequest = z.input<typeof acceptInvitationRequestSchema>;
/** The answer to an accepted invitation: sign in with this e-mail and the password given. */
export const acceptedInvitationSchema = z.object({ email: z.string(), workspace_id: z.uuid() });

/** The setup wizard's steps, in order. */
export const setupSteps = ["api_key", "workflow", "invite", "provider"] as const;
export const setupStepSchema = z.enum(setupSteps);
export type SetupStep = z.infer<typeof setupStepSchema>;
export const setupProgressSchema = z.object({
  steps: z.record(setupStepSchema, z.enum(["pending", "done", "skipped"])),
  /** the first step neither done nor skipped, or null when the wizard is finished */
  next_step: setupStepSchema.nullable(),
  /** true once the owner finished or closed the wizard */
  dismissed: z.boolean(),
});
export type SetupProgress = z.infer<typeof setupProgressSchema>;
export const updateSetupProgressRequestSchema = z.object({
  step: setupStepSchema.optional(),
  state: z.enum(["done", "skipped"]).optional(),
  dismissed: z.boolean().optional(),
});
export type UpdateSetupProgressRequest = z.input<typeof updateSetupProgressRequestSchema>;

/** A workflow template (from the seeds' examples) that the wizard and the workflows screen start from. */
export const workflowTemplateSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  /** the providers its steps use */
  providers: z.array(z.string()),
  definition: workflowDefinitionSchema,
});
export type WorkflowTemplate = z.infer<typeof workflowTemplateSchema>;
export const workflowTemplateListSchema = z.object({ items: z.array(workflowTemplateSchema) });
export const createFromTemplateRequestSchema = z.object({ template_id: z.string().min(1).max(60) });
/** A draft workflow made from a template: open it in the editor. */
export const createdFromTemplateSchema = z.object({ id: z.uuid(), name: z.string(), status: z.string(), template_id: z.string() });
