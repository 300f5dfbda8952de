/**
 * Notifications tables (seed 003 §4): ingested events (dedup by client event id), rules,
 * notifications (the inbox, one row per recipient), deliveries per channel, sounds, and outgoing
 * webhook endpoints with their deliveries and attempts.
 */
import { sql } from "drizzle-orm";
import { bigint, boolean, check, customType, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { KEYSET_PRECISION } from "../../lib/keyset";
import { workspaceKey } from "../../db/references";

const bytea = customType<{ data: Buffer }>({ dataType: () => "bytea" });
const at = (name: string) => timestamp(name, { withTimezone: true, precision: KEYSET_PRECISION });

/** Events sent by the workspace's servers (`POST /events`) or turned from domain events. */
export const ingestedEvents = pgTable(
  "ingested_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaceKey.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    /** `api` (a tenant server) or `platform` (a domain event of another context) */
    source: text("source").notNull().default("api"),
    clientEventId: text("client_event_id"),
    clientTimestamp: timestamp("client_timestamp", { withTimezone: true }),
    receivedAt: at("received_at").notNull().defaultNow(),
    processedAt: timestamp("processed_at", { withTimezone: true }),
    matchedRuleIds: uuid("matched_rule_ids").array().notNull().default(sql`'{}'::uuid[]`),
    notificationCount: integer("notification_count").notNull().default(0),
    /** notifications the rules wanted but the plan's monthly notifications quota did not allow */
    suppressedNotificationCount: integer("suppressed_notification_count").notNull().default(0),
    /** sent with a test key (`nhood_sk_test_…`): the workflows it starts run as test executions (decision 020) */
    test: boolean("test").notNull().default(false),
  },
  (t) => [
    uniqueIndex("ingested_events_client_id_key").on(t.workspaceId, t.clientEventId),
    index("ingested_events_ws_type_received_idx").on(t.workspaceId, t.type, t.receivedAt),
    index("ingested_events_pending_idx").on(t.workspaceId, t.receivedAt).where(sql`processed_at is null`),
    // the retention prune's (decision 023)
    index("ingested_events_received_brin").using("brin", t.receivedAt),
  ],
);

/** Rules (seed 003 §4.3): a CEL condition over the event; matches notify the target roles. */
export const rules = pgTable(
  "rules",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaceKey.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    /** CEL expression over `event` ({type, payload, source, timestamp}); `true` matches all */
    condition: text("condition").notNull(),
    targetRoles: text("target_roles").array().notNull(),
    /** the workspace's user roles (integrations' user_roles keys) whose users it notifies */
    targetUserRoles: text("target_user_roles").array().notNull().default(sql`'{}'::text[]`),
    /** also notify the users the event names: `payload.userId` / `payload.userIds` (their externalUserId) */
    targetEventUsers: boolean("target_event_users").notNull().default(false),
    /** evaluation order: lower numbers first */
    priority: integer("priority").notNull().default(100),
    severity: text("severity", { enum: ["low", "normal", "high", "critical"] })
      .notNull()
      .default("normal"),
    soundId: uuid("sound_id"),
    titleTemplate: text("title_template").notNull(),
    messageTemplate: text("message_template").notNull(),
    /** extra channels besides the inbox */
    channels: text("channels").array().notNull().default(sql`'{}'::text[]`),
    active: boolean("active").notNull().default(true),
    createdBy: uuid("created_by"),
    createdAt: at("created_at").notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("rules_ws_active_idx").on(t.workspaceId, t.active, t.priority)],
);

export const notifications = pgTable(
  "notifications",
  {
    /** time-ordered (UUIDv7, migration 0043): a fan-out's rows append to the indexes instead of splitting random pages */
    id: uuid("id").primaryKey().default(sql`nh_uuidv7()`),
    /** no foreign key (migration 0043): its check cost a fifth of a fan-out row's insert; the purge deletes these rows itself */
    workspaceId: uuid("workspace_id").notNull(),
    /** the member recipient; null with `end_user_id` null = every member of the workspace */
    userId: uuid("user_id"),
    /** the end-user recipient (a workspace's app user, integrations' end_users.id) */
    endUserId: uuid("end_user_id"),
    title: text("title").notNull(),
    message: text("message").notNull(),
    priority: text("priority", { enum: ["low", "normal", "high", "critical"] })
      .notNull()
      .default("normal"),
    readAt: timestamp("read_at", { withTimezone: true }),
    acknowledgedAt: timestamp("acknowledged_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true, precision: KEYSET_PRECISION }).notNull().defaultNow(),
    /**
     * the SSE event id, per workspace: taken from the workspace's `notification_seqs` row, whose
     * lock is held to COMMIT, so commit order = seq order (migration 0046); a row inserted without
     * one gets the next from that counter through a trigger
     */
    seq: bigint("seq", { mode: "number" }).notNull().default(sql`null`),
    ruleId: uuid("rule_id"),
    eventId: uuid("event_id"),
    soundId: uuid("sound_id"),
    archivedAt: timestamp("archived_at", { withTimezone: true }),
  },
  (t) => [
    index("notifications_ws_created_idx").on(t.workspaceId, t.createdAt, t.id),
    index("notifications_ws_seq_idx").on(t.workspaceId, t.seq),
    index("notifications_ws_end_user_seq_idx").on(t.workspaceId, t.endUserId, t.seq).where(sql`end_user_id is not null`),
    // the retention prune's (decision 023)
    index("notifications_created_brin").using("brin", t.createdAt),
  ],
);

/**
 * Each workspace's last notification `seq` (migration 0046): a batch of notifications takes its
 * range with one update of this row, which also tells the workspace's last seq before them.
 */
export const notificationSeqs = pgTable("notification_seqs", {
  workspaceId: uuid("workspace_id").primaryKey(),
  lastSeq: bigint("last_seq", { mode: "number" }).notNull(),
});

/**
 * One row per notification and e-mail or push channel: with the notifications themselves (each
 * is its own inbox delivery, decision 036; rows of channel `inbox` are from before), the per-day
 * statistics source.
 */
export const notificationDeliveries = pgTable(
  "notification_deliveries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaceKey.id, { onDelete: "cascade" }),
    notificationId: uuid("notification_id")
      .notNull()
      .references(() => notifications.id, { onDelete: "cascade" }),
    channel: text("channel", { enum: ["inbox", "email", "push"] }).notNull(),
    status: text("status", { enum: ["pending", "delivered", "failed"] }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    error: text("error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
  },
  (t) => [
    index("notification_deliveries_ws_created_idx").on(t.workspaceId, t.createdAt),
    // a notification's deletion (retention) cascades to its deliveries through it
    index("notification_deliveries_notification_idx").on(t.notificationId),
  ],
);

/** Sounds (seed 003 §5.9): small audio files per workspace, bytes sniffed at upload. */
export const sounds = pgTable(
  "sounds",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaceKey.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    mimeType: text("mime_type").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    data: bytea("data").notNull(),
    createdAt: at("created_at").notNull().defaultNow(),
  },
  (t) => [index("sounds_ws_idx").on(t.workspaceId, t.createdAt)],
);

/** Outgoing webhook endpoints; secrets are `whsec_` (Standard Webhooks), encrypted at rest. */
export const webhookEndpoints = pgTable(
  "webhook_endpoints",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaceKey.id, { onDelete: "cascade" }),
    url: text("url").notNull(),
    description: text("description").notNull().default(""),
    /** event types delivered; empty = every type */
    eventTypes: text("event_types").array().notNull(),
    secretEncrypted: text("secret_encrypted").notNull(),
    /** the secret before the last rotation, still signed with until `previous_secret_expires_at` */
    previousSecretEncrypted: text("previous_secret_encrypted"),
    previousSecretExpiresAt: timestamp("previous_secret_expires_at", { withTimezone: true }),
    status: text("status", { enum: ["active", "disabled"] })
      .notNull()
      .default("active"),
    disabledReason: text("disabled_reason"),
    /** first failure since the last success; an endpoint failing for 5 days is disabled */
    failingSince: timestamp("failing_since", { withTimezone: true }),
    createdAt: at("created_at").notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("webhook_endpoints_ws_idx").on(t.workspaceId, t.createdAt)],
);

/** One message to one endpoint; its id is the `webhook-id` header (stable across retries). */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaceKey.id, { onDelete: "cascade" }),
    endpointId: uuid("endpoint_id")
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    eventType: text("event_type").notNull(),
    /** the domain event it carries (unique per endpoint, so a re-dispatch sends nothing twice) */
    sourceEventId: uuid("source_event_id"),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    status: text("status", { enum: ["pending", "succeeded", "failed"] })
      .notNull()
      .default("pending"),
    attemptCount: integer("attempt_count").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }),
    createdAt: at("created_at").notNull().defaultNow(),
  },
  (t) => [
    index("webhook_deliveries_endpoint_idx").on(t.endpointId, t.createdAt, t.id),
    uniqueIndex("webhook_deliveries_source_key").on(t.endpointId, t.sourceEventId),
    // the retention prune's (decision 023)
    index("webhook_deliveries_created_brin").using("brin", t.createdAt),
  ],
);

/** Every HTTP attempt of a delivery: status, latency and a response excerpt. */
export const webhookAttempts = pgTable(
  "webhook_attempts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaceKey.id, { onDelete: "cascade" }),
    deliveryId: uuid("delivery_id")
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: "cascade" }),
    attempt: integer("attempt").notNull(),
    responseStatus: integer("response_status"),
    latencyMs: integer("latency_ms").notNull(),
    responseExcerpt: text("response_excerpt"),
    error: text("error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("webhook_attempts_delivery_idx").on(t.deliveryId, t.attempt)],
);

/** Web Push subscriptions (RFC 8030/8291) of members' browsers; the endpoint passed the SSRF guard. */
export const pushSubscriptions = pgTable(
  "push_subscriptions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaceKey.id, { onDelete: "cascade" }),
    userId: uuid("user_id").notNull(),
    endpoint: text("endpoint").notNull(),
    p256dh: text("p256dh").notNull(),
    auth: text("auth").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("push_subscriptions_endpoint_key").on(t.workspaceId, t.endpoint), index("push_subscriptions_user_idx").on(t.workspaceId, t.userId)],
);

/** The workspace's VAPID key pair (RFC 8292), generated on first use; the private key encrypted. */
export const vapidKeys = pgTable("vapid_keys", {
  workspaceId: uuid("workspace_id")
    .primaryKey()
    .references(() => workspaceKey.id, { onDelete: "cascade" }),
  publicKey: text("public_key").notNull(),
  privateKeyEncrypted: text("private_key_encrypted").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** An end user's notification preferences: event types and channels they muted. */
export const notificationPreferences = pgTable(
  "notification_preferences",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaceKey.id, { onDelete: "cascade" }),
    endUserId: uuid("end_user_id").notNull(),
    mutedEventTypes: text("muted_event_types").array().notNull().default(sql`'{}'::text[]`),
    /** `inbox` (skip the inbox: stored archived, not streamed), `email`, `push` */
    mutedChannels: text("muted_channels").array().notNull().default(sql`'{}'::text[]`),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: "notification_preferences_pkey", columns: [t.workspaceId, t.endUserId] })],
);

/**
 * A workspace's mobile push credentials, one row per provider (decision 026): `settings` is what
 * may be shown back, `secret_encrypted` the private key sealed with the workspace's data key.
 */
export const pushCredentials = pgTable(
  "push_credentials",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaceKey.id, { onDelete: "cascade" }),
    provider: text("provider", { enum: ["fcm", "apns"] }).notNull(),
    settings: jsonb("settings").$type<Record<string, string>>().notNull(),
    secretEncrypted: text("secret_encrypted").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "push_credentials_pkey", columns: [t.workspaceId, t.provider] }),
    check("push_credentials_provider_check", sql`${t.provider} IN ('fcm', 'apns')`),
  ],
);
