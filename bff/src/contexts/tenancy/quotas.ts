/**
 * Quota enforcement (seed 003 §9.2): at 80 % of a monthly quota a `quota.warning` domain event is
 * appended once per month; reaching 100 % appends `quota.exceeded` once. The events quota is
 * checked at ingestion (a request that would go past it is refused with 429) and the
 * notifications quota at rule evaluation (notifications past it are not created): both in
 * notifications/quotas.ts, with `QuotaExceeded` and `alertMonthlyQuota` from here. Requests per
 * hour are the platform rate limiter's (lib/rate-limit.ts).
 */
import type { Tx } from "../../db/client";
import { DomainError } from "../../lib/errors";
import { appendDomainEvent } from "../../kernel/events";
import { usageAlerts } from "./schema";
import { periodKeys, resetTimes } from "./usage";

/** 429 problem with RFC 9457 extension members `quota`, `usage`, `metric` and `reset_at`. */
export class QuotaExceeded extends DomainError {
  readonly extensions: Record<string, unknown>;
  constructor(metric: string, quota: number, usage: number, resetAt: Date) {
    const retryAfter = Math.max(1, Math.ceil((resetAt.getTime() - Date.now()) / 1000));
    super(
      429,
      "quota-exceeded",
      "Quota exceeded",
      `The ${metric} quota of this workspace's plan (${quota}) is used up until ${resetAt.toISOString()}.`,
      undefined,
      { "retry-after": String(retryAfter) },
    );
    this.extensions = { metric, quota, usage, reset_at: resetAt.toISOString() };
  }
}

/** Records that `metric` crossed `threshold` (80 or 100) in `period`; true only the first time. */
export async function alertOnce(tx: Tx, workspaceId: string, period: string, metric: string, threshold: number): Promise<boolean> {
  const rows = await tx.insert(usageAlerts).values({ workspaceId, period, metric, threshold }).onConflictDoNothing().returning({ t: usageAlerts.threshold });
  return rows.length > 0;
}

/**
 * Appends `quota.warning` when `used` (the month's count of `metric` including the change being
 * made) is at least 80 % of `quota`, and `quota.exceeded` when it reaches 100 %, each at most
 * once per workspace, metric and UTC month (usage_alerts). The payload carries the figures the
 * inbox notice and e-mail show (`metric`, `quota`, `usage`, `percent`, `period`, `reset_at`, `plan`).
 */
export async function alertMonthlyQuota(
  tx: Tx,
  workspaceId: string,
  f: { metric: string; quota: number; used: number; plan: string },
  now = new Date(),
): Promise<void> {
  if (f.used < f.quota * 0.8) return;
  const period = periodKeys(now).month;
  const facts = { metric: f.metric, quota: f.quota, usage: f.used, period, reset_at: resetTimes(now).month.toISOString(), plan: f.plan };
  if (await alertOnce(tx, workspaceId, period, f.metric, 80)) {
    await appendDomainEvent(tx, { workspaceId, type: "quota.warning", payload: { ...facts, percent: 80 } });
  }
  if (f.used >= f.quota && (await alertOnce(tx, workspaceId, period, f.metric, 100))) {
    await appendDomainEvent(tx, { workspaceId, type: "quota.exceeded", payload: { ...facts, percent: 100 } });
  }
}
