/** Platform tables: the domain-event log (the outbox), consumer bookkeeping and the audit log. */
import { bigint, bigserial, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid, varchar } from "drizzle-orm/pg-core";

/**
 * Append-only. `workspace_id` null = a platform-level event (e.g. a failed sign-in for an unknown
 * email). Partitioned by week of `occurred_at` (migration 0026, decision 023), so the primary key
 * is `(id, occurred_at)`; ids stay random UUIDs, unique in practice.
 */
export const domainEvents = pgTable(
  "domain_events",
  {
    id: uuid("id").defaultRandom().notNull(),
    seq: bigserial("seq", { mode: "number" }).notNull(),
    workspaceId: uuid("workspace_id"),
    type: text("type").notNull(),
    actorKind: text("actor_kind").notNull(),
    actorId: text("actor_id"),
    subjectId: text("subject_id"),
    payload: jsonb("payload").notNull().default({}),
    ip: text("ip"),
    userAgent: text("user_agent"),
    requestId: text("request_id"),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "domain_events_pkey", columns: [t.id, t.occurredAt] }),
    index("domain_events_ws_seq_idx").on(t.workspaceId, t.seq),
    index("domain_events_type_idx").on(t.type, t.seq),
    index("domain_events_occurred_brin").using("brin", t.occurredAt),
  ],
);

/**
 * The outbox queue (decision 023): one row per domain event not yet handed to its consumers,
 * inserted with the event, deleted by the transaction that runs the consumers. `attempts` and
 * `run_after` pace the retries of an event whose dispatch failed (infinity after the last one).
 */
export const domainEventQueue = pgTable(
  "domain_event_queue",
  {
    seq: bigint("seq", { mode: "number" }).primaryKey(),
    eventId: uuid("event_id").notNull(),
    workspaceId: uuid("workspace_id"),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    runAfter: timestamp("run_after", { withTimezone: true }).notNull().defaultNow(),
    lastError: text("last_error"),
  },
  (t) => [uniqueIndex("domain_event_queue_event_key").on(t.eventId)],
);

/**
 * One row per (event, consumer) applied on the per-consumer path (a retry, or a direct
 * `dispatchDomainEvent`): consumers are idempotent. The batch path needs none — its queue row's
 * deletion commits with the consumers' writes.
 */
export const eventConsumptions = pgTable(
  "event_consumptions",
  {
    eventId: uuid("event_id").notNull(),
    consumer: text("consumer").notNull(),
    workspaceId: uuid("workspace_id"),
    consumedAt: timestamp("consumed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.consumer] }), index("event_consumptions_consumed_brin").using("brin", t.consumedAt)],
);

/**
 * Read model built from domain events: who did what, when (UTC) and from where. Partitioned by
 * week of `occurred_at` like the log (decision 023): primary key `(event_id, occurred_at)`.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    eventId: uuid("event_id").notNull(),
    workspaceId: uuid("workspace_id"),
    action: text("action").notNull(),
    actorKind: text("actor_kind").notNull(),
    actorId: text("actor_id"),
    subjectId: text("subject_id"),
    detail: jsonb("detail").notNull().default({}),
    ip: text("ip"),
    userAgent: text("user_agent"),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ name: "audit_log_pkey", columns: [t.eventId, t.occurredAt] }), index("audit_ws_time_idx").on(t.workspaceId, t.occurredAt, t.eventId)],
);

/**
 * Request counters of rate-limiter-flexible's Postgres store (its own table shape: key,
 * points, expire in epoch ms), shared by every BFF process so a limit holds across them.
 */
export const rateLimits = pgTable("rate_limits", {
  key: varchar("key", { length: 255 }).primaryKey(),
  points: integer("points").notNull().default(0),
  expire: bigint("expire", { mode: "number" }),
});
