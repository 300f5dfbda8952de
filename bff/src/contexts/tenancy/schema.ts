/** Tenancy tables: workspaces (the tenant) and their branding. */
import { sql } from "drizzle-orm";
import { bigint, boolean, check, customType, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { KEYSET_PRECISION } from "../../lib/keyset";

export const workspaces = pgTable(
  "workspaces",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    plan: text("plan", { enum: ["free", "starter", "professional", "enterprise"] })
      .notNull()
      .default("free"),
    status: text("status", { enum: ["active", "suspended"] })
      .notNull()
      .default("active"),
    /** the workspace's AES-256-GCM data key, wrapped by the master key (lib/secrets.ts) */
    dataKeyWrapped: text("data_key_wrapped").notNull(),
    /** Standard Webhooks `whsec_` secret, encrypted with the data key */
    webhookSecretEncrypted: text("webhook_secret_encrypted").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, precision: KEYSET_PRECISION }).notNull().defaultNow(),
    /** soft delete by platform staff (admin context); the purge job removes the rows after a grace period */
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
    /** where quota warnings are e-mailed (seed 003 `billingEmail`, §9.2); null: the workspace's owners */
    billingEmail: text("billing_email"),
    /** Test mode: every execution the workspace starts is a test execution (provider calls go to the sandbox) */
    testMode: boolean("test_mode").notNull().default(false),
    /** end of a paid plan's trial started at sign-up (subscription-start.ts); null: no trial running */
    trialEndsAt: timestamp("trial_ends_at", { withTimezone: true }),
    /** the setup wizard's steps, `{ step: "done" | "skipped" }`, and `dismissed` (setup-progress.ts) */
    setupProgress: jsonb("setup_progress").$type<Record<string, string>>().notNull().default({}),
  },
  (t) => [index("workspaces_created_idx").on(t.createdAt, t.id), index("workspaces_name_idx").on(sql`lower(${t.name})`)],
);

export const branding = pgTable(
  "branding",
  {
    workspaceId: uuid("workspace_id")
      .primaryKey()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    displayName: text("display_name").notNull(),
    logoUrl: text("logo_url"),
    primaryColor: text("primary_color").notNull().default("#4f46e5"),
    /**
     * The workspace's own host name (seed 003 §12.1, e.g. `notify.acme.example`), lower-case, no
     * port; unique across workspaces. A request whose Host is this name gets the shell branded for
     * this workspace (custom-domains.ts). Only plans with `custom_domain` may set it.
     */
    customDomain: text("custom_domain"),
    /**
     * Proof of the custom domain (decision 034, migration 0039): the token to publish (DNS TXT
     * `_nhood-verify.<domain>` = `nhood-verify=<token>`, or the body of
     * `http://<domain>/.well-known/nhood-domain-verification`), when the domain was claimed, and
     * when and how it was proven. A domain is served only once `custom_domain_verified_at` is set;
     * a claim pending for 7 days may be taken over by another workspace.
     */
    customDomainToken: text("custom_domain_token"),
    customDomainClaimedAt: timestamp("custom_domain_claimed_at", { withTimezone: true }),
    customDomainVerifiedAt: timestamp("custom_domain_verified_at", { withTimezone: true }),
    customDomainVerifiedBy: text("custom_domain_verified_by", { enum: ["dns", "http", "grandfathered"] }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("branding_custom_domain_key").on(t.customDomain),
    check(
      "branding_custom_domain_claim_check",
      sql`${t.customDomain} is null or (${t.customDomainToken} is not null and ${t.customDomainClaimedAt} is not null)`,
    ),
    check(
      "branding_custom_domain_verified_by_check",
      sql`${t.customDomainVerifiedBy} is null or ${t.customDomainVerifiedBy} in ('dns', 'http', 'grandfathered')`,
    ),
  ],
);

const bytea = customType<{ data: Buffer }>({ dataType: () => "bytea" });

/**
 * A workspace's uploaded logo (seed 003 §12.1, migration 0035): the sniffed type (PNG, WebP or
 * sanitised SVG), the SHA-256 of the stored bytes (hex; its prefix names the served file, so the
 * URL changes with the content and can be cached for a year) and the bytes, at most 512 KB.
 */
export const brandingLogos = pgTable("branding_logos", {
  workspaceId: uuid("workspace_id")
    .primaryKey()
    .references(() => workspaces.id, { onDelete: "cascade" }),
  contentType: text("content_type").notNull(),
  sha256: text("sha256").notNull(),
  size: integer("size").notNull(),
  bytes: bytea("bytes").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Plans (seed 003 §9.1): not tenant data. Rows are seeded by a migration so platform staff can
 * later edit them; `null` in a quota column means unlimited. `workspaces.plan` names a row.
 */
export const plans = pgTable("plans", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  eventsPerMonth: integer("events_per_month"),
  notificationsPerMonth: integer("notifications_per_month"),
  users: integer("users"),
  rules: integer("rules"),
  sounds: integer("sounds"),
  /** API requests per hour per workspace (seed default 5,000) */
  requestsPerHour: integer("requests_per_hour"),
  webhooks: boolean("webhooks").notNull().default(true),
  customDomain: boolean("custom_domain").notNull().default(false),
  /** USD cents per month; null = custom pricing */
  priceCents: integer("price_cents"),
  /** usage past the monthly quotas is billed as Stripe metered overage instead of refused (billing on, live subscription) */
  overage: boolean("overage").notNull().default(false),
});

/**
 * Usage counters (seed 003 §4.8): one row per workspace, period and metric, incremented in the
 * transaction that does the counted thing, so the quota check and the count cannot disagree.
 * `period` is `YYYY-MM-DD` (day), `YYYY-MM` (month) or `YYYY-MM-DDTHH` (hour), all UTC.
 */
export const usageCounters = pgTable(
  "usage_counters",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    periodType: text("period_type", { enum: ["hour", "day", "month"] }).notNull(),
    period: text("period").notNull(),
    /** `requests` are API calls and `executions` workflow executions (daily, by the batched usage recorder) */
    metric: text("metric", { enum: ["events", "notifications", "requests", "executions"] }).notNull(),
    count: bigint("count", { mode: "number" }).notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.periodType, t.period, t.metric] }),
    index("usage_counters_day_idx").on(t.workspaceId, t.period).where(sql`${t.periodType} = 'day'`),
  ],
);

/** One row per quota threshold crossed per month, so each warning is sent once. */
export const usageAlerts = pgTable(
  "usage_alerts",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    period: text("period").notNull(),
    metric: text("metric").notNull(),
    /** 80 (warning) or 100 (exceeded) */
    threshold: integer("threshold").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.period, t.metric, t.threshold] })],
);

/**
 * Billing through Stripe (docs/decisions/032-stripe-billing.md; empty while STRIPE_SECRET_KEY is
 * unset): the workspace's Stripe customer and subscription as the webhooks last set them.
 * `state_at` is the Stripe event time of the subscription state applied, so an older event never
 * overwrites a newer one; `grace_until` is set while an invoice's payment has failed.
 */
export const billingAccounts = pgTable("billing_accounts", {
  workspaceId: uuid("workspace_id")
    .primaryKey()
    .references(() => workspaces.id, { onDelete: "cascade" }),
  stripeCustomerId: text("stripe_customer_id").notNull().unique("billing_accounts_customer_key"),
  stripeSubscriptionId: text("stripe_subscription_id"),
  /** Stripe's subscription status: trialing, active, past_due, canceled, unpaid, incomplete… */
  subscriptionStatus: text("subscription_status"),
  plan: text("plan"),
  /** the subscription's monthly amount in the currency's minor unit (for MRR) */
  amountCents: integer("amount_cents").notNull().default(0),
  currency: text("currency").notNull().default("usd"),
  currentPeriodEnd: timestamp("current_period_end", { withTimezone: true }),
  stateAt: timestamp("state_at", { withTimezone: true }),
  canceledAt: timestamp("canceled_at", { withTimezone: true }),
  paymentFailedAt: timestamp("payment_failed_at", { withTimezone: true }),
  graceUntil: timestamp("grace_until", { withTimezone: true }),
  /** suspended by the grace job (not by staff): a paid invoice restores it */
  suspendedForPayment: boolean("suspended_for_payment").notNull().default(false),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Every Stripe event applied, by its id (a redelivery is ignored). */
export const billingEvents = pgTable("billing_events", {
  id: text("id").primaryKey(),
  workspaceId: uuid("workspace_id")
    .notNull()
    .references(() => workspaces.id, { onDelete: "cascade" }),
  type: text("type").notNull(),
  created: timestamp("created", { withTimezone: true }).notNull(),
  receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Invoices the webhooks reported: `failed` until paid, then `paid` (never back). */
export const billingInvoices = pgTable(
  "billing_invoices",
  {
    id: text("id").primaryKey(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    status: text("status", { enum: ["failed", "paid"] }).notNull(),
    amountCents: integer("amount_cents").notNull(),
    currency: text("currency").notNull(),
    created: timestamp("created", { withTimezone: true }).notNull(),
    failedAt: timestamp("failed_at", { withTimezone: true }),
    paidAt: timestamp("paid_at", { withTimezone: true }),
  },
  (t) => [index("billing_invoices_workspace_idx").on(t.workspaceId, t.status)],
);

/** Overage reported to Stripe as a meter event: one row per workspace, UTC month and metric. */
export const billingOverageReports = pgTable(
  "billing_overage_reports",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    period: text("period").notNull(),
    metric: text("metric").notNull(),
    quantity: bigint("quantity", { mode: "number" }).notNull(),
    /** the meter event's `identifier` (Stripe deduplicates on it) */
    identifier: text("identifier").notNull(),
    reportedAt: timestamp("reported_at", { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.period, t.metric] })],
);
