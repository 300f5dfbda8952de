/**
 * The due-job alarm: wakes this process's idle job workers when a job scheduled for later falls
 * due, so the workers need not poll (docs/decisions/019-node-24-and-production-build.md).
 *
 * graphile-worker wakes idle workers by LISTEN/NOTIFY when a job is added, but a job whose
 * `run_at` is in the future (a retry with back-off, a cron tick, maintenance, a purge) only runs
 * when some worker polls after it is due. Instead of polling every 2 s, each time a worker finds
 * no job the alarm asks the database, in one statement, when the earliest available job of its
 * tasks is due, and sets one timer for that moment (`unref`'d); when it fires, it nudges an idle
 * worker, and each worker so nudged that finds a job nudges the next idle one. A job that is already due while
 * workers sit idle (another process is taking it, or it is locked) is looked for again after a
 * doubling delay (0.1 s … 60 s), never in a loop. Lookups are coalesced: at most one in flight and
 * one every `minLookupMs` (200). When the database fails a worker's fetch, a worker is nudged again
 * after 1 s, doubling up to 30 s, and the listener's reconnection triggers a lookup, so work
 * accepted during an outage starts as soon as the database is back. graphile-worker's own poll
 * (`NHOOD_JOB_POLL_MS`, default 60 s) stays as the safety net for a lost notification.
 */
import { EventEmitter } from "node:events";
import type pg from "pg";
import type { Worker, WorkerEvents } from "graphile-worker";
import { logger } from "../lib/logger";

export interface DueJobAlarm {
  /** the emitter to pass to graphile-worker's `run({ events })` */
  events: WorkerEvents;
  stop: () => void;
}

const MAX_TIMER_MS = 2_147_483_647; // setTimeout's limit (~24.8 days)
const MAX_RETRY_MS = 60_000;
const MAX_ERROR_RETRY_MS = 30_000;

/**
 * Starts the alarm for the workers of one `run()`: `pool` is the job queue's pool, `tasks` the
 * identifiers of the tasks these workers run (jobs of other tasks are not theirs to wake for).
 */
export function startDueJobAlarm(pool: pg.Pool, opts: { tasks: string[]; minLookupMs?: number }): DueJobAlarm {
  const minLookupMs = opts.minLookupMs ?? 200;
  const tasks = [...opts.tasks];
  const events = new EventEmitter() as WorkerEvents;
  const workers = new Set<Worker>();
  const idle = new Set<Worker>();
  const nudged = new Set<Worker>(); // woken by the alarm: when one finds a job, it wakes the next
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let lookupTimer: NodeJS.Timeout | null = null;
  let lookingUp = false;
  let again = false;
  let lastLookup = -Infinity;
  let retryMs = 0; // delay before nudging for a job that is already due, doubled while none is found
  let errorTimer: NodeJS.Timeout | null = null;
  let errorMs = 0; // delay before retrying a fetch the database failed, doubled while it fails

  const clearTimer = () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };
  const setTimer = (ms: number, fn: () => void) => {
    clearTimer();
    timer = setTimeout(
      () => {
        timer = null;
        fn();
      },
      Math.min(Math.max(0, ms), MAX_TIMER_MS),
    );
    timer.unref();
  };
  const nudgeOne = () => {
    for (const w of idle) {
      idle.delete(w);
      if (w.nudge()) {
        nudged.add(w);
        return true;
      }
    }
    return false;
  };

  /** Asks when the earliest available job is due and sets the timer (coalesced and rate-limited). */
  const lookup = () => {
    if (stopped || !idle.size) return;
    if (lookingUp) {
      again = true;
      return;
    }
    const wait = lastLookup + minLookupMs - performance.now();
    if (wait > 0) {
      if (!lookupTimer) {
        lookupTimer = setTimeout(() => {
          lookupTimer = null;
          lookup();
        }, wait);
        lookupTimer.unref();
      }
      return;
    }
    lookingUp = true;
    again = false;
    lastLookup = performance.now();
    pool
      .query<{ due_in_ms: number | null }>(
        `select (extract(epoch from min(j.run_at) - now()) * 1000)::float8 as due_in_ms
       from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id
       where j.is_available and t.identifier = any($1::text[])`,
        [tasks],
      )
      .then(
        ({ rows }) => {
          const dueInMs = rows[0]?.due_in_ms ?? null;
          if (stopped || !idle.size) return;
          if (dueInMs === null) return clearTimer(); // nothing pending: a new job arrives by NOTIFY
          if (dueInMs > 0) {
            retryMs = 0;
            return setTimer(dueInMs, nudgeOne);
          }
          retryMs = Math.min(MAX_RETRY_MS, retryMs ? retryMs * 2 : 100);
          setTimer(retryMs, nudgeOne);
        },
        (err: unknown) => {
          // the database is away: graphile-worker's poll and the next idle worker retry
          logger.debug({ err: String(err), component: "worker" }, "due-job lookup failed");
        },
      )
      .finally(() => {
        lookingUp = false;
        if (again) lookup();
      });
  };

  events.on("worker:create", ({ worker }) => {
    workers.add(worker);
  });
  events.on("worker:release", ({ worker }) => {
    workers.delete(worker);
    idle.delete(worker);
    nudged.delete(worker);
  });
  events.on("worker:getJob:start", ({ worker }) => {
    idle.delete(worker);
  });
  events.on("worker:getJob:empty", ({ worker }) => {
    if (!workers.has(worker)) return;
    nudged.delete(worker);
    idle.add(worker);
    errorMs = 0;
    lookup();
  });
  events.on("worker:getJob:error", ({ worker }) => {
    if (!workers.has(worker) || stopped) return;
    nudged.delete(worker);
    idle.add(worker); // graphile-worker retries after its poll interval; we retry sooner
    if (errorTimer) return;
    errorMs = Math.min(MAX_ERROR_RETRY_MS, errorMs ? errorMs * 2 : 1000);
    errorTimer = setTimeout(() => {
      errorTimer = null;
      nudgeOne();
    }, errorMs);
    errorTimer.unref();
  });
  events.on("job:start", ({ worker }) => {
    retryMs = 0;
    errorMs = 0;
    // the job the alarm woke for may have company: one more idle worker looks
    if (nudged.delete(worker)) nudgeOne();
  });
  // notifications sent while the listener was away are lost: look for due jobs
  events.on("pool:listen:success", () => {
    lastLookup = -Infinity;
    lookup();
  });

  return {
    events,
    stop: () => {
      stopped = true;
      clearTimer();
      if (errorTimer) clearTimeout(errorTimer);
      if (lookupTimer) clearTimeout(lookupTimer);
      idle.clear();
      nudged.clear();
      workers.clear();
    },
  };
}
