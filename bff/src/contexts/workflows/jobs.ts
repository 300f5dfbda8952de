/** The workflows context's jobs: task name, job key and attempts of each, defined once (kernel/jobs.ts). */
import { jobKind } from "../../kernel/jobs";

/**
 * Ran an execution's steps before the execution queue (engine/queue.ts, migration 0025); kept so
 * that a job of it left in an upgraded database completes (as a no-op).
 */
export const RUN_EXECUTION_JOB = jobKind<{ workspace_id: string; execution_id: string }>("workflows.run_execution", {
  maxAttempts: 25,
  keyPrefix: "exec:",
  keyField: "execution_id",
});
/** Stalled-step recovery and retention (engine/maintenance.ts); one pending run, its run_at never postponed. */
export const MAINTENANCE_JOB = jobKind<Record<string, never>>("workflows.maintenance", {
  maxAttempts: 5,
  keyPrefix: "workflows:maintenance",
  keyMode: "preserve_run_at",
});
/** The next tick of a live schedule workflow; one pending tick per workflow. */
export const SCHEDULE_TICK_JOB = jobKind<{ workspace_id: string; workflow_id: string }>("workflows.schedule_tick", {
  maxAttempts: 25,
  keyPrefix: "schedule:",
  keyField: "workflow_id",
});
