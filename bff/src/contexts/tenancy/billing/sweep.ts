/**
 * The billing sweep, a job every minute (`tenancy.billing_sweep`, one pending job, run_at kept;
 * queued when a worker starts, like the retention job):
 * - suspends each workspace whose grace period after a failed payment is over (the status the
 *   staff suspension uses, so every guard refuses it; `workspace.suspended` with reason
 *   `payment_failed`, `billing.suspended` e-mails the billing contact);
 * - reports overage (seed 003 §9.3) for each closed UTC month once: for workspaces with a live
 *   Stripe subscription on a plan with `overage`, the usage past the plan's monthly quota is sent
 *   as one Billing Meter event per metric (`stripe.billing.meterEvents.create`) whose `identifier`
 *   (and idempotency key) is `<workspace>:<YYYY-MM>:<metric>`; a row in
 *   `billing_overage_reports` is written first and marked reported after Stripe answers, so a
 *   crash in between resends the same identifier, which Stripe deduplicates.
 */
import { and, eq, isNull, lte, sql } from "drizzle-orm";
import type { Database } from "../../../db/client";
import { setWorkspace, withPlatform } from "../../../db/tenant";
import { logger } from "../../../lib/logger";
import { addJobSql, jobKind } from "../../../kernel/jobs";
import { appendDomainEvent } from "../../../kernel/events";
import { forgetResolvedApiKeys } from "../../identity";
import { registerTask } from "../../../kernel/tasks";
import { billingAccounts, billingOverageReports, plans, usageCounters, workspaces } from "../schema";
import { billingEnabled, meterEventName, stripe } from "./stripe-config";

export const BILLING_SWEEP_JOB = jobKind<Record<string, never>>("tenancy.billing_sweep", {
  maxAttempts: 5,
  keyPrefix: "tenancy:billing_sweep",
  keyMode: "preserve_run_at",
});
const SWEEP_EVERY_MS = 60_000;

/** Suspends the workspaces whose grace ended before `now`; answers their ids. */
export async function suspendAfterGrace(db: Database, now = new Date()): Promise<string[]> {
  const due = await withPlatform(db, (tx) =>
    tx
      .select({ ws: billingAccounts.workspaceId })
      .from(billingAccounts)
      .where(and(lte(billingAccounts.graceUntil, now), eq(billingAccounts.suspendedForPayment, false))),
  );
  const done: string[] = [];
  for (const { ws } of due) {
    await withPlatform(db, async (tx) => {
      await setWorkspace(tx, ws);
      const [acc] = await tx.select().from(billingAccounts).where(eq(billingAccounts.workspaceId, ws)).for("update");
      if (!acc?.graceUntil || acc.graceUntil > now || acc.suspendedForPayment) return;
      await tx.update(billingAccounts).set({ suspendedForPayment: true, updatedAt: new Date() }).where(eq(billingAccounts.workspaceId, ws));
      const [w] = await tx.select({ status: workspaces.status, deletedAt: workspaces.deletedAt }).from(workspaces).where(eq(workspaces.id, ws));
      if (w?.status === "active" && !w.deletedAt) {
        await tx.update(workspaces).set({ status: "suspended" }).where(eq(workspaces.id, ws));
        await appendDomainEvent(tx, { workspaceId: ws, type: "workspace.suspended", subjectId: ws, payload: { reason: "payment_failed" } });
      }
      await appendDomainEvent(tx, { workspaceId: ws, type: "billing.suspended", subjectId: ws, payload: { grace_until: acc.graceUntil.toISOString() } });
      done.push(ws);
    });
  }
  if (done.length) forgetResolvedApiKeys(); // committed: their API keys are refused from the next request on
  return done;
}

/** The UTC month before `now`'s, `YYYY-MM`, and its last second (unix). */
function previousMonth(now: Date): { period: string; lastSecond: number } {
  const start = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1);
  return { period: new Date(start - 1).toISOString().slice(0, 7), lastSecond: Math.floor(start / 1000) - 1 };
}

/**
 * Reports the overage of the month before `now` (see the module doc); answers the meter events
 * sent. Does nothing with billing off.
 */
export async function reportOverage(db: Database, now = new Date()): Promise<{ workspaceId: string; metric: string; quantity: number }[]> {
  if (!billingEnabled()) return [];
  const { period, lastSecond } = previousMonth(now);
  const sent: { workspaceId: string; metric: string; quantity: number }[] = [];
  // what each overage workspace used past its quotas that month, recorded once (per workspace:
  // the rows' row-level security wants the workspace set)
  const found = await withPlatform(db, (tx) =>
    tx.execute<{ workspace_id: string; metric: string; quantity: string }>(sql`
      select b.workspace_id, u.metric, u.count - q.quota as quantity
        from ${billingAccounts} b
        join ${plans} p on p.id = b.plan and p.overage
        join ${usageCounters} u on u.workspace_id = b.workspace_id and u.period_type = 'month' and u.period = ${period}
        cross join lateral (select case u.metric when 'events' then p.events_per_month when 'notifications' then p.notifications_per_month end as quota) q
       where b.subscription_status in ('active', 'trialing', 'past_due') and q.quota is not null and u.count > q.quota`),
  );
  for (const f of found) {
    await withPlatform(db, async (tx) => {
      await setWorkspace(tx, f.workspace_id);
      await tx
        .insert(billingOverageReports)
        .values({ workspaceId: f.workspace_id, period, metric: f.metric, quantity: Number(f.quantity), identifier: `${f.workspace_id}:${period}:${f.metric}` })
        .onConflictDoNothing();
    });
  }
  const pending = await withPlatform(db, (tx) =>
    tx
      .select({ r: billingOverageReports, customer: billingAccounts.stripeCustomerId })
      .from(billingOverageReports)
      .innerJoin(billingAccounts, eq(billingAccounts.workspaceId, billingOverageReports.workspaceId))
      .where(isNull(billingOverageReports.reportedAt)),
  );
  for (const { r, customer } of pending) {
    try {
      await stripe().billing.meterEvents.create(
        {
          event_name: meterEventName(r.metric as "events" | "notifications"),
          identifier: r.identifier,
          payload: { stripe_customer_id: customer, value: String(r.quantity) },
          timestamp: r.period === period ? lastSecond : Math.floor(now.getTime() / 1000),
        },
        { idempotencyKey: r.identifier },
      );
    } catch (e) {
      // Stripe refuses a second event with the same identifier: it has the first one
      if (!(e instanceof Error && /already exists with identifier/i.test(e.message))) {
        logger.warn({ err: String(e), workspace_id: r.workspaceId, period: r.period }, "overage not reported to Stripe; retried next sweep");
        continue;
      }
    }
    await withPlatform(db, async (tx) => {
      await setWorkspace(tx, r.workspaceId);
      await tx
        .update(billingOverageReports)
        .set({ reportedAt: new Date() })
        .where(
          and(eq(billingOverageReports.workspaceId, r.workspaceId), eq(billingOverageReports.period, r.period), eq(billingOverageReports.metric, r.metric)),
        );
    });
    sent.push({ workspaceId: r.workspaceId, metric: r.metric, quantity: r.quantity });
  }
  return sent;
}

/** One sweep: suspensions after grace, then overage. */
export async function runBillingSweep(db: Database, now = new Date()): Promise<void> {
  await suspendAfterGrace(db, now);
  await reportOverage(db, now);
}

registerTask(BILLING_SWEEP_JOB.task, (db) => {
  const schedule = () =>
    withPlatform(db, (tx) =>
      tx.execute(sql`select ${addJobSql(BILLING_SWEEP_JOB, sql`'{}'::json`, undefined, sql`now() + ${`${SWEEP_EVERY_MS} milliseconds`}::interval`)}`),
    );
  schedule().catch((err) => logger.warn({ err: String(err) }, "could not queue the billing sweep"));
  return async () => {
    await runBillingSweep(db);
    await schedule();
  };
});
