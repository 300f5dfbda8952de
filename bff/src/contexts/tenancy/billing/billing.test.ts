/**
 * Billing through Stripe (issue #16 part 2, decision 032) against a local server that speaks
 * Stripe's API and signs its webhooks like Stripe (testing/stripe-server.ts); the BFF verifies
 * them with `stripe.webhooks.constructEvent`. Checkout, the Billing screen, signature refusal,
 * duplicate and out-of-order events, failed payment → grace → suspension → recovery, overage
 * reported once per period, platform revenue, and the other tenant's side.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openHarness, type Harness } from "../../../testing/harness";
import { catchMailInThisFile } from "../../../testing/smtp";
import { expectProblem, signUpWorkspace } from "../../../testing/fixtures";
import { settle } from "../../../testing/notifications";
import { startLocalStripe, type LocalStripe } from "../../../testing/stripe-server";
import { planQuotas, platformRevenue, reportOverage, runBillingSweep } from "..";
import { withWorkspace } from "../../../db/tenant";
import type { BillingStatus, BillingSummary, PlatformRevenue } from "@nhood/contracts/billing";

let h: Harness;
let stripe: LocalStripe;
const mails = catchMailInThisFile();
const outcomes: string[] = [];
const SECRET = "whsec_local_test_secret";

beforeAll(async () => {
  h = await openHarness();
  stripe = await startLocalStripe({
    webhookSecret: SECRET,
    prices: { price_starter: 4900, price_pro: 19900 },
    deliver: async (payload, signature) => {
      const res = await h.call("POST", "/webhooks/stripe", { body: payload, headers: { "stripe-signature": signature } });
      if (res.status !== 200) throw new Error(`webhook answered ${res.status}: ${await res.text()}`);
      outcomes.push(((await res.json()) as { outcome: string }).outcome);
    },
  });
  Object.assign(process.env, {
    STRIPE_SECRET_KEY: "sk_test_local",
    STRIPE_WEBHOOK_SECRET: SECRET,
    STRIPE_API_BASE: stripe.baseUrl,
    STRIPE_PRICE_STARTER: "price_starter",
    STRIPE_PRICE_PROFESSIONAL: "price_pro",
  });
});
afterAll(async () => {
  for (const k of ["STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "STRIPE_API_BASE", "STRIPE_PRICE_STARTER", "STRIPE_PRICE_PROFESSIONAL"]) delete process.env[k];
  await stripe.close();
  await h.close();
});

const planOf = async (ws: string) => (await h.owner<{ plan: string; status: string }[]>`select plan, status from workspaces where id = ${ws}`)[0]!;

/** A fresh workspace that bought `plan` through Checkout; answers it, its owner's token and its subscription id. */
async function subscribed(plan: "starter" | "professional", name = "Paying Co") {
  const ws = await signUpWorkspace(h, name);
  const token = await h.signIn(ws.email, ws.password);
  const res = await h.call("POST", `/api/v1/workspaces/${ws.workspaceId}/billing/checkout`, { token, body: { plan } });
  expect(res.status).toBe(200);
  const { url } = (await res.json()) as { url: string };
  const sessionId = new URL(url).pathname.split("/").pop()!;
  const session = await stripe.completeCheckout(sessionId);
  return { ...ws, token, sessionId, subscriptionId: String(session.subscription) };
}

describe("billing through Stripe", () => {
  it("checkout moves the plan; the Billing screen shows Stripe's payment method, next invoice and invoices", async () => {
    const ws = await subscribed("professional");
    expect(await planOf(ws.workspaceId)).toEqual({ plan: "professional", status: "active" });
    const session = stripe.sessions.get(ws.sessionId)!;
    expect(session.mode).toBe("subscription");
    expect(session.client_reference_id).toBe(ws.workspaceId);

    const res = await h.call("GET", `/api/v1/workspaces/${ws.workspaceId}/billing`, { token: ws.token });
    expect(res.status).toBe(200);
    const b = (await res.json()) as BillingSummary;
    expect(b).toMatchObject({ enabled: true, plan: "professional", subscription_status: "active", payment_state: "ok" });
    expect(b.payment_method).toMatchObject({ brand: "visa", last4: "4242" });
    expect(b.next_invoice).toMatchObject({ amount_due: 19900, currency: "usd" });
    expect(b.invoices).toHaveLength(1);
    expect(b.invoices[0]).toMatchObject({ status: "paid", amount_paid: 19900 });
    expect(b.paid_plans.map((p) => p.id)).toEqual(["starter", "professional"]);

    const portal = await h.call("POST", `/api/v1/workspaces/${ws.workspaceId}/billing/portal`, { token: ws.token, body: {} });
    expect(portal.status).toBe(200);
    expect(((await portal.json()) as { url: string }).url).toContain(`${stripe.baseUrl}/portal/bps_`);
  });

  it("a sign-up on a paid plan answers a Checkout URL; the workspace stays free until the payment, then moves", async () => {
    const email = `paid-signup-${Date.now()}@fresh.test`;
    const res = await h.call("POST", "/api/v1/workspaces", { body: { name: "Paid Signup Co", email, password: "fresh-password-123", plan: "professional" } });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { workspace_id: string; plan: string; subscription_status: string; checkout_url: string | null };
    expect(body).toMatchObject({ plan: "free", subscription_status: "checkout_required" });
    expect(body.checkout_url).toMatch(new RegExp(`^${stripe.baseUrl}/checkout/cs_test_`));
    const session = stripe.sessions.get(new URL(body.checkout_url!).pathname.split("/").pop()!)!;
    expect(session.success_url).toContain("/developer/setup?checkout=success");
    expect((await planOf(body.workspace_id)).plan).toBe("free");
    await stripe.completeCheckout(String(session.id));
    expect(await planOf(body.workspace_id)).toEqual({ plan: "professional", status: "active" });
    const [w] = await h.owner<{ trial_ends_at: Date | null }[]>`select trial_ends_at from workspaces where id = ${body.workspace_id}`;
    expect(w!.trial_ends_at).toBeNull();
  });

  it("refuses a wrong or missing signature and applies nothing", async () => {
    const ws = await signUpWorkspace(h, "Forged Co");
    const event = {
      id: "evt_forged",
      object: "event",
      created: Math.floor(Date.now() / 1000),
      type: "customer.subscription.updated",
      data: {
        object: {
          id: "sub_x",
          object: "subscription",
          status: "active",
          customer: "cus_x",
          metadata: { workspace_id: ws.workspaceId },
          items: { data: [{ price: { id: "price_pro", unit_amount: 1 }, quantity: 1 }] },
        },
      },
    };
    const body = JSON.stringify(event);
    const t = Math.floor(Date.now() / 1000);
    const bad = await h.call("POST", "/webhooks/stripe", { body, headers: { "stripe-signature": `t=${t},v1=${"0".repeat(64)}` } });
    const problem = await expectProblem(bad, 400);
    expect(problem.type).toContain("invalid-signature");
    await expectProblem(await h.call("POST", "/webhooks/stripe", { body }), 400);
    expect((await planOf(ws.workspaceId)).plan).toBe("free");
    expect((await h.owner`select 1 from billing_events where id = 'evt_forged'`).length).toBe(0);
  });

  it("ignores a redelivered event (same id) and an older event that arrives after a newer one", async () => {
    const ws = await subscribed("starter", "Replay Co");
    const sub = stripe.subscriptions.get(ws.subscriptionId)!;
    const changes = async () =>
      (
        await h.owner<{ n: number }[]>`select count(*)::int as n from domain_events where workspace_id = ${ws.workspaceId} and type = 'workspace.plan_changed'`
      )[0]!.n;
    expect(await changes()).toBe(1);

    // upgraded to professional at t+100, but the t+50 event (still starter, past_due) comes last
    const now = Math.floor(Date.now() / 1000);
    (sub.items as { data: { price: { id: string; unit_amount: number } }[] }).data[0]!.price = { id: "price_pro", unit_amount: 19900 };
    const newer = await stripe.send("customer.subscription.updated", sub, { created: now + 100 });
    const older = await stripe.send(
      "customer.subscription.updated",
      { ...sub, status: "past_due", items: { data: [{ price: { id: "price_starter", unit_amount: 4900 }, quantity: 1 }] } },
      { deliver: false, created: now + 50 },
    );
    await stripe.redeliver(older);
    expect((await planOf(ws.workspaceId)).plan).toBe("professional");
    const [acc] = await h.owner<
      { subscription_status: string; amount_cents: number }[]
    >`select subscription_status, amount_cents from billing_accounts where workspace_id = ${ws.workspaceId}`;
    expect(acc).toEqual({ subscription_status: "active", amount_cents: 19900 });

    outcomes.length = 0;
    await stripe.redeliver(newer);
    expect(outcomes).toEqual(["duplicate"]);
    expect(await changes()).toBe(2);

    // cancellation is final: a late "active" update of the same subscription does not revive it
    await stripe.cancelSubscription(ws.subscriptionId);
    expect((await planOf(ws.workspaceId)).plan).toBe("free");
    await stripe.send("customer.subscription.updated", { ...sub, status: "active" }, { created: now + 200 });
    expect((await planOf(ws.workspaceId)).plan).toBe("free");
  });

  it("a failed payment starts a grace period (banner, e-mail to the billing contact), then suspension; payment restores at once", async () => {
    const ws = await subscribed("starter", "Late Payer Co");
    await h.call("PUT", `/api/v1/workspaces/${ws.workspaceId}/billing-contact`, { token: ws.token, body: { billing_email: "ap@late-payer.test" } });
    const invoice = await stripe.failPayment(ws.subscriptionId);

    const status = (await (await h.call("GET", `/api/v1/workspaces/${ws.workspaceId}/billing/status`, { token: ws.token })).json()) as BillingStatus;
    expect(status.payment_state).toBe("grace");
    const graceUntil = new Date(status.grace_until!);
    expect(graceUntil.getTime() - Date.now()).toBeGreaterThan(6.9 * 86_400_000);
    await settle(h, async () => mails.some((m) => m.to.includes("ap@late-payer.test") && m.body.includes("Your payment failed")));

    // the sweep before the end of grace changes nothing; after it, the workspace is suspended
    await runBillingSweep(h.handles.db, new Date(graceUntil.getTime() - 60_000));
    expect((await planOf(ws.workspaceId)).status).toBe("active");
    await runBillingSweep(h.handles.db, new Date(graceUntil.getTime() + 1000));
    expect((await planOf(ws.workspaceId)).status).toBe("suspended");
    const refused = await h.call("GET", `/api/v1/workspaces/${ws.workspaceId}/billing/status`, { token: ws.token });
    expect(refused.status).toBe(403);
    await settle(h, async () => mails.some((m) => m.to.includes("ap@late-payer.test") && m.body.includes("suspended for non-payment")));

    await stripe.payInvoice(String(invoice.id));
    expect(await planOf(ws.workspaceId)).toEqual({ plan: "starter", status: "active" });
    const token = await h.signIn(ws.email, ws.password);
    const after = (await (await h.call("GET", `/api/v1/workspaces/${ws.workspaceId}/billing/status`, { token })).json()) as BillingStatus;
    expect(after).toEqual({ enabled: true, payment_state: "ok", grace_until: null });
  });

  it("a paid invoice that arrives before its failure keeps the workspace in good standing", async () => {
    const ws = await subscribed("starter", "Crossed Co");
    const invoice = await stripe.failPayment(ws.subscriptionId);
    const failure = stripe.events.at(-2)!;
    // replay in the other order on a second workspace's view: paid first, then the old failure
    await stripe.payInvoice(String(invoice.id));
    outcomes.length = 0;
    await stripe.redeliver({ ...failure, id: `${failure.id}_late` });
    expect(outcomes).toEqual(["applied"]);
    const [acc] = await h.owner<{ payment_failed_at: Date | null }[]>`select payment_failed_at from billing_accounts where workspace_id = ${ws.workspaceId}`;
    expect(acc!.payment_failed_at).toBeNull();
  });

  it("overage past the quota is reported once per period on plans that allow it; free keeps its hard stop", async () => {
    const ws = await subscribed("starter", "Busy Co");
    const free = await signUpWorkspace(h, "Free Co");
    const now = new Date();
    const last = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 0)).toISOString().slice(0, 7);
    await h.owner`insert into usage_counters (workspace_id, period_type, period, metric, count)
      values (${ws.workspaceId}, 'month', ${last}, 'events', 50250), (${ws.workspaceId}, 'month', ${last}, 'notifications', 10),
             (${free.workspaceId}, 'month', ${last}, 'events', 5000)`;
    const first = await reportOverage(h.handles.db, now);
    expect(first.filter((r) => r.workspaceId === ws.workspaceId)).toEqual([{ workspaceId: ws.workspaceId, metric: "events", quantity: 250 }]);
    expect(first.some((r) => r.workspaceId === free.workspaceId)).toBe(false);
    expect(await reportOverage(h.handles.db, now)).toEqual([]);
    const mine = stripe.meterEvents.filter((e) => e.identifier.startsWith(ws.workspaceId));
    expect(mine).toEqual([
      {
        event_name: "nhood_events_overage",
        identifier: `${ws.workspaceId}:${last}:events`,
        payload: { stripe_customer_id: expect.stringMatching(/^cus_/), value: "250" },
        timestamp: expect.any(Number),
      },
    ]);

    // the hard stop (the quota the ingestion enforces) is lifted only for the overage plan with a
    // live subscription; a free workspace keeps it, and so does the starter one once canceled
    const quotas = (id: string) => withWorkspace(h.handles.db, id, (tx) => planQuotas(tx, id));
    expect(await quotas(ws.workspaceId)).toMatchObject({ plan: "starter", eventsPerMonth: null, notificationsPerMonth: null });
    expect(await quotas(free.workspaceId)).toMatchObject({ plan: "free", eventsPerMonth: 1000 });
    await stripe.cancelSubscription(ws.subscriptionId);
    expect(await quotas(ws.workspaceId)).toMatchObject({ plan: "free", eventsPerMonth: 1000 });
  });

  it("platform revenue counts MRR, paid workspaces, churn and failed payments from the stored records", async () => {
    // the figures (platform staff read them at GET /admin/revenue; its role check is below)
    const r: PlatformRevenue = await platformRevenue(h.handles.db);
    const [db] = await h.owner<
      { mrr: number; paid: number }[]
    >`select coalesce(sum(amount_cents) filter (where subscription_status in ('active','past_due')),0)::int as mrr, count(*) filter (where subscription_status in ('active','past_due'))::int as paid from billing_accounts`;
    expect(r.enabled).toBe(true);
    expect(r.mrr_cents).toBe(db!.mrr);
    expect(r.active_paid_workspaces).toBe(db!.paid);
    expect(r.active_paid_workspaces).toBeGreaterThanOrEqual(3);
    expect(r.churned_this_month).toBeGreaterThanOrEqual(1);
    expect(r.failed_payments_this_month).toBeGreaterThanOrEqual(2);
    const admin = await h.signIn("admin@neighbourhood.test");
    const viaRoute = await h.call("GET", "/api/v1/admin/revenue", { token: admin });
    expect(viaRoute.status).toBe(200);
    expect(((await viaRoute.json()) as PlatformRevenue).mrr_cents).toBe(db!.mrr);
    const owner = await h.signIn("owner@acme.test");
    await expectProblem(await h.call("GET", "/api/v1/admin/revenue", { token: owner }), 403);
  });

  it("another workspace can neither read a workspace's billing nor open its checkout or portal", async () => {
    const a = await subscribed("starter", "Tenant A");
    const b = await signUpWorkspace(h, "Tenant B");
    const tokenB = await h.signIn(b.email, b.password);
    for (const [method, path, body] of [
      ["GET", `/api/v1/workspaces/${a.workspaceId}/billing`, undefined],
      ["GET", `/api/v1/workspaces/${a.workspaceId}/billing/status`, undefined],
      ["POST", `/api/v1/workspaces/${a.workspaceId}/billing/portal`, {}],
      ["POST", `/api/v1/workspaces/${a.workspaceId}/billing/checkout`, { plan: "professional" }],
    ] as const) {
      const res = await h.call(method, path, { token: tokenB, body });
      expect([403, 404]).toContain(res.status);
    }
    // B's own billing shows none of A's
    const own = (await (await h.call("GET", `/api/v1/workspaces/${b.workspaceId}/billing`, { token: tokenB })).json()) as BillingSummary;
    expect(own).toMatchObject({ plan: "free", subscription_status: null, invoices: [], payment_method: null });
  });

  it("an unknown plan is a 400 naming the field; with billing off, checkout is a 409 and the summary says so", async () => {
    const ws = await signUpWorkspace(h, "Plain Co");
    const token = await h.signIn(ws.email, ws.password);
    const bad = await expectProblem(await h.call("POST", `/api/v1/workspaces/${ws.workspaceId}/billing/checkout`, { token, body: { plan: "free" } }), 400);
    expect(bad.errors?.[0]?.pointer).toBe("#/plan");
    const key = process.env.STRIPE_SECRET_KEY;
    delete process.env.STRIPE_SECRET_KEY;
    try {
      await expectProblem(await h.call("POST", `/api/v1/workspaces/${ws.workspaceId}/billing/checkout`, { token, body: { plan: "starter" } }), 409);
      const off = (await (await h.call("GET", `/api/v1/workspaces/${ws.workspaceId}/billing`, { token })).json()) as BillingSummary;
      expect(off).toMatchObject({ enabled: false, plan: "free", paid_plans: [] });
    } finally {
      process.env.STRIPE_SECRET_KEY = key;
    }
  });
});
