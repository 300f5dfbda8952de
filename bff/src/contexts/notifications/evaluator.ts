/**
 * Who evaluates ingested events, and when.
 *
 * - In a process that runs workers, `startEventEvaluator` runs an in-process evaluator: a request
 *   that stored events wakes it directly (no database round trip); it evaluates each woken
 *   workspace batch by batch (evaluation.ts), a few workspaces at a time, and while a workspace
 *   is being evaluated further wake-ups of it coalesce into one more pass. Every `sweepMs` (and
 *   at start) it looks for pending events of any workspace, so an event whose wake-up was lost
 *   (a crash after COMMIT, a web-only process whose enqueue failed) is only delayed.
 * - A process without one (`--web`, tests) enqueues a `notifications.evaluate_events` job with a
 *   per-workspace job key after COMMIT, at most one enqueue per workspace in flight (requests
 *   arriving meanwhile share the next one); a worker process runs it by waking its evaluator.
 */
import type { Database } from "../../db/client";
import { withPlatform } from "../../db/tenant";
import { logger } from "../../lib/logger";
import { evaluatePendingEvents } from "./evaluation";
import { scheduleEvaluation } from "./ingestion";
import { sql } from "drizzle-orm";

export interface EventEvaluator {
  /** marks the workspace as having pending events; evaluation starts on the next tick */
  wake: (workspaceId: string) => void;
  /** one sweep now (what the timer does); answers how many workspaces had pending events */
  sweep: () => Promise<number>;
  /** stops sweeping and waits for running evaluations */
  stop: () => Promise<void>;
}

let local: EventEvaluator | null = null;

/** The evaluator running in this process, if any. */
export function localEvaluator(): EventEvaluator | null {
  return local;
}

/**
 * Starts this process's evaluator (call once, where the workers start). `concurrency` workspaces
 * are evaluated at a time; `sweepMs` is the period of the lost-wake-up sweep.
 */
export function startEventEvaluator(db: Database, opts: { concurrency?: number; sweepMs?: number } = {}): EventEvaluator {
  const concurrency = opts.concurrency ?? Number(process.env.NOTIFICATIONS_EVALUATORS ?? 2);
  const sweepMs = opts.sweepMs ?? 5000;
  const dirty = new Set<string>();
  const running = new Map<string, Promise<void>>();
  let stopped = false;

  const pump = () => {
    for (const ws of dirty) {
      if (stopped || running.size >= concurrency) return;
      if (running.has(ws)) continue; // stays dirty: one more pass after the current one
      dirty.delete(ws);
      const run = evaluatePendingEvents(db, ws).then(() => {}, (err) => {
        // the events stay pending: the next wake-up or sweep retries them
        logger.error({ err: String(err), workspace_id: ws }, "evaluating ingested events failed");
      }).finally(() => {
        running.delete(ws);
        pump();
      });
      running.set(ws, run);
    }
  };

  const sweep = async (): Promise<number> => {
    const rows = await withPlatform(db, (tx) => tx.execute<{ workspace_id: string }>(sql`
      select distinct workspace_id from ingested_events where processed_at is null`));
    for (const r of rows) dirty.add(r.workspace_id);
    pump();
    return rows.length;
  };
  const sweepSafely = () => sweep().catch((err) => logger.warn({ err: String(err) }, "sweep for pending events failed"));
  const timer = setInterval(() => void sweepSafely(), sweepMs);
  timer.unref();
  void sweepSafely();

  const evaluator: EventEvaluator = {
    wake: (ws) => {
      if (stopped) return;
      dirty.add(ws);
      queueMicrotask(pump);
    },
    sweep,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await Promise.all(running.values());
      if (local === evaluator) local = null;
    },
  };
  local = evaluator;
  logger.info({ concurrency, sweep_ms: sweepMs }, "event evaluator started");
  return evaluator;
}

const inFlight = new Map<string, Promise<void>>();
const queued = new Map<string, Promise<void>>();

/** Runs `enqueue` for `key` unless one is in flight; then all callers share the one after it. */
function coalesced(key: string, enqueue: () => Promise<void>): Promise<void> {
  const waiting = queued.get(key);
  if (waiting) return waiting;
  const start = (): Promise<void> => {
    const p = enqueue().finally(() => {
      if (inFlight.get(key) === p) inFlight.delete(key);
    });
    inFlight.set(key, p);
    return p;
  };
  const current = inFlight.get(key);
  if (!current) return start();
  const next = current.catch(() => {}).then(() => {
    queued.delete(key);
    return start();
  });
  queued.set(key, next);
  return next;
}

/**
 * Asks for the workspace's pending events to be evaluated; call it after the COMMIT that stored
 * them. Never throws: a failed enqueue is logged and the sweep finds the events later.
 */
export async function requestEvaluation(db: Database, workspaceId: string): Promise<void> {
  if (local) return local.wake(workspaceId);
  try {
    await coalesced(workspaceId, () => db.transaction((tx) => scheduleEvaluation(tx, workspaceId)));
  } catch (err) {
    logger.warn({ err: String(err), workspace_id: workspaceId }, "could not enqueue event evaluation; the sweep will find the events");
  }
}
