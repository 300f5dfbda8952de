/**
 * Billing through Stripe (issue 16 part 2, decision 032) against the local Stripe the suite starts
 * (bff/src/testing/stripe-server.ts, playwright.config.ts): a new company upgrades from the
 * workspace portal's Billing screen through the hosted Checkout page, sees the plan, payment
 * method and invoice; then a payment fails (the banner shows the grace period), the workspace is
 * suspended when the grace ends (the e2e server's grace is ~26 s, NHOOD_BILLING_GRACE_DAYS), and
 * paying the invoice restores it at once.
 */
import { expect, test } from "@playwright/test";
import { expectPortalReady } from "./support";

const port = Number(process.env.E2E_PORT ?? 8180);
const stripeBase = `http://127.0.0.1:${port + 2000}`;

/** Calls a test control of the local Stripe (not a Stripe API): `what` fail_payment | pay_invoice | state. */
async function stripeControl<T>(what: string, id = ""): Promise<T> {
  const res = await fetch(`${stripeBase}/_test/${what}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: `id=${encodeURIComponent(id)}`,
  });
  if (!res.ok) throw new Error(`local Stripe ${what} → ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

test("a failed payment: upgrade through Checkout, banner during grace, suspension, recovery on payment", async ({ page }) => {
  test.setTimeout(240_000);
  const email = `billing-${Date.now().toString(36)}@journey.test`;
  const password = "billing-journey-password-1";
  const created = await page.request.post("/api/v1/workspaces", { data: { name: "Billing Journey Co", email, password, plan: "free" } });
  expect(created.status()).toBe(201);
  const { workspace_id: ws } = (await created.json()) as { workspace_id: string };

  const signIn = async () => {
    await page.goto("/");
    await page.getByLabel(/email/i).fill(email);
    await page.getByLabel(/password/i).fill(password);
    await page.getByRole("button", { name: /sign in/i }).click();
    await expect(page).toHaveURL(/\/(developer|employee|project)/);
  };
  await signIn();

  // upgrade: Billing → Checkout (local Stripe's hosted page) → Pay → back on Billing
  await page.goto("/project/billing");
  await expectPortalReady(page, "project");
  await page.getByRole("button", { name: "Upgrade to Professional" }).click();
  await expect(page).toHaveURL(new RegExp(`^${stripeBase}/checkout/cs_test_`));
  await page.getByRole("button", { name: "Pay" }).click();
  await expect(page).toHaveURL(/\/project\/billing\?checkout=success/);
  await expect(page.getByText("your payment went through")).toBeVisible();
  await expect(page.getByText("visa ending in 4242")).toBeVisible();
  await expect(page.getByRole("table", { name: "Past invoices" }).getByText("paid")).toBeVisible();
  await expect(page.getByRole("button", { name: "Manage billing in Stripe" })).toBeVisible();

  // the next charge fails: the banner shows on every screen of the portal
  const state = await stripeControl<{ subscriptions: { id: string; metadata: { workspace_id?: string } }[] }>("state");
  const sub = state.subscriptions.find((s) => s.metadata.workspace_id === ws)!;
  const invoice = await stripeControl<{ id: string }>("fail_payment", sub.id);
  await page.goto("/project/inbox");
  await expect(page.getByRole("alert").filter({ hasText: "Your last payment failed" })).toBeVisible();

  // the grace period ends: the billing sweep suspends the workspace; its API answers 403
  await expect
    .poll(async () => (await page.request.get(`/api/v1/workspaces/${ws}/billing/status`)).status(), { timeout: 150_000, intervals: [2000] })
    .toBe(403);

  // paying the open invoice restores the workspace at once
  await stripeControl("pay_invoice", invoice.id);
  await page.context().clearCookies();
  await signIn();
  await page.goto("/project/billing");
  await expectPortalReady(page, "project");
  await expect(page.getByRole("alert").filter({ hasText: "Your last payment failed" })).toHaveCount(0);
  await expect(page.getByText("professional", { exact: true })).toBeVisible();
});
