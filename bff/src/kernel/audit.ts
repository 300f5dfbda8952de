/**
 * The audit log: a read model built from domain events by the `audit` consumer. Each event
 * becomes one row (who, what, when in UTC, from which IP and user agent) — except the types in
 * `NOT_AUDITED`.
 */
import { type DomainEvent, registerConsumer } from "./events";
import { auditLog } from "./schema";
import { driverOf } from "../db/tenant";

/**
 * Event types that get no audit row: `execution.succeeded` is one per workflow run (the engine's
 * volume — at 1,000 runs/s, 86 million rows a day kept 90 days, decision 023), done by no person
 * or key, and recorded where it is read: the execution and its step runs (kept for the plan's
 * window) and the domain-event log (platform metrics count it there). A failed or cancelled
 * execution is still audited. Decision 037.
 */
export const NOT_AUDITED = new Set(["execution.succeeded"]);

const row = (event: DomainEvent) => ({
  eventId: event.id,
  workspaceId: event.workspaceId,
  action: event.type,
  actorKind: event.actorKind,
  actorId: event.actorId,
  subjectId: event.subjectId,
  detail: event.payload,
  ip: event.ip,
  userAgent: event.userAgent,
  occurredAt: event.occurredAt,
});

// a batch's events of one workspace become their audit rows in one multi-row insert: constant SQL
// with the rows as one jsonb parameter (prepared once per connection), not drizzle's insert builder,
// which walked every value of up to 200 rows per batch
const AUDIT_BATCH_SQL = `
  insert into audit_log (event_id, workspace_id, action, actor_kind, actor_id, subject_id, detail, ip, user_agent, occurred_at)
  select event_id, workspace_id, action, actor_kind, actor_id, subject_id, coalesce(detail, '{}'::jsonb), ip, user_agent, occurred_at
  from jsonb_to_recordset($1::jsonb) as r(event_id uuid, workspace_id uuid, action text, actor_kind text, actor_id text, subject_id text,
    detail jsonb, ip text, user_agent text, occurred_at timestamptz)
  on conflict do nothing`;

registerConsumer(
  "audit",
  async (tx, event) => {
    if (NOT_AUDITED.has(event.type)) return;
    await tx.insert(auditLog).values(row(event)).onConflictDoNothing();
  },
  {
    batch: async (tx, all) => {
      const events = all.filter((e) => !NOT_AUDITED.has(e.type));
      if (!events.length) return;
      const client = driverOf(tx);
      if (!client) {
        await tx.insert(auditLog).values(events.map(row)).onConflictDoNothing();
        return;
      }
      const rows = events.map((e) => ({
        event_id: e.id,
        workspace_id: e.workspaceId,
        action: e.type,
        actor_kind: e.actorKind,
        actor_id: e.actorId,
        subject_id: e.subjectId,
        detail: e.payload,
        ip: e.ip,
        user_agent: e.userAgent,
        occurred_at: e.occurredAt.toISOString(),
      }));
      await client.unsafe(AUDIT_BATCH_SQL, [JSON.stringify(rows)]);
    },
  },
);
