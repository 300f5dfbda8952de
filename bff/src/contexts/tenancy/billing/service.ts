/**
 * A workspace's billing (decision 032): its summary for the Billing screen (plan and payment
 * state from our records; next invoice, payment method and past invoices from Stripe), Stripe
 * Checkout to buy a paid plan (subscription mode) and the Stripe customer portal. With billing
 * off (no STRIPE_SECRET_KEY) the summary says `enabled: false` and checkout/portal answer 409
 * `billing-disabled`.
 */
import { asc, eq, isNotNull } from "drizzle-orm";
import type { BillingStatus, BillingSummary } from "@nhood/contracts/billing";
import type { Database, Tx } from "../../../db/client";
import { withWorkspace } from "../../../db/tenant";
import { DomainError, ValidationFailed } from "../../../lib/errors";
import { config } from "../../../config";
import { billingAccounts, plans, workspaces } from "../schema";
import { billingEnabled, priceOfPlan, stripe } from "./stripe-config";
import { billingRecipients } from "../billing-contact";

/** 409 `billing-disabled`: this installation has no STRIPE_SECRET_KEY. */
export class BillingDisabled extends DomainError {
  constructor() {
    super(409, "billing-disabled", "Billing is off", "Online billing is not configured on this installation; platform staff change plans.");
  }
}

type Account = typeof billingAccounts.$inferSelect;
const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const unixIso = (u: number | null | undefined) => (u ? new Date(u * 1000).toISOString() : null);

function paymentState(acc: Account | undefined): BillingStatus["payment_state"] {
  if (!acc?.paymentFailedAt) return "ok";
  return acc.suspendedForPayment ? "suspended" : "grace";
}

async function accountOf(tx: Tx, ws: string): Promise<Account | undefined> {
  const [acc] = await tx.select().from(billingAccounts).where(eq(billingAccounts.workspaceId, ws));
  return acc;
}

/** The payment banner's facts (cheap: no Stripe call). */
export async function getBillingStatus(db: Database, ws: string): Promise<BillingStatus> {
  const acc = await withWorkspace(db, ws, (tx) => accountOf(tx, ws));
  return { enabled: billingEnabled(), payment_state: paymentState(acc), grace_until: iso(acc?.graceUntil) };
}

/** The Billing screen: our records plus, when the workspace has a Stripe customer, Stripe's. */
export async function getBillingSummary(db: Database, ws: string): Promise<BillingSummary> {
  const { acc, plan, paid } = await withWorkspace(db, ws, async (tx) => {
    const [w] = await tx.select({ plan: workspaces.plan }).from(workspaces).where(eq(workspaces.id, ws));
    const paid = await tx.select().from(plans).where(isNotNull(plans.priceCents)).orderBy(asc(plans.priceCents));
    return { acc: await accountOf(tx, ws), plan: w?.plan ?? "free", paid };
  });
  const enabled = billingEnabled();
  const summary: BillingSummary = {
    enabled,
    plan,
    paid_plans: enabled
      ? paid.filter((p) => (p.priceCents ?? 0) > 0 && priceOfPlan(p.id)).map((p) => ({ id: p.id, name: p.name, price_cents: p.priceCents, overage: p.overage }))
      : [],
    subscription_status: acc?.subscriptionStatus ?? null,
    payment_state: paymentState(acc),
    grace_until: iso(acc?.graceUntil),
    current_period_end: iso(acc?.currentPeriodEnd),
    next_invoice: null,
    payment_method: null,
    invoices: [],
  };
  if (!enabled || !acc) return summary;
  const s = stripe();
  const [customer, invoices, upcoming] = await Promise.all([
    s.customers.retrieve(acc.stripeCustomerId, { expand: ["invoice_settings.default_payment_method"] }),
    s.invoices.list({ customer: acc.stripeCustomerId, limit: 12 }),
    acc.subscriptionStatus && acc.subscriptionStatus !== "canceled"
      ? s.invoices.createPreview({ customer: acc.stripeCustomerId }).catch(() => null)
      : Promise.resolve(null),
  ]);
  if (!customer.deleted) {
    const pm = customer.invoice_settings?.default_payment_method;
    if (pm && typeof pm === "object" && pm.card) {
      summary.payment_method = { brand: pm.card.brand, last4: pm.card.last4, exp_month: pm.card.exp_month, exp_year: pm.card.exp_year };
    }
  }
  summary.invoices = invoices.data.map((i) => ({
    id: i.id ?? "",
    number: i.number ?? null,
    status: i.status ?? null,
    amount_due: i.amount_due,
    amount_paid: i.amount_paid,
    currency: i.currency,
    created: unixIso(i.created)!,
    hosted_invoice_url: i.hosted_invoice_url ?? null,
  }));
  if (upcoming)
    summary.next_invoice = {
      amount_due: upcoming.amount_due,
      currency: upcoming.currency,
      date: unixIso(upcoming.next_payment_attempt ?? upcoming.period_end),
    };
  return summary;
}

/** The workspace's Stripe customer id, created (with the billing e-mail) the first time. */
async function ensureCustomer(db: Database, ws: string): Promise<string> {
  const { acc, name, email } = await withWorkspace(db, ws, async (tx) => {
    const [w] = await tx.select({ name: workspaces.name }).from(workspaces).where(eq(workspaces.id, ws));
    return { acc: await accountOf(tx, ws), name: w?.name ?? "", email: (await billingRecipients(tx, ws))[0] };
  });
  if (acc) return acc.stripeCustomerId;
  const customer = await stripe().customers.create({ name, email, metadata: { workspace_id: ws } }, { idempotencyKey: `nhood-customer-${ws}` });
  await withWorkspace(db, ws, (tx) => tx.insert(billingAccounts).values({ workspaceId: ws, stripeCustomerId: customer.id }).onConflictDoNothing());
  return (await withWorkspace(db, ws, (tx) => accountOf(tx, ws)))!.stripeCustomerId;
}

/**
 * A Stripe Checkout session (subscription mode) for `plan`; answers its URL. The session and the
 * subscription carry `metadata.workspace_id` and `metadata.plan`, so the webhooks find the
 * workspace whatever order they arrive in. 400 on `#/plan` for a plan that cannot be bought.
 * `returnPath`: where Stripe sends the browser back to (default the project portal's billing).
 */
export async function startCheckout(db: Database, ws: string, plan: string, returnPath = "/project/billing"): Promise<{ url: string }> {
  if (!billingEnabled()) throw new BillingDisabled();
  const price = priceOfPlan(plan);
  if (!price)
    throw new ValidationFailed([
      { pointer: "#/plan", detail: "not a plan that can be bought online (starter, professional or enterprise with a configured Stripe price)" },
    ]);
  const customer = await ensureCustomer(db, ws);
  const back = new URL(returnPath, config.publicUrl);
  const success = new URL(back);
  success.searchParams.set("checkout", "success");
  const cancel = new URL(back);
  cancel.searchParams.set("checkout", "canceled");
  const session = await stripe().checkout.sessions.create({
    mode: "subscription",
    customer,
    client_reference_id: ws,
    line_items: [{ price, quantity: 1 }],
    metadata: { workspace_id: ws, plan },
    subscription_data: { metadata: { workspace_id: ws, plan } },
    success_url: `${success.toString()}&session_id={CHECKOUT_SESSION_ID}`,
    cancel_url: cancel.toString(),
  });
  return { url: session.url ?? "" };
}

/** A Stripe customer-portal session for the workspace (409 `billing-disabled`, or when it has no Stripe customer yet). */
export async function openCustomerPortal(db: Database, ws: string, returnPath = "/project/billing"): Promise<{ url: string }> {
  if (!billingEnabled()) throw new BillingDisabled();
  const acc = await withWorkspace(db, ws, (tx) => accountOf(tx, ws));
  if (!acc)
    throw new DomainError(409, "no-billing-account", "No billing account", "This workspace has not subscribed through Stripe yet; choose a paid plan first.");
  const session = await stripe().billingPortal.sessions.create({
    customer: acc.stripeCustomerId,
    return_url: new URL(returnPath, config.publicUrl).toString(),
  });
  return { url: session.url };
}

/**
 * Checkout for a workspace being signed up (issue 16 part 1: "paid plans start a checkout"),
 * called inside the sign-up transaction before the workspace row exists: creates its Stripe
 * customer (metadata `workspace_id`) and answers a Checkout URL whose success and cancel pages
 * are `returnPath` (the setup wizard); the billing account row is written by the
 * `checkout.session.completed` webhook. Null when billing is off or `plan` has no Stripe price
 * (the caller then starts a trial).
 */
export async function checkoutForNewWorkspace(input: {
  workspaceId: string;
  plan: string;
  email: string;
  name?: string;
  returnPath?: string;
}): Promise<string | null> {
  const price = priceOfPlan(input.plan);
  if (!billingEnabled() || !price) return null;
  const ws = input.workspaceId;
  const s = stripe();
  const customer = await s.customers.create(
    { email: input.email, name: input.name, metadata: { workspace_id: ws } },
    { idempotencyKey: `nhood-customer-${ws}` },
  );
  const back = new URL(input.returnPath ?? "/developer/setup", config.publicUrl);
  const session = await s.checkout.sessions.create({
    mode: "subscription",
    customer: customer.id,
    client_reference_id: ws,
    line_items: [{ price, quantity: 1 }],
    metadata: { workspace_id: ws, plan: input.plan },
    subscription_data: { metadata: { workspace_id: ws, plan: input.plan } },
    success_url: `${back.toString()}${back.search ? "&" : "?"}checkout=success&session_id={CHECKOUT_SESSION_ID}`,
    cancel_url: `${back.toString()}${back.search ? "&" : "?"}checkout=canceled`,
  });
  return session.url ?? null;
}
