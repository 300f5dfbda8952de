/**
 * Batched dispatch of domain events (decision 023): a dispatcher loop in each worker process
 * claims queued events with `FOR UPDATE SKIP LOCKED`, runs every consumer over them in one
 * transaction, and deletes their queue rows in that transaction (the outbox stays atomic: an
 * event's consumers apply exactly when its queue row goes). Also loads the audit consumer and
 * keeps the pre-023 `domain_event.dispatch` task for jobs of a rolling deploy.
 */
import type postgres from "postgres";
import { sql } from "drizzle-orm";
import type { Database, Tx } from "../db/client";
import { INDEX_PLANS, withPlatform } from "../db/tenant";
import { domainEventsDispatched } from "../lib/metrics";
import { logger } from "../lib/logger";
import { withSpan } from "../lib/tracing";
import { registerTask } from "./tasks";
import { DISPATCH_CHANNEL, DISPATCH_JOB, type DomainEvent, dispatchDomainEvent, registeredConsumers } from "./events";
import { domainEventQueue, domainEvents } from "./schema";
import "./audit";

/** Events claimed per batch (DOMAIN_EVENT_BATCH, default 200). */
export const DISPATCH_BATCH = Number(process.env.DOMAIN_EVENT_BATCH ?? 200);

registerTask(DISPATCH_JOB.task, (db) => async (payload, helpers) => {
  const p = payload as { event_id: string; workspace_id: string | null };
  // a retry isolates each consumer, so one that keeps failing cannot hold back the others
  const type = await dispatchDomainEvent(db, p.event_id, p.workspace_id, { isolate: helpers.job.attempts > 1, legacy: true });
  if (type) domainEventsDispatched.inc({ type });
});

type ClaimedRow = {
  id: string;
  seq: string | number;
  workspace_id: string | null;
  type: string;
  actor_kind: string;
  actor_id: string | null;
  subject_id: string | null;
  payload: unknown;
  ip: string | null;
  user_agent: string | null;
  request_id: string | null;
  occurred_at: string | Date;
};

const toEvent = (r: ClaimedRow): DomainEvent => ({
  id: r.id,
  seq: Number(r.seq),
  workspaceId: r.workspace_id,
  type: r.type,
  actorKind: r.actor_kind,
  actorId: r.actor_id,
  subjectId: r.subject_id,
  payload: typeof r.payload === "string" ? JSON.parse(r.payload) : r.payload,
  ip: r.ip,
  userAgent: r.user_agent,
  requestId: r.request_id,
  occurredAt: new Date(r.occurred_at),
});

/** Sets the scope of the consumers that follow in `tx`: the workspace, or the platform for null. */
async function scopeTo(tx: Tx, workspaceId: string | null): Promise<void> {
  await tx.execute(sql`select set_config('app.scope', ${workspaceId ? "" : "platform"}, true), set_config('app.workspace_id', ${workspaceId ?? ""}, true)`);
}

export interface BatchOutcome {
  /** events claimed from the queue */
  claimed: number;
  /** events whose consumers all applied */
  dispatched: number;
  /** events whose dispatch failed; their queue rows record the attempt */
  failed: number;
}

/**
 * Dispatches one batch: claims up to `limit` queued events never tried before (deleting their
 * queue rows and reading the events in one statement), then runs every consumer over them in
 * the same transaction, scope by scope (ordered by workspace, then `seq`, so concurrent
 * dispatchers take per-workspace locks in one order). No `event_consumptions` rows are written:
 * the deleted queue rows commit with the consumers' writes or not at all. When a consumer throws,
 * the whole batch rolls back and each of its events is dispatched on its own with per-consumer
 * savepoints (`dispatchDomainEvent`, isolate), which records a failure on the event's queue row.
 * The transaction plans on indexes (`INDEX_PLANS`): with the queue analysed while it was empty,
 * the claim scanned and sorted the whole queue at every call, so a backlog cost the square of its
 * size (decision 036, session 9).
 */
export async function dispatchEventBatch(db: Database, limit = DISPATCH_BATCH): Promise<BatchOutcome> {
  return withSpan("dispatch domain events", { "nh.batch_limit": limit }, async (span) => {
    let claimed: DomainEvent[] = [];
    try {
      await withPlatform(
        db,
        async (tx) => {
          const rows = await tx.execute<ClaimedRow>(sql`
          with claimed as (
            delete from ${domainEventQueue} where seq in (
              select seq from ${domainEventQueue} where attempts = 0 and run_after <= now()
              order by seq limit ${limit}::int for update skip locked)
            returning event_id, occurred_at)
          select e.* from ${domainEvents} e join claimed c on e.id = c.event_id and e.occurred_at = c.occurred_at`);
          claimed = rows.map(toEvent).sort((a, b) => (a.workspaceId ?? "").localeCompare(b.workspaceId ?? "") || a.seq - b.seq);
          let i = 0;
          while (i < claimed.length) {
            const workspaceId = claimed[i]!.workspaceId;
            let j = i;
            while (j < claimed.length && claimed[j]!.workspaceId === workspaceId) j++;
            const group = claimed.slice(i, j);
            await scopeTo(tx, workspaceId);
            for (const consumer of registeredConsumers().values()) await consumer.many(tx, group);
            i = j;
          }
        },
        INDEX_PLANS,
      );
    } catch (err) {
      if (!claimed.length) throw err;
      logger.warn({ err: String(err), events: claimed.length }, "a batch of domain events failed; dispatching its events one by one");
      let failed = 0;
      for (const event of [...claimed].sort((a, b) => a.seq - b.seq)) {
        try {
          await dispatchDomainEvent(db, event.id, event.workspaceId, { isolate: true });
          domainEventsDispatched.inc({ type: event.type });
        } catch (error) {
          failed++;
          logger.error({ err: String(error), event_id: event.id, type: event.type }, "domain event dispatch failed; it will be retried");
        }
      }
      span.setAttribute("nh.events", claimed.length);
      return { claimed: claimed.length, dispatched: claimed.length - failed, failed };
    }
    for (const event of claimed) domainEventsDispatched.inc({ type: event.type });
    span.setAttribute("nh.events", claimed.length);
    return { claimed: claimed.length, dispatched: claimed.length, failed: 0 };
  });
}

/**
 * Dispatches the retries that are due (events that failed before), one by one with per-consumer
 * isolation, at most `limit`; answers how many were tried.
 */
export async function dispatchDueRetries(db: Database, limit = 20): Promise<number> {
  const due = await withPlatform(db, (tx) =>
    tx.execute<{ event_id: string; workspace_id: string | null }>(sql`
      select event_id, workspace_id from ${domainEventQueue} where attempts > 0 and run_after <= now() order by seq limit ${limit}::int`),
  );
  for (const r of due) {
    try {
      const type = await dispatchDomainEvent(db, r.event_id, r.workspace_id, { isolate: true, due: true });
      if (type) domainEventsDispatched.inc({ type });
    } catch (err) {
      logger.error({ err: String(err), event_id: r.event_id }, "domain event dispatch failed again; it will be retried");
    }
  }
  return due.length;
}

/**
 * One round of a dispatcher: a batch, and with `retries` the due retries. Answers how many
 * events it took from the queue (0 = nothing to do).
 */
export async function dispatchPendingEvents(db: Database, opts: { limit?: number; retries?: boolean } = {}): Promise<number> {
  const batch = await dispatchEventBatch(db, opts.limit ?? DISPATCH_BATCH);
  const retried = opts.retries ? await dispatchDueRetries(db) : 0;
  return batch.claimed + retried;
}

/**
 * The outbox backlog for `/metrics`: queued events by state (`due`: waiting for a dispatcher,
 * `retrying`: failed, next try later, `dead`: failed every attempt) and the age in seconds of the
 * oldest due one (0 when none).
 */
export async function eventQueueBacklog(db: Database): Promise<{ due: number; retrying: number; dead: number; oldestDueSeconds: number }> {
  const [row] = await withPlatform(db, (tx) =>
    tx.execute<{ due: number; retrying: number; dead: number; age: number }>(sql`
      select count(*) filter (where run_after <= now())::int as due,
        count(*) filter (where run_after > now() and run_after < 'infinity')::int as retrying,
        count(*) filter (where run_after = 'infinity')::int as dead,
        coalesce(extract(epoch from now() - min(occurred_at) filter (where run_after <= now())), 0)::float8 as age
      from ${domainEventQueue}`),
  );
  return { due: row!.due, retrying: row!.retrying, dead: row!.dead, oldestDueSeconds: row!.age };
}

export interface EventDispatcher {
  /** runs a round now (what a notification does) */
  wake: () => void;
  /** stops the loops and waits for their running round */
  stop: () => Promise<void>;
}

/**
 * Starts this process's dispatcher loops (call once, where the workers start): `concurrency`
 * loops (DOMAIN_EVENT_DISPATCHERS, default 2) each run rounds back to back while batches come
 * back full, and otherwise sleep until a `nh_domain_events` notification (with `listen`, the
 * process's postgres.js pool) or `pollMs` (DOMAIN_EVENT_POLL_MS, default 1,000: it only covers a
 * lost notification; due retries are looked for at most that often).
 */
export function startEventDispatcher(
  db: Database,
  opts: { listen?: postgres.Sql; concurrency?: number; pollMs?: number; limit?: number } = {},
): EventDispatcher {
  const concurrency = opts.concurrency ?? Number(process.env.DOMAIN_EVENT_DISPATCHERS ?? 2);
  const pollMs = opts.pollMs ?? Number(process.env.DOMAIN_EVENT_POLL_MS ?? 1000);
  const limit = opts.limit ?? DISPATCH_BATCH;
  let stopped = false;
  let pending = false;
  let lastRetries = 0;
  const sleepers = new Set<() => void>();
  const wake = () => {
    pending = true;
    for (const resume of sleepers) resume();
    sleepers.clear();
  };
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      if (pending || stopped) return resolve();
      const done = () => {
        clearTimeout(timer);
        sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      sleepers.add(done);
    });
  const loop = async () => {
    while (!stopped) {
      pending = false;
      let n = 0;
      try {
        const retries = performance.now() - lastRetries >= pollMs;
        if (retries) lastRetries = performance.now();
        n = await dispatchPendingEvents(db, { limit, retries });
      } catch (err) {
        logger.warn({ err: String(err) }, "domain event dispatcher: round failed; retrying");
        await sleep(Math.min(pollMs, 500));
        continue;
      }
      if (n < limit) await sleep(pollMs);
    }
  };
  const loops = Array.from({ length: concurrency }, () => loop());
  const listening = opts.listen
    ?.listen(
      DISPATCH_CHANNEL,
      () => wake(),
      () => wake(),
    )
    .catch((err) => {
      logger.warn({ err: String(err) }, `could not LISTEN on ${DISPATCH_CHANNEL}; queued events are found by the poll`);
      return null;
    });
  logger.info({ concurrency, poll_ms: pollMs, batch: limit }, "domain event dispatcher started");
  return {
    wake,
    stop: async () => {
      stopped = true;
      wake();
      await (await listening)?.unlisten().catch(() => {});
      await Promise.all(loops);
    },
  };
}
