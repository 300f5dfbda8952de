/**
 * Bounded history (decision 023). `retention.maintenance` runs every minute from the workers
 * (one pending job, its run_at kept), in three parts:
 * - **Partitions**: `domain_events` and `audit_log` are partitioned by week (migration 0026); each
 *   run creates the next 4 weeks' partitions ahead and drops every week that ended more than
 *   `LONGEST_RETENTION_DAYS` ago, whole (`nh_partition_week`, `nh_drop_partitions_before`).
 * - **Batched prunes**: every registered pruner deletes at most `PRUNE_BATCH` rows past their
 *   retention in its own transaction (a workspace's window comes from its plan,
 *   `retentionDaysSql`); while any batch comes back full the next run follows in 1 s.
 * - Contexts register pruners for their own tables (`registerPruner`); tenancy sets the plan
 *   policy (`setRetentionPolicy`). The kernel's own: domain events past their workspace's window
 *   (once dispatched), audit rows past the longest window (the audit log is the security record,
 *   kept as long for every plan), consumption claims of dispatched events after a day.
 */
import { sql, type SQL } from "drizzle-orm";
import type { Database, Tx } from "../db/client";
import { withPlatform } from "../db/tenant";
import { logger } from "../lib/logger";
import { addJobSql, jobKind } from "./jobs";
import { registerTask } from "./tasks";

/** The longest retention of any plan (enterprise), in days: whole partitions older go. */
export const LONGEST_RETENTION_DAYS = 90;
/** Rows one pruner deletes per transaction. */
export const PRUNE_BATCH = 1000;
/** Period of the retention task (ms) when no batch came back full. */
export const RETENTION_EVERY_MS = 60_000;
/** The tables partitioned by week. */
export const PARTITIONED_TABLES = ["domain_events", "audit_log"] as const;

/** One pending retention run; re-adding it keeps its run_at. */
export const RETENTION_JOB = jobKind<Record<string, never>>("retention.maintenance", {
  maxAttempts: 5,
  keyPrefix: "retention:maintenance",
  keyMode: "preserve_run_at",
});

/** A workspace's retention in days as SQL, from the workspace id SQL expression (e.g. `e.workspace_id`). */
export type RetentionPolicy = (workspaceId: SQL) => SQL<number>;
let policy: RetentionPolicy = () => sql<number>`${LONGEST_RETENTION_DAYS}::int`;

/** Sets the per-workspace retention (tenancy: from the workspace's plan). */
export function setRetentionPolicy(fn: RetentionPolicy): void {
  policy = fn;
}

/** Days the history of `workspaceId` (a SQL expression; null = platform-level rows) is kept. */
export function retentionDaysSql(workspaceId: SQL): SQL<number> {
  return sql<number>`(case when ${workspaceId} is null then ${LONGEST_RETENTION_DAYS}::int else ${policy(workspaceId)} end)`;
}

/** The time before which rows of `workspaceId` are past retention, as SQL. */
export function retentionCutoffSql(workspaceId: SQL): SQL<Date> {
  return sql<Date>`(now() - make_interval(days => ${retentionDaysSql(workspaceId)}))`;
}

/** Deletes at most `limit` rows past retention in `tx` (platform scope); answers how many. */
export type Pruner = (tx: Tx, limit: number) => Promise<number>;
const pruners = new Map<string, Pruner>();

/** Registers the pruner of one table under its table name. */
export function registerPruner(table: string, prune: Pruner): void {
  pruners.set(table, prune);
}

/** The shortest retention of any plan, in days: no row younger is ever pruned. */
export const SHORTEST_RETENTION_DAYS = 7;

// the log: events past their workspace's window that are dispatched (no queue row left)
registerPruner("domain_events", async (tx, limit) => {
  const deleted = await tx.execute(sql`delete from domain_events d using (
      select e.id, e.occurred_at from domain_events e
      where e.occurred_at < now() - make_interval(days => ${SHORTEST_RETENTION_DAYS}::int)
        and e.occurred_at < ${retentionCutoffSql(sql`e.workspace_id`)}
        and not exists (select 1 from domain_event_queue q where q.event_id = e.id)
      limit ${limit}::int) old
    where d.id = old.id and d.occurred_at = old.occurred_at
    returning d.id`);
  return deleted.length;
});

// the audit log is the security record: every plan's is kept for the longest window (whole
// weeks are dropped; this catches rows in the DEFAULT partition, outside every week's)
registerPruner("audit_log", async (tx, limit) => {
  const deleted = await tx.execute(sql`delete from audit_log d using (
      select a.event_id, a.occurred_at from audit_log a
      where a.occurred_at < now() - make_interval(days => ${LONGEST_RETENTION_DAYS}::int)
      limit ${limit}::int) old
    where d.event_id = old.event_id and d.occurred_at = old.occurred_at
    returning d.event_id`);
  return deleted.length;
});

// consumption claims only matter while their event may be dispatched again
registerPruner("event_consumptions", async (tx, limit) => {
  const deleted = await tx.execute(sql`delete from event_consumptions c using (
      select event_id, consumer from event_consumptions x
      where x.consumed_at < now() - interval '1 day'
        and not exists (select 1 from domain_event_queue q where q.event_id = x.event_id)
      limit ${limit}::int) old
    where c.event_id = old.event_id and c.consumer = old.consumer
    returning c.event_id`);
  return deleted.length;
});

/**
 * Creates the partitions of the coming weeks (this one and 4 ahead) and drops the weeks that
 * ended more than `LONGEST_RETENTION_DAYS` ago, in its own transaction. Answers the counts.
 */
export async function maintainPartitions(db: Database): Promise<{ created: number; dropped: number }> {
  const tables = sql`(values ${sql.join(
    PARTITIONED_TABLES.map((t) => sql`(${t}::text)`),
    sql`, `,
  )}) as p(t)`;
  return withPlatform(db, async (tx) => {
    const [created] = await tx.execute<{ n: number }>(sql`
      select count(*) filter (where nh_partition_week(t, now() + make_interval(weeks => w)))::int as n
      from ${tables}, generate_series(0, 4) w`);
    const [dropped] = await tx.execute<{ n: number }>(sql`
      select coalesce(sum(nh_drop_partitions_before(t, now() - make_interval(days => ${LONGEST_RETENTION_DAYS}::int))), 0)::int as n
      from ${tables}`);
    return { created: created!.n, dropped: dropped!.n };
  });
}

export interface RetentionRun {
  created: number;
  dropped: number;
  /** rows deleted per table by this run's batches */
  pruned: Record<string, number>;
  /** some batch came back full: more rows are past retention */
  more: boolean;
}

/** One retention run: partitions, then one batch of every pruner. A failing part is logged and skipped. */
export async function runRetention(db: Database, opts: { limit?: number } = {}): Promise<RetentionRun> {
  const limit = opts.limit ?? PRUNE_BATCH;
  const run: RetentionRun = { created: 0, dropped: 0, pruned: {}, more: false };
  try {
    Object.assign(run, await maintainPartitions(db));
  } catch (err) {
    // e.g. a drop that waited over 500 ms for its lock: the next run tries again
    logger.warn({ err: String(err), cause: String((err as Error).cause ?? "") }, "retention: partition maintenance failed");
  }
  for (const [table, prune] of pruners) {
    try {
      const n = await withPlatform(db, (tx) => prune(tx, limit));
      run.pruned[table] = n;
      if (n >= limit) run.more = true;
    } catch (err) {
      logger.warn({ err: String(err), cause: String((err as Error).cause ?? ""), table }, "retention: prune failed");
    }
  }
  if (run.dropped || Object.values(run.pruned).some((n) => n > 0)) logger.info(run, "retention: history pruned");
  return run;
}

/** Queues the next retention run unless one is pending (its run_at is kept). */
export async function scheduleRetention(tx: Tx, inMs = RETENTION_EVERY_MS): Promise<void> {
  await tx.execute(sql`select ${addJobSql(RETENTION_JOB, sql`'{}'::json`, undefined, sql`now() + ${`${inMs} milliseconds`}::interval`)}`);
}

registerTask(RETENTION_JOB.task, (db) => {
  // building the task list means a worker is starting: make sure a run is queued
  withPlatform(db, (tx) => scheduleRetention(tx)).catch((err) => logger.warn({ err: String(err) }, "could not queue retention"));
  return async () => {
    const run = await runRetention(db);
    await withPlatform(db, (tx) => scheduleRetention(tx, run.more ? 1000 : RETENTION_EVERY_MS));
  };
});
