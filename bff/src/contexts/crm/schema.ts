/**
 * CRM tables: CRM clients (ids chosen by the caller), the Industry → Category → Product
 * catalogue, client products, configurable stages, leads with their activities (the timeline),
 * lead sources (API keys scoped to one CRM client) and Meta lead-ads settings and form mappings.
 */
import { sql } from "drizzle-orm";
import { boolean, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { KEYSET_PRECISION } from "../../lib/keyset";
import { membershipKey, workspaceKey } from "../../db/references";

const ws = () =>
  uuid("workspace_id")
    .notNull()
    .references(() => workspaceKey.id, { onDelete: "cascade" });
const created = () => timestamp("created_at", { withTimezone: true, precision: KEYSET_PRECISION }).notNull().defaultNow();

/** A workspace's customer whose leads the sales staff work; `client_id` is a slug given by the caller. */
export const crmClients = pgTable(
  "crm_clients",
  {
    workspaceId: ws(),
    clientId: text("client_id").notNull(),
    name: text("name").notNull(),
    status: text("status", { enum: ["active", "inactive"] })
      .notNull()
      .default("active"),
    /** origins (scheme://host[:port]) whose pages may post leads from the browser (CORS) */
    websiteOrigins: text("website_origins").array().notNull().default(sql`'{}'::text[]`),
    createdAt: created(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.clientId] })],
);

export const industries = pgTable(
  "industries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: ws(),
    name: text("name").notNull(),
  },
  (t) => [uniqueIndex("industries_ws_name_key").on(t.workspaceId, sql`lower(${t.name})`)],
);

export const productCategories = pgTable(
  "product_categories",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: ws(),
    industryId: uuid("industry_id")
      .notNull()
      .references(() => industries.id, { onDelete: "restrict" }),
    name: text("name").notNull(),
  },
  (t) => [uniqueIndex("product_categories_name_key").on(t.industryId, sql`lower(${t.name})`)],
);

export const products = pgTable(
  "products",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: ws(),
    categoryId: uuid("category_id")
      .notNull()
      .references(() => productCategories.id, { onDelete: "restrict" }),
    name: text("name").notNull(),
  },
  (t) => [uniqueIndex("products_name_key").on(t.categoryId, sql`lower(${t.name})`)],
);

export const clientProducts = pgTable(
  "client_products",
  {
    workspaceId: ws(),
    clientId: text("client_id").notNull(),
    productId: uuid("product_id")
      .notNull()
      .references(() => products.id, { onDelete: "cascade" }),
    enabled: boolean("enabled").notNull().default(true),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.clientId, t.productId] }),
    foreignKey({ columns: [t.workspaceId, t.clientId], foreignColumns: [crmClients.workspaceId, crmClients.clientId] }).onDelete("cascade"),
  ],
);

/** A workspace's pipeline stages in order; none stored means the defaults (crm/stages.ts). */
export const leadStages = pgTable(
  "lead_stages",
  {
    workspaceId: ws(),
    key: text("key").notNull(),
    label: text("label").notNull(),
    position: integer("position").notNull(),
    /** won/lost: a lead here is no longer open */
    closed: boolean("closed").notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.key] })],
);

export const leads = pgTable(
  "leads",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: ws(),
    name: text("name"),
    email: text("email"),
    phone: text("phone"),
    source: text("source").notNull(),
    stage: text("stage").notNull().default("new"),
    /** the membership that owns the lead; visibility follows the closure table */
    ownerMembershipId: uuid("owner_membership_id").references(() => membershipKey.id, { onDelete: "set null" }),
    crmClientId: text("crm_client_id"),
    productId: uuid("product_id").references(() => products.id, { onDelete: "set null" }),
    /** the sender's own id for the lead (form submission id, Meta leadgen_id): dedup key per CRM client */
    leadReferenceId: text("lead_reference_id"),
    rawPayload: jsonb("raw_payload").notNull().default({}),
    createdAt: created(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("leads_ws_created_idx").on(t.workspaceId, t.createdAt, t.id),
    index("leads_owner_idx").on(t.ownerMembershipId),
    uniqueIndex("leads_client_reference_key").on(t.workspaceId, t.crmClientId, t.leadReferenceId),
    index("leads_ws_stage_idx").on(t.workspaceId, t.stage),
    foreignKey({ columns: [t.workspaceId, t.crmClientId], foreignColumns: [crmClients.workspaceId, crmClients.clientId] }),
  ],
);

export const activityKinds = ["note", "call", "email", "stage_change", "assignment", "message", "created"] as const;

export const leadActivities = pgTable(
  "lead_activities",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: ws(),
    leadId: uuid("lead_id")
      .notNull()
      .references(() => leads.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: activityKinds }).notNull(),
    body: text("body"),
    data: jsonb("data").notNull().default({}),
    actorMembershipId: uuid("actor_membership_id").references(() => membershipKey.id, { onDelete: "set null" }),
    createdAt: created(),
  },
  (t) => [index("lead_activities_lead_idx").on(t.leadId, t.createdAt, t.id)],
);

/** A form key (`nhood_lk_live_…`) that may only create leads for one CRM client. */
export const leadSources = pgTable(
  "lead_sources",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: ws(),
    clientId: text("client_id").notNull(),
    name: text("name").notNull(),
    prefix: text("prefix").notNull(),
    keyHash: text("key_hash").notNull(),
    createdAt: created(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("lead_sources_hash_key").on(t.keyHash),
    foreignKey({ columns: [t.workspaceId, t.clientId], foreignColumns: [crmClients.workspaceId, crmClients.clientId] }).onDelete("cascade"),
  ],
);

/** Per-workspace Meta app credentials, encrypted (lib/secrets.ts); env vars are the platform-wide fallback. */
export const metaSettings = pgTable(
  "meta_settings",
  {
    workspaceId: uuid("workspace_id")
      .primaryKey()
      .references(() => workspaceKey.id, { onDelete: "cascade" }),
    appSecretSealed: text("app_secret_sealed"),
    verifyTokenSealed: text("verify_token_sealed"),
    /** SHA-256 of the verify token, so the handshake (no workspace in the URL) can find it */
    verifyTokenHash: text("verify_token_hash"),
    pageAccessTokenSealed: text("page_access_token_sealed"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("meta_settings_verify_hash_key").on(t.verifyTokenHash)],
);

/**
 * A Meta page claimed by one workspace (decision 034): the page id is the primary key, so a
 * second workspace's claim fails on it and answers 409. `proven_at` is set when the page access
 * token's own `GET /me` answered this page id at claim time.
 */
export const metaPages = pgTable(
  "meta_pages",
  {
    pageId: text("page_id").primaryKey(),
    workspaceId: ws(),
    provenAt: timestamp("proven_at", { withTimezone: true }),
    createdAt: created(),
  },
  (t) => [uniqueIndex("meta_pages_ws_page_key").on(t.workspaceId, t.pageId)],
);

/** A Meta page (and optionally one form of it) mapped to a CRM client; the page is claimed in `meta_pages`. */
export const metaLeadForms = pgTable(
  "meta_lead_forms",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: ws(),
    pageId: text("page_id").notNull(),
    /** null: every form of the page */
    formId: text("form_id"),
    clientId: text("client_id").notNull(),
    createdAt: created(),
  },
  (t) => [
    index("meta_lead_forms_page_idx").on(t.pageId),
    uniqueIndex("meta_lead_forms_page_form_key").on(t.pageId, sql`coalesce(${t.formId}, '')`),
    foreignKey({ columns: [t.workspaceId, t.clientId], foreignColumns: [crmClients.workspaceId, crmClients.clientId] }).onDelete("cascade"),
    foreignKey({ columns: [t.workspaceId, t.pageId], foreignColumns: [metaPages.workspaceId, metaPages.pageId] }).onDelete("cascade"),
  ],
);

/** Mappings migration 0036 removed because another workspace had claimed the page first (a report, read by staff). */
export const metaLeadFormsSuperseded = pgTable("meta_lead_forms_superseded", {
  id: uuid("id").primaryKey(),
  workspaceId: ws(),
  pageId: text("page_id").notNull(),
  formId: text("form_id"),
  clientId: text("client_id").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true, precision: KEYSET_PRECISION }).notNull(),
  keptWorkspaceId: uuid("kept_workspace_id").notNull(),
  supersededAt: timestamp("superseded_at", { withTimezone: true }).notNull().defaultNow(),
});

/** rate-limiter-flexible's Drizzle store: one row per limited key (a lead source). Not tenant data. */
export const leadIngestRateLimits = pgTable("lead_ingest_rate_limits", {
  key: text("key").primaryKey(),
  points: integer("points").notNull().default(0),
  expire: timestamp("expire", { withTimezone: true }),
});
