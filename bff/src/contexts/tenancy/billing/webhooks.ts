/**
 * Stripe webhooks (https://docs.stripe.com/webhooks): `handleStripeWebhook` checks the
 * `Stripe-Signature` with `stripe.webhooks.constructEvent` (HMAC-SHA256 over "t.payload", 300 s
 * tolerance) and applies the event to the workspace it names, in one transaction:
 * - idempotent by event id: `billing_events` keeps every applied id; a redelivery changes nothing;
 * - out-of-order safe: a subscription's state is applied only when the event is not older than
 *   the state already applied (`billing_accounts.state_at`), and `canceled` (whenever it
 *   arrives) is final for that subscription; an invoice once `paid` never goes back to `failed`, and whether the workspace is
 *   in its grace period is recomputed from all of its invoices, so the order of `invoice.*`
 *   events does not matter.
 * The workspace is found from the object's metadata (`workspace_id`, set at checkout on the
 * session and the subscription) or else from its Stripe customer. Moves the workspace's plan
 * (`workspace.plan_changed`) and, on payment, lifts a suspension for non-payment.
 */
import { and, eq, min, sql } from "drizzle-orm";
import type Stripe from "stripe";
import type { Database, Tx } from "../../../db/client";
import { setWorkspace, withPlatform } from "../../../db/tenant";
import { DomainError } from "../../../lib/errors";
import { appendDomainEvent } from "../../../kernel/events";
import { billingAccounts, billingEvents, billingInvoices, plans, workspaces } from "../schema";
import { graceMs, planOfPrice, stripe, webhookSecret } from "./stripe-config";

/** 400 `invalid-signature`: the Stripe-Signature header does not match the payload (or is missing). */
export class InvalidStripeSignature extends DomainError {
  constructor(detail: string) {
    super(400, "invalid-signature", "Invalid Stripe signature", detail);
  }
}

export type WebhookOutcome = "applied" | "duplicate" | "ignored";
const LIVE = ["active", "trialing", "past_due", "unpaid"];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HANDLED = [
  "checkout.session.completed",
  "customer.subscription.created",
  "customer.subscription.updated",
  "customer.subscription.deleted",
  "invoice.paid",
  "invoice.payment_failed",
];

/** Verifies and applies one delivery. Throws InvalidStripeSignature (400) on a bad signature. */
export async function handleStripeWebhook(db: Database, rawBody: string, signature: string | undefined): Promise<WebhookOutcome> {
  const secret = webhookSecret();
  if (!secret || !process.env.STRIPE_SECRET_KEY) throw new InvalidStripeSignature("Billing is off: no webhook secret is configured.");
  let event: Stripe.Event;
  try {
    event = stripe().webhooks.constructEvent(rawBody, signature ?? "", secret);
  } catch (e) {
    throw new InvalidStripeSignature(e instanceof Error ? e.message : "signature check failed");
  }
  return applyStripeEvent(db, event);
}

type Obj = Record<string, unknown>;
const idOf = (v: unknown): string | null => (typeof v === "string" ? v : v && typeof v === "object" && "id" in v ? String((v as Obj).id) : null);
const at = (unix: number | null | undefined) => (unix ? new Date(unix * 1000) : null);

/** The workspace an event's object belongs to: its metadata, else its Stripe customer's account. */
async function workspaceOf(tx: Tx, object: Obj): Promise<string | null> {
  const meta = (object.metadata ?? {}) as Obj;
  const parentMeta = (((object.parent as Obj | null)?.subscription_details as Obj | null)?.metadata ?? {}) as Obj;
  const named = [object.client_reference_id, meta.workspace_id, parentMeta.workspace_id].find((v) => typeof v === "string" && UUID.test(v)) as
    | string
    | undefined;
  if (named) {
    const [ws] = await tx.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.id, named));
    if (ws) return ws.id;
  }
  const customer = idOf(object.customer);
  if (!customer) return null;
  const [acc] = await tx.select({ ws: billingAccounts.workspaceId }).from(billingAccounts).where(eq(billingAccounts.stripeCustomerId, customer));
  return acc?.ws ?? null;
}

/** Applies a verified event (see the module doc); answers what happened. */
export async function applyStripeEvent(db: Database, event: Stripe.Event): Promise<WebhookOutcome> {
  if (!HANDLED.includes(event.type)) return "ignored";
  const object = event.data.object as unknown as Obj;
  return withPlatform(db, async (tx) => {
    const ws = await workspaceOf(tx, object);
    if (!ws) return "ignored";
    await setWorkspace(tx, ws);
    const fresh = await tx
      .insert(billingEvents)
      .values({ id: event.id, workspaceId: ws, type: event.type, created: new Date(event.created * 1000) })
      .onConflictDoNothing()
      .returning({ id: billingEvents.id });
    if (!fresh.length) return "duplicate";
    const customer = idOf(object.customer);
    if (customer) await tx.insert(billingAccounts).values({ workspaceId: ws, stripeCustomerId: customer }).onConflictDoNothing();
    const when = new Date(event.created * 1000);
    switch (event.type) {
      case "checkout.session.completed": {
        const plan = String(((object.metadata ?? {}) as Obj).plan ?? "");
        const [p] = await tx.select({ price: plans.priceCents }).from(plans).where(eq(plans.id, plan));
        if (!p) return "applied";
        await applySubscription(
          tx,
          ws,
          { id: idOf(object.subscription), status: "active", plan, amountCents: p.price ?? 0, periodEnd: null, canceledAt: null },
          when,
        );
        break;
      }
      case "customer.subscription.created":
      case "customer.subscription.updated":
      case "customer.subscription.deleted": {
        const item = ((object.items as Obj | undefined)?.data as Obj[] | undefined)?.[0];
        const price = (item?.price ?? {}) as Obj;
        const plan = planOfPrice(String(price.id ?? ""));
        const status = event.type === "customer.subscription.deleted" ? "canceled" : String(object.status);
        await applySubscription(
          tx,
          ws,
          {
            id: idOf(object),
            status,
            plan,
            amountCents: Number(price.unit_amount ?? 0) * Number(item?.quantity ?? 1),
            periodEnd: at(item?.current_period_end as number | undefined),
            canceledAt: at(object.canceled_at as number | undefined) ?? (status === "canceled" ? when : null),
          },
          when,
        );
        break;
      }
      case "invoice.paid":
      case "invoice.payment_failed": {
        const paid = event.type === "invoice.paid";
        const row = {
          id: String(object.id),
          workspaceId: ws,
          status: paid ? ("paid" as const) : ("failed" as const),
          amountCents: Number(paid ? (object.amount_paid ?? object.amount_due) : object.amount_due) || 0,
          currency: String(object.currency ?? "usd"),
          created: at(object.created as number) ?? when,
          failedAt: paid ? null : when,
          paidAt: paid ? (at(((object.status_transitions ?? {}) as Obj).paid_at as number) ?? when) : null,
        };
        // paid wins over failed whatever the order; a failure never overwrites a payment
        await tx
          .insert(billingInvoices)
          .values(row)
          .onConflictDoUpdate({
            target: billingInvoices.id,
            set: paid
              ? { status: "paid", paidAt: row.paidAt, amountCents: row.amountCents }
              : { failedAt: sql`coalesce(${billingInvoices.failedAt}, excluded.failed_at)` },
          });
        await recomputePaymentState(tx, ws);
        break;
      }
    }
    return "applied";
  });
}

interface SubscriptionState {
  id: string | null;
  status: string;
  plan: string | null;
  amountCents: number;
  periodEnd: Date | null;
  canceledAt: Date | null;
}

/** Applies a subscription state seen at `when` unless a newer one (or the cancellation of this subscription) was applied already. */
async function applySubscription(tx: Tx, ws: string, s: SubscriptionState, when: Date): Promise<void> {
  const [acc] = await tx.select().from(billingAccounts).where(eq(billingAccounts.workspaceId, ws)).for("update");
  if (!acc) return;
  const sameSub = !acc.stripeSubscriptionId || !s.id || acc.stripeSubscriptionId === s.id;
  if (sameSub && acc.subscriptionStatus === "canceled" && s.status !== "canceled") return;
  // a cancellation is final whenever it arrives; any other state only when not older than the applied one
  if (acc.stateAt && when < acc.stateAt && sameSub && s.status !== "canceled") return;
  const stateAt = acc.stateAt && when < acc.stateAt ? acc.stateAt : when;
  const plan = s.plan ?? acc.plan;
  await tx
    .update(billingAccounts)
    .set({
      stripeSubscriptionId: s.id ?? acc.stripeSubscriptionId,
      subscriptionStatus: s.status,
      plan,
      amountCents: s.amountCents || acc.amountCents,
      currentPeriodEnd: s.periodEnd ?? acc.currentPeriodEnd,
      canceledAt: s.canceledAt,
      stateAt,
      updatedAt: new Date(),
    })
    .where(eq(billingAccounts.workspaceId, ws));
  const target = LIVE.includes(s.status) ? plan : s.status === "canceled" || s.status === "incomplete_expired" ? "free" : null;
  // a paid subscription ends any sign-up trial (the trial-end job then finds nothing to do)
  if (LIVE.includes(s.status) && s.status !== "trialing") await tx.update(workspaces).set({ trialEndsAt: null }).where(eq(workspaces.id, ws));
  if (target) await moveWorkspacePlan(tx, ws, target, s.status);
}

/** Sets the workspace's plan (and appends `workspace.plan_changed`) when it differs. */
async function moveWorkspacePlan(tx: Tx, ws: string, plan: string, reason: string): Promise<void> {
  const [p] = await tx.select({ id: plans.id }).from(plans).where(eq(plans.id, plan));
  if (!p) return;
  const [w] = await tx.select({ plan: workspaces.plan }).from(workspaces).where(eq(workspaces.id, ws));
  if (!w || w.plan === plan) return;
  await tx
    .update(workspaces)
    .set({ plan: plan as typeof w.plan })
    .where(eq(workspaces.id, ws));
  await appendDomainEvent(tx, {
    workspaceId: ws,
    type: "workspace.plan_changed",
    subjectId: ws,
    payload: { from: w.plan, to: plan, source: "stripe", subscription_status: reason },
  });
}

/**
 * Recomputes the workspace's payment state from its invoices: while any invoice is `failed`, the
 * grace period runs from the earliest failure (`billing.payment_failed` is appended once when it
 * starts, which e-mails the billing contact); when none is left, the grace ends and a suspension
 * for non-payment is lifted at once (`workspace.reactivated`, `billing.payment_recovered`).
 */
export async function recomputePaymentState(tx: Tx, ws: string): Promise<void> {
  const [acc] = await tx.select().from(billingAccounts).where(eq(billingAccounts.workspaceId, ws)).for("update");
  if (!acc) return;
  const [f] = await tx
    .select({ first: min(billingInvoices.failedAt) })
    .from(billingInvoices)
    .where(and(eq(billingInvoices.workspaceId, ws), eq(billingInvoices.status, "failed")));
  const firstFailure = f?.first ? new Date(f.first) : null;
  if (firstFailure && !acc.paymentFailedAt) {
    const graceUntil = new Date(firstFailure.getTime() + graceMs());
    await tx.update(billingAccounts).set({ paymentFailedAt: firstFailure, graceUntil, updatedAt: new Date() }).where(eq(billingAccounts.workspaceId, ws));
    await appendDomainEvent(tx, { workspaceId: ws, type: "billing.payment_failed", subjectId: ws, payload: { grace_until: graceUntil.toISOString() } });
  } else if (!firstFailure && acc.paymentFailedAt) {
    await tx
      .update(billingAccounts)
      .set({ paymentFailedAt: null, graceUntil: null, suspendedForPayment: false, updatedAt: new Date() })
      .where(eq(billingAccounts.workspaceId, ws));
    if (acc.suspendedForPayment) {
      const [w] = await tx.select({ status: workspaces.status, deletedAt: workspaces.deletedAt }).from(workspaces).where(eq(workspaces.id, ws));
      if (w && w.status === "suspended" && !w.deletedAt) {
        await tx.update(workspaces).set({ status: "active" }).where(eq(workspaces.id, ws));
        await appendDomainEvent(tx, {
          workspaceId: ws,
          type: "workspace.reactivated",
          subjectId: ws,
          payload: { restored: false, reason: "payment_received" },
        });
      }
    }
    await appendDomainEvent(tx, { workspaceId: ws, type: "billing.payment_recovered", subjectId: ws, payload: {} });
  }
}
