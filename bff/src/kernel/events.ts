/**
 * The domain-event log (transactional outbox). `appendDomainEvent` inserts the event and its
 * dispatch job in the caller's transaction; the `domain_event.dispatch` job hands the event to
 * every registered consumer, each exactly once per (event, consumer) thanks to
 * `event_consumptions`. Consumers run in a transaction scoped to the event's workspace (or the
 * platform scope for platform-level events with no workspace).
 */
import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { Database, Tx } from "../db/client";
import { withPlatform, withWorkspace } from "../db/tenant";
import { currentRequest } from "../lib/request-context";
import { auditLog, domainEvents, eventConsumptions } from "./schema";
import { jsonMentions, redactJson } from "../lib/redact";
import { addJobSql, jobKind } from "./jobs";
import { findFirst } from "../db/find-first";

/** The job that hands one event to its consumers (kernel/dispatch.ts), one per event. */
export const DISPATCH_JOB = jobKind<{ event_id: string; workspace_id: string | null }>("domain_event.dispatch", {
  maxAttempts: 10,
  keyPrefix: "dispatch:",
  keyField: "event_id",
});

export type DomainEvent = typeof domainEvents.$inferSelect;

export interface NewDomainEvent {
  workspaceId: string | null;
  /** dotted, past tense: `workspace.created`, `auth.sign_in_failed`, `api_key.revoked` */
  type: string;
  subjectId?: string | null;
  payload?: Record<string, unknown>;
}

/**
 * Appends an event and enqueues its dispatch in `tx`, in one statement (a data-modifying CTE:
 * the event row and its `domain_event.dispatch` job commit together or not at all). Answers the
 * event id.
 */
export async function appendDomainEvent(tx: Tx, event: NewDomainEvent): Promise<string> {
  const facts = currentRequest();
  const id = randomUUID();
  const job = JSON.stringify({ event_id: id, workspace_id: event.workspaceId });
  await tx.execute(sql`
    with ev as (
      insert into ${domainEvents} (id, workspace_id, type, actor_kind, actor_id, subject_id, payload, ip, user_agent, request_id)
      values (${id}, ${event.workspaceId}, ${event.type}, ${facts.actor.kind}, ${facts.actor.id}, ${event.subjectId ?? null},
        ${JSON.stringify(event.payload ?? {})}::jsonb, ${facts.ip}, ${facts.userAgent}, ${facts.requestId})
      returning id)
    select ${addJobSql(DISPATCH_JOB, sql`${job}::json`, sql`${id}`)} from ev`);
  return id;
}

/** Appends an event in its own transaction (for facts that must survive a failing request). */
export function recordDomainEvent(db: Database, event: NewDomainEvent): Promise<string> {
  return event.workspaceId
    ? withWorkspace(db, event.workspaceId, (tx) => appendDomainEvent(tx, event))
    : withPlatform(db, (tx) => appendDomainEvent(tx, event));
}

export type Consumer = (tx: Tx, event: DomainEvent) => Promise<void>;
const consumers = new Map<string, Consumer>();

/** Registers a consumer under a stable name (the name is part of its idempotency key). */
export function registerConsumer(name: string, consumer: Consumer): void {
  consumers.set(name, consumer);
}

/**
 * Runs every consumer that has not yet applied `eventId`, in one transaction. Claims are one
 * insert into `event_consumptions` (a consumer applies an event at most once). By default a
 * consumer that throws rolls the whole dispatch back and the job retries; with `isolate` (the
 * job's retries) each consumer runs in its own savepoint, so a failing one is rolled back alone,
 * the others commit, and the call then throws. Answers the event's type (null when it is gone).
 */
export async function dispatchDomainEvent(db: Database, eventId: string, workspaceId: string | null, opts: { isolate?: boolean } = {}): Promise<string | null> {
  const scope = <T>(fn: (tx: Tx) => Promise<T>) => (workspaceId ? withWorkspace(db, workspaceId, fn) : withPlatform(db, fn));
  const failures: { consumer: string; error: unknown }[] = [];
  const type = await scope(async (tx) => {
    const event = await findFirst(tx, domainEvents, eq(domainEvents.id, eventId));
    if (!event) return null;
    if (!opts.isolate && consumers.size) {
      const claimed = await tx
        .insert(eventConsumptions)
        .values([...consumers.keys()].map((consumer) => ({ eventId, consumer, workspaceId })))
        .onConflictDoNothing()
        .returning({ consumer: eventConsumptions.consumer });
      for (const { consumer } of claimed) await consumers.get(consumer)!(tx, event);
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
          if (claimed.length) await consumer(sp, event);
        });
      } catch (error) {
        failures.push({ consumer: name, error });
      }
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

/** True when `consumer` has applied `eventId` (tests and diagnostics). */
export async function wasConsumed(db: Database, workspaceId: string | null, eventId: string, consumer: string): Promise<boolean> {
  const scope = <T>(fn: (tx: Tx) => Promise<T>) => (workspaceId ? withWorkspace(db, workspaceId, fn) : withPlatform(db, fn));
  const rows = await scope((tx) =>
    tx
      .select()
      .from(eventConsumptions)
      .where(and(eq(eventConsumptions.eventId, eventId), eq(eventConsumptions.consumer, consumer))),
  );
  return rows.length > 0;
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
