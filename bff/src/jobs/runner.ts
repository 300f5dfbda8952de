/**
 * The job runner: graphile-worker (docs/decisions/004-job-runner.md) on the app's database role.
 * Jobs are claimed with SKIP LOCKED and woken by LISTEN/NOTIFY, so any number of worker processes
 * can run the same task list. `startWorkers` answers a `stop()` that waits for running jobs.
 */
import { Logger, run, type Runner, type Task, type TaskList } from "graphile-worker";
import { withSpan } from "../lib/tracing";
import { jobsProcessed } from "../lib/metrics";
import pg from "pg";
import type { Database } from "../db/client";
import { registeredTasks } from "./registry";
import "../contexts/tasks";
import { logger } from "../lib/logger";

/** Every task the platform runs, keyed by the identifier used in `enqueueJob`. */
export function taskList(db: Database): TaskList {
  return Object.fromEntries([...registeredTasks()].map(([name, factory]) => {
    const task = factory(db);
    const traced: Task = (payload, helpers) => withSpan(`job ${name}`, { "nh.task": name, "nh.job_id": helpers.job.id, "nh.attempt": helpers.job.attempts }, async () => {
      try {
        await task(payload, helpers);
        jobsProcessed.inc({ task: name, outcome: "succeeded" });
      } catch (e) {
        jobsProcessed.inc({ task: name, outcome: "failed" });
        throw e;
      }
    });
    return [name, traced];
  }));
}

/** graphile-worker's log lines, as pino JSON with the job's scope (task, job id, worker id). */
export const workerLogger = new Logger((scope) => (level, message, meta) => {
  const method = level === "error" ? "error" : level === "warning" ? "warn" : level === "info" ? "info" : "debug";
  logger[method]({ component: "worker", ...scope, ...meta }, message);
});

export async function startWorkers(appUrl: string, db: Database, concurrency = Number(process.env.WORKER_CONCURRENCY ?? 5)): Promise<{ runner: Runner; stop: () => Promise<void> }> {
  // our own pool, so a connection dropped by the server (restart, Ctrl-C reaching an embedded
  // PostgreSQL first) is logged instead of crashing the process as an unhandled 'error' event
  const pgPool = new pg.Pool({ connectionString: appUrl, max: concurrency + 2 });
  pgPool.on("error", (err) => logger.warn({ err: err.message, component: "worker" }, "job queue connection lost"));
  const runner = await run({
    pgPool,
    concurrency,
    noHandleSignals: true,
    pollInterval: 2000,
    taskList: taskList(db),
    logger: workerLogger,
  });
  logger.info({ concurrency }, "workers started");
  return {
    runner,
    stop: async () => {
      await runner.stop().catch((err) => logger.warn({ err: String(err) }, "worker stop"));
      await pgPool.end().catch(() => {});
    },
  };
}
