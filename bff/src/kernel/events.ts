/**
 * The domain-event log (transactional outbox, decisions 011 and 023). `appendDomainEvent` inserts
 * the event and its row in the outbox queue (`domain_event_queue`) in the caller's transaction,
 * in one statement, and notifies `nh_domain_events`. Dispatchers (kernel/dispatch.ts) claim
 * queued events in batches and hand them to every registered consumer; `dispatchDomainEvent`
 * is the per-event path (retries, tests), exactly once per (event, consumer) thanks to
 * `event_consumptions`. Consumers run in a transaction scoped to the event's workspace (or the
 * platform scope for platform-level events with no workspace).
 */
import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { Database, Tx } from "../db/client";
import { withPlatform, withWorkspace } from "../db/tenant";
import { currentRequest } from "../lib/request-context";
import { auditLog, domainEventQueue, domainEvents, eventConsumptions } from "./schema";
import { jsonMentions, redactJson } from "../lib/redact";
import { jobKind } from "./jobs";
import { findFirst } from "../db/find-first";

/**
 * The job that handed one event to its consumers before decision 023. Nothing enqueues it any
 * more; its task stays registered for jobs that a process of the previous version enqueued
 * during a rolling deploy.
 */
export const DISPATCH_JOB = jobKind<{ event_id: string; workspace_id: string | null }>("domain_event.dispatch", {
  maxAttempts: 10,
  keyPrefix: "dispatch:",
  keyField: "event_id",
});

/** The channel `appendDomainEvent` notifies (empty payload) so that dispatchers wake at once. */
export const DISPATCH_CHANNEL = "nh_domain_events";

/** Dispatch attempts of one event; after the last one its queue row stays, `run_after` = infinity. */
export const MAX_DISPATCH_ATTEMPTS = 10;

export type DomainEvent = typeof domainEvents.$inferSelect;

export interface NewDomainEvent {
  workspaceId: string | null;
  /** dotted, past tense: `workspace.created`, `auth.sign_in_failed`, `api_key.revoked` */
  type: string;
  subjectId?: string | null;
  payload?: Record<string, unknown>;
}

/**
 * Appends an event and queues its dispatch in `tx`, in one statement (a data-modifying CTE: the
 * event row and its `domain_event_queue` row commit together or not at all), and notifies
 * `nh_domain_events` (delivered at COMMIT). Answers the event id.
 */
export async function appendDomainEvent(tx: Tx, event: NewDomainEvent): Promise<string> {
  const facts = currentRequest();
  const id = randomUUID();
  await tx.execute(sql`
    with ev as (
      insert into ${domainEvents} (id, workspace_id, type, actor_kind, actor_id, subject_id, payload, ip, user_agent, request_id)
      values (${id}, ${event.workspaceId}, ${event.type}, ${facts.actor.kind}, ${facts.actor.id}, ${event.subjectId ?? null},
        ${JSON.stringify(event.payload ?? {})}::jsonb, ${facts.ip}, ${facts.userAgent}, ${facts.requestId})
      returning id, seq, workspace_id, occurred_at),
    queued as (
      insert into ${domainEventQueue} (seq, event_id, workspace_id, occurred_at)
      select seq, id, workspace_id, occurred_at from ev
      returning seq)
    select pg_notify(${DISPATCH_CHANNEL}, '') from queued`);
  return id;
}

/**
 * Appends several events in `tx` in one statement (their event rows and queue rows, then one
 * notify), for bulk writes such as a users sync: the same as calling appendDomainEvent for each,
 * without a round trip per event. Answers the ids in the order of `events`.
 */
export async function appendDomainEvents(tx: Tx, events: NewDomainEvent[]): Promise<string[]> {
  if (!events.length) return [];
  if (events.length === 1) return [await appendDomainEvent(tx, events[0]!)];
  const facts = currentRequest();
  const rows = events.map((e, n) => ({ n, id: randomUUID(), ws: e.workspaceId, type: e.type, subject: e.subjectId ?? null, payload: e.payload ?? {} }));
  await tx.execute(sql`
    with ev as (
      insert into ${domainEvents} (id, workspace_id, type, actor_kind, actor_id, subject_id, payload, ip, user_agent, request_id)
      select r.id, r.ws, r.type, ${facts.actor.kind}, ${facts.actor.id}, r.subject, r.payload, ${facts.ip}, ${facts.userAgent}, ${facts.requestId}
        from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(n int, id uuid, ws uuid, type text, subject uuid, payload jsonb)
       order by r.n
      returning id, seq, workspace_id, occurred_at),
    queued as (
      insert into ${domainEventQueue} (seq, event_id, workspace_id, occurred_at)
      select seq, id, workspace_id, occurred_at from ev
      returning seq)
    select pg_notify(${DISPATCH_CHANNEL}, '') from (select 1 from queued limit 1) as q`);
  return rows.map((r) => r.id);
}

/** Appends an event in its own transaction (for facts that must survive a failing request). */
export function recordDomainEvent(db: Database, event: NewDomainEvent): Promise<string> {
  return event.workspaceId
    ? withWorkspace(db, event.workspaceId, (tx) => appendDomainEvent(tx, event))
    : withPlatform(db, (tx) => appendDomainEvent(tx, event));
}

export type Consumer = (tx: Tx, event: DomainEvent) => Promise<void>;
/** Applies several events of one scope (one workspace, or the platform), in `seq` order, at once. */
export type BatchConsumer = (tx: Tx, events: DomainEvent[]) => Promise<void>;
interface RegisteredConsumer {
  one: Consumer;
  many: BatchConsumer;
}
const consumers = new Map<string, RegisteredConsumer>();

/**
 * Registers a consumer under a stable name (the name is part of its idempotency key). `batch`
 * applies a whole batch's events of one scope in fewer statements (e.g. one multi-row insert);
 * without it the batch path calls `consumer` once per event.
 */
export function registerConsumer(name: string, consumer: Consumer, opts: { batch?: BatchConsumer } = {}): void {
  const many: BatchConsumer =
    opts.batch ??
    (async (tx, events) => {
      for (const event of events) await consumer(tx, event);
    });
  consumers.set(name, { one: consumer, many });
}

/** The registered consumers, by name, in registration order (the batch dispatcher's list). */
export function registeredConsumers(): ReadonlyMap<string, RegisteredConsumer> {
  return consumers;
}

/**
 * The per-event path: runs every consumer that has not yet applied `eventId`, in one
 * transaction scoped to `workspaceId`, and removes the event's queue row. An event whose queue
 * row is gone was dispatched already (by a batch, or by a concurrent call: the row is locked
 * `FOR UPDATE` first) and is left alone, unless `legacy` (a pre-023 dispatch job, whose event has
 * no queue row). Claims are one insert into `event_consumptions` (a consumer applies an event at
 * most once). By default a consumer that throws rolls the whole dispatch back; with `isolate`
 * (retries) each consumer runs in its own savepoint, so a failing one is rolled back alone, the
 * others commit, the queue row records the failure (attempts + 1, next try after e^attempts
 * seconds, none after the 10th) and the call then throws. `due` only takes a queue row whose
 * retry is due and not locked by another dispatcher. Answers the event's type (null when gone).
 */
export async function dispatchDomainEvent(
  db: Database,
  eventId: string,
  workspaceId: string | null,
  opts: { isolate?: boolean; due?: boolean; legacy?: boolean } = {},
): Promise<string | null> {
  const scope = <T>(fn: (tx: Tx) => Promise<T>) => (workspaceId ? withWorkspace(db, workspaceId, fn) : withPlatform(db, fn));
  const failures: { consumer: string; error: unknown }[] = [];
  const type = await scope(async (tx) => {
    const queued = await tx.execute<{ seq: string }>(
      sql`select seq from ${domainEventQueue} where event_id = ${eventId}${opts.due ? sql` and run_after <= now()` : sql``} for update${opts.due ? sql` skip locked` : sql``}`,
    );
    if (opts.due && !queued.length) return null;
    const event = await findFirst(tx, domainEvents, eq(domainEvents.id, eventId));
    const dequeue = () => tx.delete(domainEventQueue).where(eq(domainEventQueue.eventId, eventId));
    if (!event) {
      if (queued.length) await dequeue();
      return null;
    }
    if (!queued.length && !opts.legacy) return event.type;
    if (!opts.isolate && consumers.size) {
      const claimed = await tx
        .insert(eventConsumptions)
        .values([...consumers.keys()].map((consumer) => ({ eventId, consumer, workspaceId })))
        .onConflictDoNothing()
        .returning({ consumer: eventConsumptions.consumer });
      for (const { consumer } of claimed) await consumers.get(consumer)!.one(tx, event);
      if (queued.length) await dequeue();
      return event.type;
    }
    for (const [name, consumer] of consumers) {
      try {
        await tx.transaction(async (sp) => {
          const claimed = await sp
            .insert(eventConsumptions)
            .values({ eventId, consumer: name, workspaceId })
            .onConflictDoNothing()
            .returning({ eventId: eventConsumptions.eventId });
          if (claimed.length) await consumer.one(sp, event);
        });
      } catch (error) {
        failures.push({ consumer: name, error });
      }
    }
    if (!queued.length) return event.type;
    if (!failures.length) await dequeue();
    else {
      const first = failures[0]!;
      const message = `${first.consumer}: ${first.error instanceof Error ? first.error.message : String(first.error)}`.slice(0, 2000);
      await tx.execute(sql`update ${domainEventQueue} set attempts = attempts + 1, last_error = ${message},
        run_after = case when attempts + 1 >= ${MAX_DISPATCH_ATTEMPTS}::int then 'infinity'::timestamptz
          else now() + make_interval(secs => exp(least(attempts + 1, 10))) end
        where event_id = ${eventId}`);
    }
    return event.type;
  });
  if (failures.length) {
    const first = failures[0]!;
    throw new Error(`consumer ${first.consumer} failed on event ${eventId}: ${first.error instanceof Error ? first.error.message : String(first.error)}`, {
      cause: first.error,
    });
  }
  return type;
}

/**
 * True when `consumer` has applied `eventId` (tests and diagnostics): its claim is recorded (the
 * per-event path), or the event's queue row is gone (a batch applied every consumer at once).
 */
export async function wasConsumed(db: Database, workspaceId: string | null, eventId: string, consumer: string): Promise<boolean> {
  const scope = <T>(fn: (tx: Tx) => Promise<T>) => (workspaceId ? withWorkspace(db, workspaceId, fn) : withPlatform(db, fn));
  const [row] = await scope((tx) =>
    tx.execute<{ applied: boolean }>(sql`select exists (select 1 from ${eventConsumptions} where event_id = ${eventId} and consumer = ${consumer})
      or (exists (select 1 from ${domainEvents} where id = ${eventId}) and not exists (select 1 from ${domainEventQueue} where event_id = ${eventId})) as applied`),
  );
  return row?.applied === true;
}

/**
 * Erasure (GDPR Art. 17) in the event log and its audit read model: a workspace's events and
 * audit rows that mention one of `identifiers` keep their facts (type, time, ids) but the
 * identifiers are replaced. The log stays append-only in every other respect.
 */
export async function eraseFromEventLog(tx: Tx, workspaceId: string, identifiers: string[]): Promise<void> {
  for (const id of identifiers) {
    await tx
      .update(domainEvents)
      .set({ payload: redactJson(domainEvents.payload, id) })
      .where(and(eq(domainEvents.workspaceId, workspaceId), jsonMentions(domainEvents.payload, id)));
    await tx
      .update(auditLog)
      .set({ detail: redactJson(auditLog.detail, id) })
      .where(and(eq(auditLog.workspaceId, workspaceId), jsonMentions(auditLog.detail, id)));
  }
}
