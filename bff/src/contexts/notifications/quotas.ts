/**
 * The plan quotas of the notifications pipeline (seed 003 §9.2), without a counter row that every
 * ingestion updates (that row lock serialised all ingestion of a workspace):
 * - events per month, checked at ingestion. An event is counted in `usage_counters` by the
 *   evaluation batch that processes it; until then it is pending. The month's usage is the
 *   counter plus the pending billed events, read in one statement (the batch moves events from
 *   pending to the counter in one commit, so no event is seen twice or missed). Only workspaces
 *   whose plan has an events quota pay for the check: their ingestions take a per-workspace
 *   advisory lock, so two concurrent requests cannot both take the last slot.
 * - notifications per month, enforced at rule evaluation (evaluation.ts) under the inbox lock.
 * Platform events (`source = platform`, turned from domain events) are not billed.
 */
import { sql } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { alertMonthlyQuota, planQuotas, QuotaExceeded, usageCounterSql, type PlanQuotas } from "../tenancy";
import { periodKeys, readMonth, resetTimes } from "../tenancy";
import { lockFor } from "../../kernel/locks";

const firstOfMonth = (now: Date) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));

/** This month's billed events: counted ones plus pending ones (including those `tx` inserted). */
export async function eventsThisMonth(tx: Tx, workspaceId: string, now = new Date()): Promise<number> {
  const rows = await tx.execute<{ used: string }>(sql`
    select ${usageCounterSql(workspaceId, "month", periodKeys(now).month, "events")}
         + (select count(*) from ingested_events where workspace_id = ${workspaceId} and processed_at is null
              and source <> 'platform' and received_at >= ${firstOfMonth(now).toISOString()}::timestamptz) as used`);
  return Number(rows[0]!.used);
}

/** Pending billed events per UTC day since `since` (`YYYY-MM-DD`), for the usage figures. */
export async function pendingEventsByDay(tx: Tx, workspaceId: string, since: string): Promise<Map<string, number>> {
  const rows = await tx.execute<{ day: string; n: number }>(sql`
    select to_char(received_at at time zone 'UTC', 'YYYY-MM-DD') as day, count(*)::int as n from ingested_events
     where workspace_id = ${workspaceId} and processed_at is null and source <> 'platform' and received_at >= ${since}::date
     group by 1`);
  return new Map(rows.map((r) => [r.day, Number(r.n)]));
}

/**
 * Checks the events quota after `tx` inserted `n` billed events. Throws QuotaExceeded (429, with
 * the usage before the request) when they would pass the plan's monthly quota, so the
 * transaction rolls back and stores nothing; appends `quota.warning` / `quota.exceeded` when the
 * request reaches 80 % / 100 %. `known`: the plan's figures when the caller has them already
 * (`planQuotaColumns`); then unlimited plans cost no query at all.
 */
export async function checkEventQuota(tx: Tx, workspaceId: string, n: number, known?: PlanQuotas, now = new Date()): Promise<void> {
  if (!n) return;
  const q = known ?? (await planQuotas(tx, workspaceId));
  if (q.eventsPerMonth === null) return;
  // held to COMMIT: the next request of the workspace counts these events
  await lockFor(tx, `events-quota:${workspaceId}`);
  const used = await eventsThisMonth(tx, workspaceId, now);
  if (used > q.eventsPerMonth) throw new QuotaExceeded("events", q.eventsPerMonth, used - n, resetTimes(now).month);
  await alertMonthlyQuota(tx, workspaceId, { metric: "events", quota: q.eventsPerMonth, used, plan: q.plan }, now);
}

/**
 * This month's notifications (`used`; 0 when the plan is unlimited, not read) and how many more
 * the workspace may create (`room`, Infinity when unlimited).
 * Call it holding the inbox lock (inbox.ts `lockInbox`), which makes the figure exact until
 * COMMIT.
 */
export async function notificationRoom(tx: Tx, workspaceId: string, q: PlanQuotas, now = new Date()): Promise<{ used: number; room: number }> {
  if (q.notificationsPerMonth === null) return { used: 0, room: Number.POSITIVE_INFINITY };
  const used = await readMonth(tx, workspaceId, "notifications", periodKeys(now).month);
  return { used, room: Math.max(0, q.notificationsPerMonth - used) };
}
