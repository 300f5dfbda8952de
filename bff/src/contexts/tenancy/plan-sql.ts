/**
 * Plans and usage as SQL expressions, for statements of other contexts that must not read
 * tenancy's tables themselves but want the figures in a statement they send anyway (the
 * notifications ingestion's RETURNING list, the evaluation's lock statement, the retention
 * prune of workflows): tenancy writes the SQL over its own tables, the caller embeds it.
 */
import { sql, type SQL } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { effectivePlanIdSql } from "./plans";

export { workspacePlanSql } from "./plans";

export interface PlanQuotas {
  plan: string;
  /** null = unlimited */
  eventsPerMonth: number | null;
  notificationsPerMonth: number | null;
}

/**
 * The plan id and monthly quotas of the workspace's plan as SQL expressions (a missing plan row
 * counts as `free`, as planOf does), to ride along in a statement that is sent anyway: the
 * RETURNING list of the ingestion INSERT, the evaluation's lock statement. Uncorrelated
 * subqueries: evaluated once per statement.
 */
export function planQuotaColumns(workspaceId: string) {
  const plan = effectivePlanIdSql(workspaceId);
  // overage (decision 032): a plan with `overage` and a live Stripe subscription has no hard
  // stop; the billing sweep reports the usage past the quota to Stripe instead
  const quota = (column: SQL) =>
    sql`(select case when p.overage and exists (select 1 from billing_accounts b where b.workspace_id = ${workspaceId}
           and b.subscription_status in ('active', 'trialing', 'past_due')) then null else ${column} end from plans p where p.id = ${plan})`;
  return {
    quotaPlan: sql<string>`${plan}`,
    quotaEventsPerMonth: sql<number | null>`${quota(sql`p.events_per_month`)}`,
    quotaNotificationsPerMonth: sql<number | null>`${quota(sql`p.notifications_per_month`)}`,
  };
}

/** Reads `planQuotaColumns` from a returned row. */
export function toPlanQuotas(r: {
  quotaPlan: string;
  quotaEventsPerMonth: number | string | null;
  quotaNotificationsPerMonth: number | string | null;
}): PlanQuotas {
  const n = (v: number | string | null) => (v === null ? null : Number(v));
  return { plan: r.quotaPlan, eventsPerMonth: n(r.quotaEventsPerMonth), notificationsPerMonth: n(r.quotaNotificationsPerMonth) };
}

/** The workspace plan's monthly quotas in one round trip. */
export async function planQuotas(tx: Tx, workspaceId: string): Promise<PlanQuotas> {
  const c = planQuotaColumns(workspaceId);
  const rows = await tx.execute<{ quotaPlan: string; quotaEventsPerMonth: number | null; quotaNotificationsPerMonth: number | null }>(sql`
    select ${c.quotaPlan} as "quotaPlan", ${c.quotaEventsPerMonth} as "quotaEventsPerMonth", ${c.quotaNotificationsPerMonth} as "quotaNotificationsPerMonth"`);
  return toPlanQuotas(rows[0]!);
}

/** One usage counter's count (0 when absent) as a SQL expression: `periodType` month|hour, `period` its key (usage.ts `periodKeys`). */
export function usageCounterSql(workspaceId: string, periodType: "month" | "hour", period: string, metric: string): SQL<number> {
  return sql<number>`coalesce((select count from usage_counters where workspace_id = ${workspaceId} and period_type = ${periodType}
                       and period = ${period} and metric = ${metric}), 0)`;
}
