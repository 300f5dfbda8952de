/**
 * `workflows.maintenance`, every 10 s across workspaces (platform scope):
 * - Stalled executions: a step run still `running` past its lease (step timeout + 15 s) belongs to
 *   a worker that died (e.g. `kill -9`); the execution's job is unlocked so another worker resumes
 *   it at that step (completed steps are never re-run; the provider call carries the same
 *   idempotency key). With the default 30 s step timeout a dead worker is detected within 55 s.
 * - Retention: finished executions (with their step runs) older than the plan's window are
 *   deleted in batches: free 7 days, professional 30, enterprise 90.
 */
import { sql } from "drizzle-orm";
import type { Database, Tx } from "../../../db/client";
import { withPlatform } from "../../../db/tenant";
import { logger } from "../../../lib/logger";
import { addJobSql, jobKeyPattern } from "../../../kernel/jobs";
import { MAINTENANCE_JOB, RUN_EXECUTION_JOB } from "../jobs";
import { workspacePlanSql } from "../../tenancy";

export const MAINTENANCE_EVERY_MS = 10_000;
export const RETENTION_DAYS = { free: 7, professional: 30, enterprise: 90 } as const;
const PRUNE_BATCH = 1000;

/** Queues the next maintenance run unless one is pending (its run_at is kept, never postponed). */
export async function scheduleMaintenance(tx: Tx, inMs = MAINTENANCE_EVERY_MS): Promise<void> {
  await tx.execute(sql`select ${addJobSql(MAINTENANCE_JOB, sql`'{}'::json`, undefined, sql`now() + ${`${inMs} milliseconds`}::interval`)}`);
}

/**
 * Unlocks the jobs of executions whose worker died; answers how many were handed over. A job
 * counts as dead when it has been locked for over 30 s and none of its execution's step runs
 * holds a live lease: a live worker always has one (it marks the steps it calls `running` with
 * a lease of step timeout + 15 s), except for the few milliseconds of a round's transaction.
 * graphile-worker alone would wait 4 hours before retrying a locked job. An active execution older
 * than 30 s with no job at all and no live lease gets a new job.
 */
export async function recoverStalledSteps(tx: Tx): Promise<number> {
  const unlocked = await tx.execute(sql`
    update graphile_worker._private_jobs j set locked_at = null, locked_by = null, run_at = now()
    from workflow_executions e
    where j.key like ${jobKeyPattern(RUN_EXECUTION_JOB)} and j.locked_at is not null and j.locked_at < now() - interval '30 seconds'
      and e.id = substr(j.key, ${RUN_EXECUTION_JOB.keyPrefix!.length + 1}::int)::uuid and e.status in ('queued', 'running')
      and not exists (select 1 from workflow_step_runs r where r.execution_id = e.id and r.status = 'running' and r.lease_until >= now())
    returning j.id`);
  // an active execution with no job at all and no live lease (its job was lost): queue a new one
  const requeued = await tx.execute(sql`
    select ${addJobSql(RUN_EXECUTION_JOB, sql`json_build_object('workspace_id', e.workspace_id, 'execution_id', e.id)`, sql`e.id`)}
    from workflow_executions e
    where e.status in ('queued', 'running') and e.created_at < now() - interval '30 seconds'
      and not exists (select 1 from graphile_worker._private_jobs j where j.key = ${RUN_EXECUTION_JOB.keyPrefix}::text || e.id)
      and not exists (select 1 from workflow_step_runs r where r.execution_id = e.id and r.status = 'running' and r.lease_until >= now())
    limit 1000`);
  const n = unlocked.length + requeued.length;
  if (n) logger.warn({ unlocked: unlocked.length, requeued: requeued.length }, "resuming executions of workers that stopped answering");
  return n;
}

/** Deletes one batch of finished executions past their workspace plan's retention; answers the count. */
export async function pruneExecutions(tx: Tx): Promise<number> {
  const deleted = await tx.execute(sql`delete from workflow_executions where id in (
    select e.id from workflow_executions e
    where e.status not in ('queued', 'running')
      and e.created_at < now() - make_interval(days => case ${workspacePlanSql(sql`e.workspace_id`)} when 'enterprise' then ${RETENTION_DAYS.enterprise}::int when 'professional' then ${RETENTION_DAYS.professional}::int else ${RETENTION_DAYS.free}::int end)
    limit ${PRUNE_BATCH}::int) returning id`);
  return deleted.length;
}

export async function runMaintenance(db: Database): Promise<{ recovered: number; pruned: number }> {
  return withPlatform(db, async (tx) => {
    const recovered = await recoverStalledSteps(tx);
    const pruned = await pruneExecutions(tx);
    await scheduleMaintenance(tx, pruned === PRUNE_BATCH ? 1000 : MAINTENANCE_EVERY_MS);
    return { recovered, pruned };
  });
}
