import { z } from "zod";

/** Keyset-paginated list: pass `next_cursor` back as `?cursor=` for the next page; null at the end. */
export const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), next_cursor: z.string().nullable() });

export const workflowSummarySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  status: z.enum(["draft", "active", "disabled"]),
  version: z.number().int(),
  updated_at: z.string(),
});
export type WorkflowSummary = z.infer<typeof workflowSummarySchema>;

export const leadSummarySchema = z.object({
  id: z.uuid(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  source: z.string(),
  stage: z.string(),
  owner: z.object({ user_id: z.uuid(), name: z.string() }).nullable(),
  created_at: z.string(),
});
export type LeadSummary = z.infer<typeof leadSummarySchema>;

export const notificationSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  message: z.string(),
  priority: z.enum(["low", "normal", "high", "critical"]),
  read_at: z.string().nullable(),
  acknowledged_at: z.string().nullable(),
  created_at: z.string(),
});
export type Notification = z.infer<typeof notificationSchema>;

export const connectionSchema = z.object({
  id: z.uuid(),
  provider: z.string(),
  status: z.enum(["active", "expired", "revoked", "error"]),
  scopes: z.array(z.string()),
  created_at: z.string(),
});
export type Connection = z.infer<typeof connectionSchema>;

export const consentSchema = z.object({
  id: z.uuid(),
  purpose: z.string(),
  description: z.string(),
  granted: z.boolean(),
  updated_at: z.string(),
});
export type Consent = z.infer<typeof consentSchema>;
