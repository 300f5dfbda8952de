/**
 * CRM contracts: CRM clients, the Industry → Category → Product catalogue, stages, leads and
 * their timeline, lead ingestion, lead sources, Meta lead-ads settings, and the permission
 * registry (role → permission mapping) that guards every workspace route.
 */
import { z } from "zod";
import { leadSummarySchema } from "./lists";
import { workspaceRoleSchema } from "./identity";

/** A caller-chosen CRM client id: lower-case letters, digits and single dashes, 2–64 chars. */
export const crmClientIdSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be a slug: a-z, 0-9 and single dashes")
  .min(2)
  .max(64);
/** An origin as browsers send it: scheme://host[:port], no path. */
export const originSchema = z.string().regex(/^https?:\/\/[a-z0-9.-]+(?::\d{1,5})?$/i, "must be an origin like https://www.example.com");

export const crmClientSchema = z.object({
  client_id: z.string(),
  name: z.string(),
  status: z.enum(["active", "inactive"]),
  website_origins: z.array(z.string()),
  products: z.array(z.object({ product_id: z.uuid(), name: z.string(), enabled: z.boolean() })),
  created_at: z.string(),
});
export type CrmClient = z.infer<typeof crmClientSchema>;

export const createCrmClientRequestSchema = z.object({
  client_id: crmClientIdSchema,
  name: z.string().trim().min(1).max(200),
  status: z.enum(["active", "inactive"]).default("active"),
  website_origins: z.array(originSchema).max(20).default([]),
});
export type CreateCrmClientRequest = z.input<typeof createCrmClientRequestSchema>;
export const updateCrmClientRequestSchema = createCrmClientRequestSchema.omit({ client_id: true }).partial();
export type UpdateCrmClientRequest = z.input<typeof updateCrmClientRequestSchema>;
export const clientProductRequestSchema = z.object({ product_id: z.uuid(), enabled: z.boolean().default(true) });

const named = z.object({ name: z.string().trim().min(1).max(200) });
export const createIndustryRequestSchema = named;
export const createCategoryRequestSchema = named.extend({ industry_id: z.uuid() });
export const createProductRequestSchema = named.extend({ category_id: z.uuid() });

export const catalogueSchema = z.object({
  industries: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      categories: z.array(z.object({ id: z.uuid(), name: z.string(), products: z.array(z.object({ id: z.uuid(), name: z.string() })) })),
    }),
  ),
});
export type Catalogue = z.infer<typeof catalogueSchema>;

export const stageSchema = z.object({ key: z.string(), label: z.string(), closed: z.boolean() });
export type Stage = z.infer<typeof stageSchema>;
export const stagesSchema = z.object({ items: z.array(stageSchema) });
export const updateStagesRequestSchema = z.object({
  items: z
    .array(
      z.object({
        key: z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, "must be lower_snake_case"),
        label: z.string().trim().min(1).max(60),
        closed: z.boolean().default(false),
      }),
    )
    .min(2)
    .max(20),
});

export const leadListItemSchema = leadSummarySchema.extend({
  crm_client_id: z.string().nullable().optional(),
  owner_membership_id: z.string().nullable().optional(),
});
export type LeadListItem = z.infer<typeof leadListItemSchema>;

export const leadListQuerySchema = z.object({
  cursor: z.string().max(200).optional(),
  stage: z.string().max(32).optional(),
  client_id: z.string().max(64).optional(),
  owner: z.uuid().optional(),
  q: z.string().trim().max(200).optional(),
  sort: z.enum(["newest", "oldest"]).default("newest"),
});
export type LeadListQuery = z.input<typeof leadListQuerySchema>;

export const activitySchema = z.object({
  id: z.uuid(),
  kind: z.enum(["note", "call", "email", "stage_change", "assignment", "message", "created"]),
  body: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  actor: z.object({ membership_id: z.uuid(), name: z.string() }).nullable(),
  created_at: z.string(),
});
export type Activity = z.infer<typeof activitySchema>;

export const leadDetailSchema = leadListItemSchema.extend({
  lead_reference_id: z.string().nullable(),
  product: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  raw_payload: z.record(z.string(), z.unknown()),
  activities: z.array(activitySchema),
});
export type LeadDetail = z.infer<typeof leadDetailSchema>;

export const changeStageRequestSchema = z.object({ stage: z.string().min(1).max(32) });
export const assignLeadRequestSchema = z.object({ owner_membership_id: z.uuid() });
export const addActivityRequestSchema = z.object({
  kind: z.enum(["note", "call", "email", "message"]),
  body: z.string().trim().min(1).max(10_000),
});

/** Known ingestion fields; any other field is kept, untouched, in `raw_payload` only. */
export const ingestLeadRequestSchema = z
  .object({
    name: z.string().trim().max(200).optional(),
    email: z.string().trim().max(254).optional(),
    phone: z.string().trim().max(40).optional(),
    source: z.string().trim().max(60).optional(),
    lead_reference_id: z.string().trim().min(1).max(200).optional(),
    product_id: z.uuid().optional(),
    /** ISO 3166-1 alpha-2 country used to read a national phone number (default from the key's client: none) */
    country: z
      .string()
      .regex(/^[A-Z]{2}$/)
      .optional(),
  })
  .loose();
export const ingestLeadResponseSchema = z.object({ id: z.uuid(), created: z.boolean(), stage: z.string() });

export const leadSourceSchema = z.object({
  id: z.uuid(),
  client_id: z.string(),
  name: z.string(),
  prefix: z.string(),
  created_at: z.string(),
  revoked_at: z.string().nullable(),
  last_used_at: z.string().nullable(),
});
export type LeadSource = z.infer<typeof leadSourceSchema>;
export const createdLeadSourceSchema = leadSourceSchema.extend({ key: z.string() });
export const createLeadSourceRequestSchema = z.object({ client_id: crmClientIdSchema, name: z.string().trim().min(1).max(100) });

export const metaSettingsSchema = z.object({
  app_secret_set: z.boolean(),
  page_access_token_set: z.boolean(),
  verify_token: z.string().nullable(),
  callback_path: z.string(),
  forms: z.array(z.object({ id: z.uuid(), page_id: z.string(), form_id: z.string().nullable(), client_id: z.string() })),
});
export type MetaSettings = z.infer<typeof metaSettingsSchema>;
export const updateMetaSettingsRequestSchema = z.object({
  app_secret: z.string().min(8).max(200).optional(),
  page_access_token: z.string().min(8).max(1000).optional(),
  /** true: mint a new verify token (answered in the settings) */
  rotate_verify_token: z.boolean().optional(),
});
export const createMetaFormRequestSchema = z.object({
  page_id: z.string().regex(/^\d{1,32}$/, "must be a numeric page id"),
  form_id: z
    .string()
    .regex(/^\d{1,32}$/, "must be a numeric form id")
    .optional(),
  client_id: crmClientIdSchema,
});

export const permissionEntrySchema = z.object({
  permission: z.string(),
  method: z.string(),
  path: z.string(),
  /** per role: `default` follows the route's built-in role set; `allow`/`deny` are admin edits */
  roles: z.record(workspaceRoleSchema, z.enum(["default", "allow", "deny"])),
});
export type PermissionEntry = z.infer<typeof permissionEntrySchema>;
export const permissionsSchema = z.object({ items: z.array(permissionEntrySchema) });
export const setPermissionRequestSchema = z.object({
  permission: z.string().min(3).max(300),
  role: workspaceRoleSchema,
  effect: z.enum(["default", "allow", "deny"]),
});

/** `{ id }` of something just created (catalogue entries, Meta form mappings, lead activities). */
export const createdIdSchema = z.object({ id: z.uuid() });
export const crmClientListSchema = z.object({ items: z.array(crmClientSchema) });
export const leadSourceListSchema = z.object({ items: z.array(leadSourceSchema) });
/** Open leads (in a stage that is not closed) per owner, among the leads the caller may see. */
export const openLeadsByOwnerSchema = z.object({ items: z.array(z.object({ membership_id: z.uuid(), open: z.number().int() })) });
export const leadStageChangeSchema = z.object({ id: z.uuid(), stage: z.string() });
export const leadAssignmentSchema = z.object({ id: z.uuid(), owner_membership_id: z.string().nullable() });
/** What the Meta webhook did with a notification: leads queued for fetching, changes of unmapped pages ignored. */
export const metaWebhookResultSchema = z.object({ accepted: z.number().int(), ignored: z.number().int() });
