/**
 * Who evaluates ingested events, and when.
 *
 * - In a process that runs workers, `startEventEvaluator` runs an in-process evaluator: a request
 *   of the same process wakes it directly (no database round trip), and it LISTENs on
 *   `nh_events` for the wake-ups of other processes. It evaluates each woken workspace batch by
 *   batch (evaluation.ts), a few workspaces at a time; while a workspace is being evaluated
 *   further wake-ups of it coalesce into one more pass. Every `sweepMs` (NOTIFICATIONS_SWEEP_MS,
 *   default 60 s), at start and whenever its LISTEN connection (re)connects it looks for pending
 *   events of any workspace, so an event whose wake-up was lost (a crash after COMMIT, no
 *   evaluator listening at the time) is only delayed.
 * - A process without one (`--web`) sends `NOTIFY nh_events, '<workspace id>'` after COMMIT (one
 *   statement, no row written), at most one per workspace per pass interval (`requestEvaluation`).
 * - Writers inside a transaction with no after-COMMIT hook (the domain-event consumer) enqueue a
 *   `notifications.evaluate_events` job instead (ingestion.ts `scheduleEvaluation`).
 */
import type postgres from "postgres";
import type { Database } from "../../db/client";
import { logger } from "../../lib/logger";
import { evaluatePendingEvents, workspacesWithPendingEvents } from "./evaluation";
import { sql } from "drizzle-orm";

export interface EventEvaluator {
  /** marks the workspace as having pending events; evaluation starts on the next tick */
  wake: (workspaceId: string) => void;
  /** one sweep now (what the timer does); answers how many workspaces had pending events */
  sweep: () => Promise<number>;
  /** stops sweeping and waits for running evaluations */
  stop: () => Promise<void>;
}

/** Least time between two passes over one workspace, and between two wake-ups sent for it (ms). */
const WAKE_INTERVAL_MS = Number(process.env.NOTIFICATIONS_PASS_INTERVAL_MS ?? 10);

/** The channel on which processes without an evaluator ask for a workspace's evaluation (payload: its id). */
export const EVENTS_CHANNEL = "nh_events";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

let local: EventEvaluator | null = null;

/** The evaluator running in this process, if any. */
export function localEvaluator(): EventEvaluator | null {
  return local;
}

/**
 * Starts this process's evaluator (call once, where the workers start). `concurrency` workspaces
 * are evaluated at a time; `sweepMs` is the period of the lost-wake-up sweep; `passIntervalMs` the
 * least time between the starts of two passes over one workspace. With `listen` (the
 * process's postgres.js pool) it also wakes on other processes' `nh_events` notifications.
 * `streams` is the database handle this process's SSE streams are served on, when `db` is
 * another (the evaluator's own connections, so that its batches never wait behind requests for
 * a pooled connection: server.ts): committed batches are handed to those streams (decision 029).
 */
export function startEventEvaluator(
  db: Database,
  opts: { concurrency?: number; sweepMs?: number; passIntervalMs?: number; listen?: postgres.Sql; streams?: Database } = {},
): EventEvaluator {
  const concurrency = opts.concurrency ?? Number(process.env.NOTIFICATIONS_EVALUATORS ?? 2);
  // the sweep only finds lost wake-ups (wake-ups are direct or by NOTIFY): once a minute is enough
  const sweepMs = opts.sweepMs ?? Number(process.env.NOTIFICATIONS_SWEEP_MS ?? 60_000);
  const passIntervalMs = opts.passIntervalMs ?? WAKE_INTERVAL_MS;
  const dirty = new Set<string>();
  const running = new Map<string, Promise<void>>();
  const lastPass = new Map<string, number>(); // workspace → when its last pass started (ms)
  const deferred = new Map<string, NodeJS.Timeout>();
  let stopped = false;

  const pump = () => {
    const now = performance.now();
    for (const ws of dirty) {
      if (stopped || running.size >= concurrency) return;
      if (running.has(ws) || deferred.has(ws)) continue; // stays dirty: one more pass after the current one
      // passes of one workspace start at most every passIntervalMs: under a steady stream of
      // events a pass takes the events of that interval in one batch (one transaction, a fixed
      // number of statements) instead of one batch per event; an idle workspace's first event
      // is evaluated at once
      const wait = (lastPass.get(ws) ?? -Infinity) + passIntervalMs - now;
      if (wait > 0) {
        deferred.set(
          ws,
          setTimeout(() => {
            deferred.delete(ws);
            pump();
          }, wait),
        );
        continue;
      }
      dirty.delete(ws);
      lastPass.set(ws, now);
      const run = evaluatePendingEvents(db, ws, { streams: opts.streams })
        .then(
          () => {},
          (err) => {
            // the events stay pending: the next wake-up or sweep retries them
            logger.error({ err: String(err), workspace_id: ws }, "evaluating ingested events failed");
          },
        )
        .finally(() => {
          running.delete(ws);
          if (lastPass.size > 10_000) lastPass.clear(); // forgetting only allows an earlier pass
          pump();
        });
      running.set(ws, run);
    }
  };

  const sweep = async (): Promise<number> => {
    const pending = await workspacesWithPendingEvents(db);
    for (const ws of pending) dirty.add(ws);
    pump();
    return pending.length;
  };
  const sweepSafely = () => sweep().catch((err) => logger.warn({ err: String(err) }, "sweep for pending events failed"));
  const timer = setInterval(() => void sweepSafely(), sweepMs);
  timer.unref();
  void sweepSafely();
  // onlisten runs at every (re)connect of the LISTEN connection: wake-ups sent while it was away are swept up
  const listening = opts.listen
    ?.listen(
      EVENTS_CHANNEL,
      (payload) => {
        if (UUID.test(payload)) evaluator.wake(payload);
      },
      () => void sweepSafely(),
    )
    .catch((err) => {
      logger.warn({ err: String(err) }, `could not LISTEN on ${EVENTS_CHANNEL}; pending events are found by the sweep`);
      return null;
    });

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
      for (const t of deferred.values()) clearTimeout(t);
      await (await listening)?.unlisten().catch(() => {});
      await Promise.all(running.values());
      if (local === evaluator) local = null;
    },
  };
  local = evaluator;
  logger.info({ concurrency, sweep_ms: sweepMs }, "event evaluator started");
  return evaluator;
}

/** Per workspace: when its last wake-up was sent, whether it is in flight, and a due trailing one. */
interface WakeUps {
  lastSent: number;
  inFlight: boolean;
  trailing: NodeJS.Timeout | null;
}
const wakeUps = new Map<string, WakeUps>();

function sendWakeUp(db: Database, workspaceId: string, w: WakeUps): void {
  w.lastSent = performance.now();
  w.inFlight = true;
  db.execute(sql`select pg_notify(${EVENTS_CHANNEL}, ${workspaceId})`)
    .then(
      () => {},
      (err: unknown) => {
        logger.warn({ err: String(err), workspace_id: workspaceId }, "could not ask for event evaluation; the sweep will find the events");
      },
    )
    .finally(() => {
      w.inFlight = false;
    });
}

/**
 * Asks for the workspace's pending events to be evaluated; call it after the COMMIT that stored
 * them. Wakes this process's evaluator, or else notifies the evaluators of worker processes
 * without waiting for it. Per workspace at most one notification is sent every
 * `NOTIFICATIONS_PASS_INTERVAL_MS` (10): a request inside that interval, or while one is in
 * flight, makes sure one more is sent after it (so every stored event is followed by a
 * notification, as evaluators start at most one pass per interval anyway). Never throws: a
 * failed notification is logged and the sweep finds the events later.
 */
export function requestEvaluation(db: Database, workspaceId: string): void {
  if (local) {
    local.wake(workspaceId);
    return;
  }
  let w = wakeUps.get(workspaceId);
  if (!w) {
    if (wakeUps.size >= 10_000) wakeUps.clear(); // forgetting only allows an earlier wake-up
    w = { lastSent: -Infinity, inFlight: false, trailing: null };
    wakeUps.set(workspaceId, w);
  }
  if (w.trailing) return; // one is due after this request already
  const wait = w.lastSent + WAKE_INTERVAL_MS - performance.now();
  if (wait <= 0 && !w.inFlight) {
    sendWakeUp(db, workspaceId, w);
    return;
  }
  const state = w;
  state.trailing = setTimeout(
    () => {
      state.trailing = null;
      sendWakeUp(db, workspaceId, state);
    },
    Math.max(0, wait),
  );
}
