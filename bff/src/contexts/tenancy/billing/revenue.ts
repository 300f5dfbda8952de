/**
 * Platform revenue (seed 003 §19, issue #16 part 5) from the billing records the Stripe webhooks
 * stored (no Stripe call): MRR (the monthly amount of every subscription that is `active` or
 * `past_due`; trials do not pay yet), the paid workspaces behind it, subscriptions canceled this
 * UTC month, invoices whose payment failed this month, and workspaces in their grace period.
 * All zero with `enabled: false` when billing is off.
 */
import { sql } from "drizzle-orm";
import type { PlatformRevenue } from "@nhood/contracts/billing";
import type { Database } from "../../../db/client";
import { withPlatform } from "../../../db/tenant";
import { billingAccounts, billingInvoices } from "../schema";
import { billingEnabled } from "./stripe-config";

/** The revenue figures at `now` (platform scope; callers check the staff role). */
export async function platformRevenue(db: Database, now = new Date()): Promise<PlatformRevenue> {
  const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString();
  return withPlatform(db, async (tx) => {
    const [t] = await tx.execute<{ mrr: string; paid: number; churned: number; grace: number; failed: number }>(sql`
      select coalesce(sum(amount_cents) filter (where subscription_status in ('active', 'past_due')), 0) as mrr,
             count(*) filter (where subscription_status in ('active', 'past_due'))::int as paid,
             count(*) filter (where subscription_status = 'canceled' and canceled_at >= ${monthStart}::timestamptz)::int as churned,
             count(*) filter (where payment_failed_at is not null and not suspended_for_payment)::int as grace,
             (select count(*) from ${billingInvoices} i where i.failed_at >= ${monthStart}::timestamptz)::int as failed
        from ${billingAccounts}`);
    const byPlan = await tx.execute<{ plan: string; workspaces: number; mrr: string }>(sql`
      select plan, count(*)::int as workspaces, coalesce(sum(amount_cents), 0) as mrr from ${billingAccounts}
       where subscription_status in ('active', 'past_due') and plan is not null group by plan order by 3 desc`);
    return {
      enabled: billingEnabled(),
      mrr_cents: Number(t?.mrr ?? 0),
      active_paid_workspaces: t?.paid ?? 0,
      churned_this_month: t?.churned ?? 0,
      failed_payments_this_month: t?.failed ?? 0,
      in_grace: t?.grace ?? 0,
      by_plan: byPlan.map((r) => ({ plan: r.plan, workspaces: Number(r.workspaces), mrr_cents: Number(r.mrr) })),
    };
  });
}
