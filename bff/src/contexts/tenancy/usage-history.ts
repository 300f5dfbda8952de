/**
 * Daily usage history (issue 16 part 3): per workspace and UTC day, events, notifications,
 * workflow executions and API calls, read from `usage_counters` day rows.
 *
 * Events and notifications already have day counters (usage.ts, written with the counted thing).
 * Executions and API calls are counted here, by a batched recorder: `recordUsage` only adds to
 * an in-memory tally (no statement on the request or execution path); every `FLUSH_EVERY_MS` the
 * process writes the tally with one multi-row upsert per workspace (`count = count + excluded`,
 * rows in key order, so flushes of several processes neither lose counts nor deadlock). A process
 * that dies loses at most its unflushed interval; `stop()` flushes on shutdown. API calls are the
 * requests made with a workspace's API key, by its end users or through the client SDK (publishable key); members' portal
 * requests are not counted. An execution is counted when its row is inserted.
 *
 * Retention: day rows are kept `DAILY_KEPT_DAYS` (400, a year and a month, so a year-on-year
 * view survives the plans' 7–90-day history windows) and hour rows two days; the kernel's
 * retention task prunes older ones in batches (`usage_counters` pruner).
 */
import { and, eq, gte, inArray, sql } from "drizzle-orm";
import type { UsageHistory } from "@nhood/contracts";
import type { Database, Tx } from "../../db/client";
import { withWorkspace } from "../../db/tenant";
import { logger } from "../../lib/logger";
import { registerPruner } from "../../kernel/retention";
import { usageCounters } from "./schema";

/** Metrics the recorder counts (the others have their own counters). */
export type RecordedMetric = "requests" | "executions";
/** How often the tally is written, ms. */
export const FLUSH_EVERY_MS = 5000;
/** Days of daily counters kept. */
export const DAILY_KEPT_DAYS = 400;

/** workspace → `${day}|${metric}` → count not yet written */
let tally = new Map<string, Map<string, number>>();

/** Adds `n` to the workspace's counter of `metric` for the UTC day of `now` (in memory until the next flush). */
export function recordUsage(workspaceId: string, metric: RecordedMetric, n = 1, now = new Date()): void {
  if (n <= 0) return;
  let ws = tally.get(workspaceId);
  if (!ws) {
    ws = new Map();
    tally.set(workspaceId, ws);
  }
  const key = `${now.toISOString().slice(0, 10)}|${metric}`;
  ws.set(key, (ws.get(key) ?? 0) + n);
}

/**
 * Writes everything recorded so far: one upsert per workspace, each in that workspace's scope.
 * A workspace whose write fails (e.g. deleted meanwhile) is dropped with a warning. Answers the
 * number of counter rows written.
 */
export async function flushUsage(db: Database): Promise<number> {
  const batch = tally;
  tally = new Map();
  let written = 0;
  for (const [workspaceId, counts] of batch) {
    const values = [...counts.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, count]) => {
        const [period, metric] = key.split("|") as [string, RecordedMetric];
        return { workspaceId, periodType: "day" as const, period, metric, count };
      });
    try {
      await withWorkspace(db, workspaceId, (tx) =>
        tx
          .insert(usageCounters)
          .values(values)
          .onConflictDoUpdate({
            target: [usageCounters.workspaceId, usageCounters.periodType, usageCounters.period, usageCounters.metric],
            set: { count: sql`${usageCounters.count} + excluded.count` },
          }),
      );
      written += values.length;
    } catch (err) {
      logger.warn({ err, workspace_id: workspaceId }, "usage counts not written");
    }
  }
  return written;
}

/** Starts flushing every `everyMs`; the answer stops the timer and flushes what is left. */
export function startUsageRecorder(db: Database, everyMs = FLUSH_EVERY_MS): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(() => flushUsage(db)).catch((err: unknown) => logger.warn({ err }, "usage flush failed"));
  }, everyMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
    await flushUsage(db);
  };
}

const HISTORY_METRICS = ["events", "notifications", "executions", "requests"] as const;

/** The last `days` UTC days up to `now`, oldest first, zero-filled, from the day counters. */
export async function readUsageHistory(tx: Tx, workspaceId: string, days: number, now = new Date()): Promise<UsageHistory> {
  const dayOf = (i: number) => new Date(now.getTime() - (days - 1 - i) * 86_400_000).toISOString().slice(0, 10);
  const rows = await tx
    .select({ period: usageCounters.period, metric: usageCounters.metric, count: usageCounters.count })
    .from(usageCounters)
    .where(
      and(
        eq(usageCounters.workspaceId, workspaceId),
        eq(usageCounters.periodType, "day"),
        gte(usageCounters.period, dayOf(0)),
        inArray(usageCounters.metric, [...HISTORY_METRICS]),
      ),
    );
  const at = new Map(rows.map((r) => [`${r.period}|${r.metric}`, Number(r.count)]));
  const of = (day: string, m: (typeof HISTORY_METRICS)[number]) => at.get(`${day}|${m}`) ?? 0;
  return {
    items: Array.from({ length: days }, (_, i) => {
      const day = dayOf(i);
      return { day, events: of(day, "events"), notifications: of(day, "notifications"), executions: of(day, "executions"), api_calls: of(day, "requests") };
    }),
    kept_days: DAILY_KEPT_DAYS,
  };
}

// day rows past DAILY_KEPT_DAYS and hour rows past two days, oldest first, in batches
registerPruner("usage_counters", async (tx, limit) => {
  const deleted = await tx.execute(sql`delete from usage_counters u using (
      select workspace_id, period_type, period, metric from usage_counters
      where (period_type = 'day' and period < to_char(now() at time zone 'utc' - make_interval(days => ${DAILY_KEPT_DAYS}::int), 'YYYY-MM-DD'))
         or (period_type = 'hour' and period < to_char(now() at time zone 'utc' - interval '2 days', 'YYYY-MM-DD"T"HH24'))
      limit ${limit}::int) old
    where u.workspace_id = old.workspace_id and u.period_type = old.period_type and u.period = old.period and u.metric = old.metric
    returning u.period`);
  return deleted.length;
});
