/**
 * Quota enforcement (seed 003 §9.2): a real-time check inside the ingestion transaction. At 80 %
 * of a monthly quota a `quota.warning` domain event is appended once per month; reaching 100 %
 * appends `quota.exceeded` once; a request that would go past the quota is refused with 429
 * (its transaction rolls back, so it counts nothing). Requests per hour are the platform rate
 * limiter's (lib/rate-limit.ts).
 */
import type { Tx } from "../../db/client";
import { DomainError } from "../../lib/errors";
import { appendDomainEvent } from "../platform/events";
import { planOf } from "./plans";
import { usageAlerts } from "./schema";
import { countUsage, periodKeys, resetTimes } from "./usage";

/** 429 problem with RFC 9457 extension members `quota`, `usage`, `metric` and `reset_at`. */
export class QuotaExceeded extends DomainError {
  readonly extensions: Record<string, unknown>;
  constructor(metric: string, quota: number, usage: number, resetAt: Date) {
    const retryAfter = Math.max(1, Math.ceil((resetAt.getTime() - Date.now()) / 1000));
    super(429, "quota-exceeded", "Quota exceeded", `The ${metric} quota of this workspace's plan (${quota}) is used up until ${resetAt.toISOString()}.`, undefined, { "retry-after": String(retryAfter) });
    this.extensions = { metric, quota, usage, reset_at: resetAt.toISOString() };
  }
}

async function alertOnce(tx: Tx, workspaceId: string, period: string, metric: string, threshold: number): Promise<boolean> {
  const rows = await tx.insert(usageAlerts).values({ workspaceId, period, metric, threshold }).onConflictDoNothing().returning({ t: usageAlerts.threshold });
  return rows.length > 0;
}

/**
 * Counts `n` events for the workspace in `tx`. Throws QuotaExceeded when the monthly events
 * quota would be passed; appends `quota.warning` /
 * `quota.exceeded` when this call crosses 80 % / reaches 100 %.
 */
export async function consumeEventQuota(tx: Tx, workspaceId: string, n: number, now = new Date()): Promise<void> {
  const plan = await planOf(tx, workspaceId);
  const resets = resetTimes(now);
  const used = await countUsage(tx, workspaceId, "events", n, now);
  const quota = plan.eventsPerMonth;
  if (quota === null) return;
  if (used > quota) throw new QuotaExceeded("events", quota, used - n, resets.month);
  const period = periodKeys(now).month;
  const facts = { metric: "events", quota, usage: used, period, reset_at: resets.month.toISOString(), plan: plan.id };
  if (used >= quota * 0.8 && (await alertOnce(tx, workspaceId, period, "events", 80))) {
    await appendDomainEvent(tx, { workspaceId, type: "quota.warning", payload: { ...facts, percent: 80 } });
  }
  if (used >= quota && (await alertOnce(tx, workspaceId, period, "events", 100))) {
    await appendDomainEvent(tx, { workspaceId, type: "quota.exceeded", payload: { ...facts, percent: 100 } });
  }
}
