/**
 * Journey (issue 16 part 1): a new company signs up from the sign-in page on the free plan,
 * verifies its e-mail from the message the suite sent (caught by a local SMTP server), goes
 * through the setup wizard — API key shown once, the first workflow from a template opens in the
 * editor, a teammate is invited — and the teammate accepts the invitation and is signed in.
 * The paid-plan variant (issue 16's "done when") picks Professional, pays on the local Stripe's hosted
 * Checkout page (playwright.config.ts starts it on port + 2000; billing is on for professional) and
 * lands back on the wizard with the workspace already on its paid plan. Both journeys share one
 * file because they share the mail catcher's port. Steps live in signup-support.ts.
 */
import { expect, test } from "@playwright/test";
import {
  acceptInvitation,
  expectSetupWizard,
  signUpFromSignIn,
  startMailCatcher,
  verifyEmailFromMail,
  wizardInvite,
  wizardKeyAndTemplate,
  type MailCatcher,
} from "./signup-support";

const stripeBase = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 8180) + 2000}`;

let mail: MailCatcher;
test.beforeAll(async () => {
  mail = await startMailCatcher();
});
test.afterAll(async () => {
  await mail?.close();
});

test("a company signs up on the free plan, verifies its e-mail, sets up with the wizard and its invited teammate signs in", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const stamp = Date.now().toString(36);
  const email = `founder-${stamp}@initech.example`;
  const teammate = `dev-${stamp}@initech.example`;
  const password = "correct horse battery staple 42";

  await signUpFromSignIn(page, { workspace: `Initech ${stamp}`, owner: "Peter Founder", email, password, planName: "Free" });
  await expectSetupWizard(page);
  // unverified: the banner says so, and inviting would be refused
  await expect(page.getByText("Verify your e-mail.")).toBeVisible();

  await verifyEmailFromMail(page, mail, email);
  await page.goto("/developer/setup");
  await expectSetupWizard(page);
  await expect(page.getByText("Verify your e-mail.")).toHaveCount(0);

  await wizardKeyAndTemplate(page, "Welcome New Customer");
  await wizardInvite(page, teammate, "Developer");

  // the invitation is listed in the project portal's Users and roles, pending
  await page.goto("/project/members");
  await expect(page.getByRole("table", { name: "Invitations" })).toContainText(teammate);

  const link = await mail.linkTo(teammate, "/invitations/accept");
  const invited = await acceptInvitation(browser, link, "Dana Developer", "another long password 7");
  await expect(invited.getByRole("navigation").first()).toBeVisible();
  const me = await invited.request.get("/api/v1/me");
  expect(await me.json()).toMatchObject({
    kind: "user",
    user: { email: teammate, name: "Dana Developer" },
    workspace: { name: `Initech ${stamp}`, role: "developer" },
  });
  await invited.context().close();
  // the link works once (asked by someone with no session, as the link's holder would)
  const stranger = await browser.newContext();
  const again = await stranger.request.post("/api/v1/invitations/accept", {
    data: { token: new URL(link, "http://x").searchParams.get("token"), password: "another long password 7" },
  });
  expect(again.status()).toBe(410);
  await stranger.close();

  await page.reload();
  await expect(page.getByRole("table", { name: "Invitations" })).toContainText("accepted");
});

test("a company signs up on a paid plan, pays through Stripe Checkout, lands on the wizard, starts from a template and its invited teammate signs in", async ({
  page,
  browser,
}) => {
  test.setTimeout(150_000);
  const stamp = Date.now().toString(36);
  const email = `cfo-${stamp}@umbrella.example`;
  const teammate = `ops-${stamp}@umbrella.example`;

  await signUpFromSignIn(page, {
    workspace: `Umbrella ${stamp}`,
    owner: "Alice Payer",
    email,
    password: "correct horse battery staple 43",
    planName: "Professional",
  });
  // a paid plan with billing on goes to Stripe Checkout (the local Stripe's hosted page), then back to the wizard
  await expect(page).toHaveURL(new RegExp(`^${stripeBase}/checkout/cs_test_`));
  await page.getByRole("button", { name: "Pay" }).click();
  await expect(page).toHaveURL(/\/developer\/setup\?checkout=success/);
  await expect(page.getByRole("heading", { name: "Set up your workspace" })).toBeVisible();
  // checkout.session.completed moved the workspace to the plan it paid for
  await expect
    .poll(async () => ((await (await page.request.get("/api/v1/projects/me")).json()) as { plan: string }).plan, { timeout: 30_000 })
    .toBe("professional");

  await verifyEmailFromMail(page, mail, email);
  await page.goto("/developer/setup");
  await expectSetupWizard(page);
  await wizardKeyAndTemplate(page, "Welcome New Customer");
  await wizardInvite(page, teammate, "Developer");

  const invited = await acceptInvitation(browser, await mail.linkTo(teammate, "/invitations/accept"), "Owen Ops", "yet another long password 8");
  await expect(invited.getByRole("navigation").first()).toBeVisible();
  expect(await (await invited.request.get("/api/v1/me")).json()).toMatchObject({
    user: { email: teammate },
    workspace: { name: `Umbrella ${stamp}`, role: "developer" },
  });
  await invited.context().close();
});
