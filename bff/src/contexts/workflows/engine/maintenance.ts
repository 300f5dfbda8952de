/**
 * `workflows.maintenance`, every 10 s across workspaces (platform scope). Executions of a worker
 * that died need nothing from here: their heartbeated lease runs out and the queue's next claim
 * takes them over (queue.ts).
 * - Retention: finished executions (with their step runs) older than the plan's window are
 *   deleted in batches: free 7 days, professional 30, enterprise 90.
 */
import { sql } from "drizzle-orm";
import type { Database, Tx } from "../../../db/client";
import { withPlatform } from "../../../db/tenant";
import { addJobSql } from "../../../kernel/jobs";
import { MAINTENANCE_JOB } from "../jobs";
import { workspacePlanSql } from "../../tenancy";

export const MAINTENANCE_EVERY_MS = 10_000;
export const RETENTION_DAYS = { free: 7, professional: 30, enterprise: 90 } as const;
const PRUNE_BATCH = 1000;

/** Queues the next maintenance run unless one is pending (its run_at is kept, never postponed). */
export async function scheduleMaintenance(tx: Tx, inMs = MAINTENANCE_EVERY_MS): Promise<void> {
  await tx.execute(sql`select ${addJobSql(MAINTENANCE_JOB, sql`'{}'::json`, undefined, sql`now() + ${`${inMs} milliseconds`}::interval`)}`);
}

/**
 * Deletes one batch of finished executions past their workspace plan's retention; answers the
 * count. It reads only what it deletes: the workspaces that have executions are enumerated by a
 * skip scan of `workflow_executions_ws_created_idx` (one index probe per workspace), and each
 * workspace's expired executions are the front of its range in that index. The earlier form
 * (one plan lookup per execution over the whole table, every 10 s) grew with the table: 80 ms at
 * 10 000 executions, and a 90-day enterprise history would have been read in full every run.
 */
export async function pruneExecutions(tx: Tx): Promise<number> {
  const deleted = await tx.execute(sql`with recursive ws(id) as (
      (select workspace_id from workflow_executions order by workspace_id limit 1)
      union all
      select (select e.workspace_id from workflow_executions e where e.workspace_id > ws.id order by e.workspace_id limit 1)
      from ws where ws.id is not null
    )
    delete from workflow_executions where id = any(array(
      select x.id from ws cross join lateral (
        select e.id from workflow_executions e
        where e.workspace_id = ws.id
          and e.created_at < now() - make_interval(days => case ${workspacePlanSql(sql`ws.id`)} when 'enterprise' then ${RETENTION_DAYS.enterprise}::int when 'professional' then ${RETENTION_DAYS.professional}::int else ${RETENTION_DAYS.free}::int end)
          and e.status not in ('queued', 'running')
        order by e.created_at
        limit ${PRUNE_BATCH}::int
      ) x
      where ws.id is not null
      limit ${PRUNE_BATCH}::int)) returning id`);
  return deleted.length;
}

export async function runMaintenance(db: Database): Promise<{ pruned: number }> {
  return withPlatform(db, async (tx) => {
    const pruned = await pruneExecutions(tx);
    await scheduleMaintenance(tx, pruned === PRUNE_BATCH ? 1000 : MAINTENANCE_EVERY_MS);
    return { pruned };
  });
}
