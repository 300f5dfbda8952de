/**
 * Platform metrics for the admin portal's charts: one point per UTC day over the last `days`
 * days, zero-filled. Sources (each read in a savepoint; a missing table or type gives a zero
 * series rather than an error):
 * - domain_events by type and day: `workspace.created`, `execution.succeeded`,
 *   `execution.failed`, `connection.refresh_failed`;
 * - read models: `ingested_events.received_at` (events), `notifications.created_at`,
 *   `webhook_deliveries` (status `succeeded` / `failed` by `created_at`).
 * Success rates are percentages (0–100, one decimal) of the items finished that day, and null
 * on a day when nothing finished (a gap in the chart, not a 0 % day).
 */
import { sql, type SQL } from "drizzle-orm";
import type { Database, Tx } from "../../../db/client";
import { withPlatform } from "../../../db/tenant";
import type { MetricPoint, PlatformMetrics } from "@nhood/contracts";
import { logger } from "../../../lib/logger";
import { dailyActivityQueries } from "../../notifications";
import { workspaceStatusCounts } from "../../tenancy";

type Counts = Map<string, Map<string, number>>;

function dayList(days: number, now: Date): string[] {
  const out: string[] = [];
  for (let i = days - 1; i >= 0; i--) out.push(new Date(now.getTime() - i * 86_400_000).toISOString().slice(0, 10));
  return out;
}

/** Runs a `(key, day, n)` query in a savepoint; a failing source (table not there yet) counts as empty. */
async function countsBy(tx: Tx, query: SQL): Promise<Counts> {
  const out: Counts = new Map();
  try {
    const rows = await tx.transaction((sp) => sp.execute<{ key: string; day: string; n: number }>(query));
    for (const r of rows) {
      if (!out.has(r.key)) out.set(r.key, new Map());
      out.get(r.key)!.set(r.day, Number(r.n));
    }
  } catch (err) {
    // a source another context has not built yet: degrade to a zero series, but say so
    logger.warn({ err: String(err) }, "platform metrics: a source could not be read");
  }
  return out;
}

const series = (days: string[], byDay: Map<string, number> | undefined): MetricPoint[] => days.map((day) => ({ day, value: byDay?.get(day) ?? 0 }));
const rate = (days: string[], ok: Map<string, number> | undefined, bad: Map<string, number> | undefined): MetricPoint[] =>
  days.map((day) => {
    const s = ok?.get(day) ?? 0;
    const f = bad?.get(day) ?? 0;
    return { day, value: s + f === 0 ? null : Math.round((s / (s + f)) * 1000) / 10 };
  });

/** The metrics over the last `days` UTC days (1–90), today included. */
export async function platformMetrics(db: Database, days: number, now = new Date()): Promise<PlatformMetrics> {
  const dayKeys = dayList(days, now);
  const since = sql`${`${dayKeys[0]}T00:00:00Z`}::timestamptz`;
  const day = (col: SQL) => sql`to_char(${col} at time zone 'UTC', 'YYYY-MM-DD')`;
  return withPlatform(db, async (tx) => {
    const events = await countsBy(
      tx,
      sql`select type as key, ${day(sql`occurred_at`)} as day, count(*)::int as n from domain_events
      where occurred_at >= ${since} and type in ('workspace.created', 'execution.succeeded', 'execution.failed', 'connection.refresh_failed')
      group by 1, 2`,
    );
    // notifications' and tenancy's figures, through their entry points
    const activity = dailyActivityQueries(since, day);
    const ingested = await countsBy(tx, activity.ingested);
    const notified = await countsBy(tx, activity.notified);
    const hooks = await countsBy(tx, activity.webhooks);
    const ws = await workspaceStatusCounts(tx);
    const sum = (m: Map<string, number> | undefined) => [...(m?.values() ?? [])].reduce((a, b) => a + b, 0);
    return {
      days,
      workspaces: { total: ws.total, active: ws.active, suspended: ws.suspended, created_per_day: series(dayKeys, events.get("workspace.created")) },
      executions: {
        succeeded_per_day: series(dayKeys, events.get("execution.succeeded")),
        failed_per_day: series(dayKeys, events.get("execution.failed")),
        success_rate_per_day: rate(dayKeys, events.get("execution.succeeded"), events.get("execution.failed")),
      },
      events_per_day: series(dayKeys, ingested.get("events")),
      notifications_per_day: series(dayKeys, notified.get("notifications")),
      webhooks: {
        success_rate_per_day: rate(dayKeys, hooks.get("succeeded"), hooks.get("failed")),
        delivered: sum(hooks.get("succeeded")),
        failed: sum(hooks.get("failed")),
      },
      token_refresh_failures_per_day: series(dayKeys, events.get("connection.refresh_failed")),
    };
  });
}
