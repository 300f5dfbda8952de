/**
 * Usage counters (seed 003 §4.8), kept as counters updated inside the transaction that does the
 * counted thing rather than as a read model built later from domain events. Events are counted
 * by the notifications evaluation batch that processes them (one update of the hot rows per
 * batch, not per request); until then an event is pending, and the events quota check adds the
 * pending ones (notifications/quotas.ts). Notifications are counted when they are created.
 * Periods are UTC.
 */
import { and, eq, gte, sql } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { usageCounters } from "./schema";

export type UsageMetric = "events" | "notifications";

/** UTC period keys of `now`: hour `YYYY-MM-DDTHH`, day `YYYY-MM-DD`, month `YYYY-MM`. */
export function periodKeys(now = new Date()): { hour: string; day: string; month: string } {
  const iso = now.toISOString();
  return { hour: iso.slice(0, 13), day: iso.slice(0, 10), month: iso.slice(0, 7) };
}

/** The first instant of the next UTC month (when a monthly quota resets). */
export function resetTimes(now = new Date()): { month: Date } {
  return { month: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)) };
}

type Bump = { periodType: "day" | "month"; period: string; metric: UsageMetric; n: number };

/** Adds to several counters in one statement (one round trip while the rows are locked); answers the new counts in order. */
async function bump(tx: Tx, workspaceId: string, bumps: Bump[]): Promise<number[]> {
  const rows = await tx
    .insert(usageCounters)
    .values(bumps.map((b) => ({ workspaceId, periodType: b.periodType, period: b.period, metric: b.metric, count: b.n })))
    .onConflictDoUpdate({
      target: [usageCounters.workspaceId, usageCounters.periodType, usageCounters.period, usageCounters.metric],
      set: { count: sql`${usageCounters.count} + excluded.count` },
    })
    .returning({ periodType: usageCounters.periodType, period: usageCounters.period, metric: usageCounters.metric, count: usageCounters.count });
  return bumps.map((b) => rows.find((r) => r.periodType === b.periodType && r.period === b.period && r.metric === b.metric)!.count);
}

/**
 * Adds counts dated by UTC day (`{metric, day: "YYYY-MM-DD", n}`) to their day counters and
 * their months' counters, in one statement. Callers that count a whole batch at once (the
 * notifications evaluation) use it, so a batch touches each hot counter row once. Rows are
 * locked in key order (period type, period, metric), as `countUsage` does, so two counting
 * transactions cannot deadlock.
 */
export async function addUsage(tx: Tx, workspaceId: string, counts: { metric: UsageMetric; day: string; n: number }[]): Promise<void> {
  const sums = new Map<string, Bump>();
  for (const c of counts) {
    if (!c.n) continue;
    for (const [periodType, period] of [
      ["day", c.day],
      ["month", c.day.slice(0, 7)],
    ] as const) {
      const key = `${periodType}|${period}|${c.metric}`;
      const b = sums.get(key);
      if (b) b.n += c.n;
      else sums.set(key, { periodType, period, metric: c.metric, n: c.n });
    }
  }
  if (!sums.size) return;
  await bump(
    tx,
    workspaceId,
    [...sums.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, b]) => b),
  );
}

/** Adds `n` to the metric's day and month counters; answers the new month total. */
export async function countUsage(tx: Tx, workspaceId: string, metric: UsageMetric, n: number, now = new Date()): Promise<number> {
  const k = periodKeys(now);
  if (n === 0) return readMonth(tx, workspaceId, metric, k.month);
  const [, month] = await bump(tx, workspaceId, [
    { periodType: "day", period: k.day, metric, n },
    { periodType: "month", period: k.month, metric, n },
  ]);
  return month!;
}

/** The metric's counter for the UTC month `month` (`YYYY-MM`); 0 when nothing was counted. */
export async function readMonth(tx: Tx, workspaceId: string, metric: UsageMetric, month: string): Promise<number> {
  const [r] = await tx
    .select({ count: usageCounters.count })
    .from(usageCounters)
    .where(
      and(eq(usageCounters.workspaceId, workspaceId), eq(usageCounters.periodType, "month"), eq(usageCounters.period, month), eq(usageCounters.metric, metric)),
    );
  return r?.count ?? 0;
}

export interface UsageSnapshot {
  month: Record<UsageMetric, number>;
  /** the last `days` UTC days, oldest first, zero-filled */
  daily: { day: string; events: number; notifications: number }[];
}

/** This month's totals and the daily series of the last `days` days. */
export async function readUsage(tx: Tx, workspaceId: string, days = 30, now = new Date()): Promise<UsageSnapshot> {
  const k = periodKeys(now);
  const monthRows = await tx
    .select()
    .from(usageCounters)
    .where(and(eq(usageCounters.workspaceId, workspaceId), eq(usageCounters.periodType, "month"), eq(usageCounters.period, k.month)));
  const first = new Date(now.getTime() - (days - 1) * 86_400_000).toISOString().slice(0, 10);
  const dayRows = await tx
    .select()
    .from(usageCounters)
    .where(and(eq(usageCounters.workspaceId, workspaceId), eq(usageCounters.periodType, "day"), gte(usageCounters.period, first)));
  const month = { events: 0, notifications: 0 };
  for (const r of monthRows) if (r.metric === "events" || r.metric === "notifications") month[r.metric] = r.count;
  const daily = Array.from({ length: days }, (_, i) => {
    const day = new Date(now.getTime() - (days - 1 - i) * 86_400_000).toISOString().slice(0, 10);
    const of = (m: UsageMetric) => dayRows.find((r) => r.period === day && r.metric === m)?.count ?? 0;
    return { day, events: of("events"), notifications: of("notifications") };
  });
  return { month, daily };
}
