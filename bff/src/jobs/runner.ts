/**
 * The job runner: graphile-worker (docs/decisions/004-job-runner.md) on the app's database role.
 * Jobs are claimed with SKIP LOCKED and woken by LISTEN/NOTIFY (jobs scheduled for later by the
 * due-job alarm), so any number of worker processes can run the same task list. `startWorkers`
 * answers a `stop()` that waits for running jobs.
 */
import { Logger, run, type Runner, type Task, type TaskList } from "graphile-worker";
import { withSpan } from "../lib/tracing";
import { jobsProcessed } from "../lib/metrics";
import pg from "pg";
import type { Database } from "../db/client";
import { registeredTasks } from "../kernel/tasks";
import "../contexts/tasks";
import { logger } from "../lib/logger";
import { startDueJobAlarm, type DueJobAlarm } from "./due-jobs";
import { startExecutionQueue } from "../contexts/workflows";

/**
 * How often an idle worker polls for jobs anyway (ms). New jobs wake workers by LISTEN/NOTIFY and
 * jobs scheduled for later by the due-job alarm (due-jobs.ts): the poll only covers a lost
 * notification, so it is long.
 */
const POLL_INTERVAL_MS = Number(process.env.NHOOD_JOB_POLL_MS ?? 60_000);

/** Every task the platform runs, keyed by the identifier used in `enqueueJob`. */
export function taskList(db: Database): TaskList {
  return Object.fromEntries(
    [...registeredTasks()].map(([name, factory]) => {
      const task = factory(db);
      const traced: Task = (payload, helpers) =>
        withSpan(`job ${name}`, { "nh.task": name, "nh.job_id": helpers.job.id, "nh.attempt": helpers.job.attempts }, async () => {
          try {
            await task(payload, helpers);
            jobsProcessed.inc({ task: name, outcome: "succeeded" });
          } catch (e) {
            jobsProcessed.inc({ task: name, outcome: "failed" });
            throw e;
          }
        });
      return [name, traced];
    }),
  );
}

/** graphile-worker's log lines, as pino JSON with the job's scope (task, job id, worker id). */
export const workerLogger = new Logger((scope) => (level, message, meta) => {
  const method = level === "error" ? "error" : level === "warning" ? "warn" : level === "info" ? "info" : "debug";
  logger[method]({ component: "worker", ...scope, ...meta }, message);
});

/**
 * Starts `concurrency` job slots on `appUrl`, supervised: graphile-worker 0.16 shuts a worker down
 * for good when it cannot record a job's end (the database went away: "committing seppuku",
 * graphile/worker#592) and leaves that job locked for 4 hours. On such a fatal error the
 * supervisor stops the runner, unlocks the dead workers' jobs (`force_unlock_workers`, retried
 * until the database answers) and starts a new runner. Also starts this process's execution
 * queue worker (workflows' engine/queue.ts: `NH_EXECUTION_SLOTS` executions at once), which runs
 * executions apart from graphile-worker's job slots. Answers a `stop()` that waits for running
 * jobs and executions.
 */
export async function startWorkers(
  appUrl: string,
  db: Database,
  concurrency = Number(process.env.WORKER_CONCURRENCY ?? 10),
): Promise<{ stop: () => Promise<void> }> {
  // our own pool, so a connection dropped by the server (restart, Ctrl-C reaching an embedded
  // PostgreSQL first) is logged instead of crashing the process as an unhandled 'error' event
  // idle connections are kept a minute: the periodic jobs (maintenance every 10 s) then reuse one
  // instead of authenticating a new connection each time
  const pgPool = new pg.Pool({ connectionString: appUrl, max: concurrency + 2, idleTimeoutMillis: 60_000 });
  pgPool.on("error", (err) => logger.warn({ err: err.message, component: "worker" }, "job queue connection lost"));
  const tasks = taskList(db);
  const dead = new Set<string>();
  let stopped = false;
  let restarting: Promise<void> | null = null;
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  let alarm: DueJobAlarm | null = null;

  const start = async (): Promise<Runner> => {
    alarm?.stop();
    alarm = startDueJobAlarm(pgPool, { tasks: Object.keys(tasks) });
    const r = await run({
      pgPool,
      concurrency,
      noHandleSignals: true,
      pollInterval: POLL_INTERVAL_MS,
      taskList: tasks,
      logger: workerLogger,
      events: alarm.events,
    });
    r.events.on("worker:fatalError", ({ worker }) => {
      dead.add(worker.workerId);
      restarting ??= restart().finally(() => {
        restarting = null;
      });
    });
    return r;
  };

  const restart = async () => {
    await sleep(500); // let the other workers of the same outage fail too
    logger.warn({ dead: [...dead] }, "job workers stopped on a database error; restarting them");
    await runner.stop().catch(() => {});
    while (!stopped) {
      try {
        await pgPool.query("select graphile_worker.force_unlock_workers($1::text[])", [[...dead]]);
        dead.clear();
        runner = await start();
        logger.info("job workers restarted");
        return;
      } catch (err) {
        logger.warn({ err: String(err) }, "job workers: database still unavailable");
        await sleep(500);
      }
    }
  };

  let runner = await start();
  const queue = await startExecutionQueue(db, appUrl);
  logger.info({ concurrency }, "workers started");
  return {
    stop: async () => {
      stopped = true;
      await queue.stop().catch((err) => logger.warn({ err: String(err) }, "execution queue stop"));
      await restarting;
      await runner.stop().catch((err) => logger.warn({ err: String(err) }, "worker stop"));
      alarm?.stop();
      await pgPool.end().catch(() => {});
    },
  };
}
