/**
 * Second factors and the workspace's MFA policy through the screens (issue 18, decision 035):
 * a person adds an authenticator app on /account/security and signs in again with its code; adds
 * a passkey (Chromium's virtual authenticator over CDP) and signs in with it; an owner requires
 * MFA on the project portal's Security screen and a member without a factor is asked to enrol.
 *
 * Each journey runs on a workspace of its own (made by the demo super admin through the API), so
 * no demo account gains a factor and no other journey meets an MFA policy.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, request, test, type APIRequestContext, type Page } from "@playwright/test";
import { authenticator } from "otplib";
import { DEMO_STAFF_TOTP_SECRET, PASSWORD } from "./support";

const port = Number(process.env.E2E_PORT ?? 8180);
const OWN_PASSWORD = "correct horse battery staple 18";
const stamp = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
const codeAt = (secret: string, offsetSteps = 0) => authenticator.clone({ epoch: Date.now() + offsetSteps * 30_000 }).generate(secret);

/**
 * The super admin's API session, signed in once per worker: a TOTP code is accepted once per
 * 30 s step (one step of drift), so a sign-in per journey would run out of codes.
 */
let adminSession: Promise<APIRequestContext> | null = null;

/** Makes a workspace with a new owner (as the super admin, through the API); answers its id and the owner's e-mail. */
async function freshWorkspace(label: string): Promise<{ workspaceId: string; owner: string }> {
  adminSession ??= signedInContext(`http://127.0.0.1:${port}`, "admin@neighbourhood.test", PASSWORD);
  const admin = await adminSession;
  const owner = `owner-${label}-${stamp()}@mfa-e2e.test`;
  const res = await admin.post("/api/v1/admin/workspaces", {
    headers: await csrfHeader(admin),
    data: { name: `MFA ${label} ${stamp()}`, owner_email: owner, owner_password: OWN_PASSWORD, plan: "free" },
  });
  expect(res.ok(), await res.text()).toBe(true);
  const { workspace_id } = (await res.json()) as { workspace_id: string };
  return { workspaceId: workspace_id, owner };
}

async function csrfHeader(ctx: APIRequestContext): Promise<Record<string, string>> {
  return { "x-csrf-token": (await ctx.storageState()).cookies.find((c) => c.name === "nh_csrf")?.value ?? "" };
}

/**
 * A request context holding `email`'s session cookies. The demo super admin answers the TOTP step:
 * this step's code or the next one's; when other journeys spent both, the next step's after the
 * step turns (the challenge allows 5 wrong codes).
 */
async function signedInContext(baseURL: string, email: string, password: string): Promise<APIRequestContext> {
  const ctx = await request.newContext({ baseURL });
  const login = await ctx.post("/api/v1/auth/login", { data: { email, password } });
  expect(login.ok(), await login.text()).toBe(true);
  const body = (await login.json()) as { mfa_token?: string };
  if (!body.mfa_token) return ctx;
  for (let attempt = 0; attempt < 4; attempt++) {
    if (attempt >= 2) await new Promise((r) => setTimeout(r, 30_000 - (Date.now() % 30_000) + 200));
    const res = await ctx.post("/api/v1/auth/mfa/verify", { data: { mfa_token: body.mfa_token, code: codeAt(DEMO_STAFF_TOTP_SECRET, attempt % 2) } });
    if (res.ok()) return ctx;
  }
  throw new Error(`the second factor of ${email} was refused`);
}

/** The shell's password form; answers once the password step is done (a second step may follow). */
async function submitPassword(page: Page, email: string): Promise<void> {
  await page.goto("/");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(OWN_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

async function signOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeVisible();
}

test("a person adds an authenticator app on their security page and signs in again with its code", async ({ page }) => {
  // Chromium reports each CSP violation on the console ("Refused to …"): the QR code is a data: image
  const refused: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) refused.push(m.text());
  });
  const { owner } = await freshWorkspace("totp");
  await submitPassword(page, owner);
  await expect(page.locator("[data-portal-ready]")).toBeVisible();

  await page.getByRole("link", { name: "Account security" }).click();
  await expect(page).toHaveURL(/\/account\/security$/);
  await expect(page.getByText("No second factor yet — add an authenticator app or a passkey")).toBeVisible();
  await page.getByRole("button", { name: "Add an authenticator app" }).click();
  await expect(page.getByRole("img", { name: "QR code for your authenticator app" })).toHaveAttribute("src", /^data:image\/svg\+xml/);
  const secret = (await page.getByTestId("totp-secret").textContent())!.trim();
  // no serious or critical WCAG 2.1 A/AA violation on the page with the enrolment open
  const axe = await new AxeBuilder({ page }).setLegacyMode().withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);

  // a wrong code is refused and said so
  const right = codeAt(secret);
  await page.getByLabel("Code from the app").fill(right === "000000" ? "000001" : "000000");
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByLabel("Code from the app")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText(/The code is wrong/)).toBeVisible();

  await page.getByLabel("Code from the app").fill(codeAt(secret));
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem")).toHaveCount(10);
  await page.getByRole("button", { name: "I saved them" }).click();
  await expect(page.getByRole("list", { name: "Second factors" })).toContainText("Authenticator app");
  await page.getByRole("button", { name: "Rename Authenticator app" }).click();
  await page.getByLabel("New name for Authenticator app").fill("Phone");
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(page.getByRole("button", { name: "Rename Phone" })).toBeVisible();

  await signOut(page);
  await submitPassword(page, owner);
  // the code just used for the confirmation is spent: the next step's (within the allowed drift)
  await page.getByLabel("Authentication code").fill(codeAt(secret, 1));
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.locator("[data-portal-ready]")).toBeVisible();
  expect(refused).toEqual([]);
});

test("Sign in with SSO: an unknown domain is said so, and a failed callback comes back to the sign-in page with its reason", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("link", { name: "Sign in with SSO" }).click();
  await page.getByLabel("Work e-mail").fill(`someone@no-sso-${stamp()}.example`);
  await page.getByRole("button", { name: "Continue with SSO" }).click();
  await expect(page.getByRole("alert")).toContainText("Couldn't start single sign-on");
  // the identity provider's redirect with a state this server never issued
  await page.goto("/api/v1/auth/sso/callback?code=x&state=never-issued");
  await expect(page).toHaveURL(/\/\?sso_error=/);
  await expect(page.getByRole("alert")).toContainText("Single sign-on failed (unknown state)");
  await page.getByRole("link", { name: "Use your password instead" }).click();
  await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeVisible();
});

test.describe("passkeys", () => {
  // browsers refuse an IP address as a WebAuthn RP ID: the suite's loopback PUBLIC_URL offers
  // passkeys at localhost (decision 035), so this journey opens the same server by that name
  test.use({ baseURL: `http://localhost:${port}` });

  test("a person registers a passkey (virtual authenticator) on their security page and signs in with it", async ({ page }) => {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("WebAuthn.enable");
    const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
      options: { protocol: "ctap2", transport: "internal", hasResidentKey: true, hasUserVerification: true, isUserVerified: true },
    });
    const { owner } = await freshWorkspace("passkey");
    await submitPassword(page, owner);
    await expect(page.locator("[data-portal-ready]")).toBeVisible();

    await page.getByRole("link", { name: "Account security" }).click();
    await page.getByRole("button", { name: "Add a passkey" }).click();
    await page.getByLabel("Passkey name").fill("E2E virtual key");
    await page.getByRole("button", { name: "Create passkey" }).click();
    await expect(page.getByRole("list", { name: "Second factors" })).toContainText("E2E virtual key");
    expect((await cdp.send("WebAuthn.getCredentials", { authenticatorId })).credentials).toHaveLength(1);

    await signOut(page);
    await submitPassword(page, owner);
    await page.getByRole("button", { name: "Use a passkey" }).click();
    await expect(page.locator("[data-portal-ready]")).toBeVisible();
    await page.getByRole("link", { name: "Account security" }).click();
    await expect(page.getByRole("list", { name: "Second factors" })).toContainText(/last used/);
  });
});

test("an owner requires MFA on the Security screen and a member without a factor is asked to enrol", async ({ page, browser, baseURL }) => {
  const { workspaceId, owner } = await freshWorkspace("policy");
  const member = `member-${stamp()}@mfa-e2e.test`;
  const ownerApi = await signedInContext(baseURL!, owner, OWN_PASSWORD);
  const added = await ownerApi.post(`/api/v1/workspaces/${workspaceId}/members`, {
    headers: await csrfHeader(ownerApi),
    data: { email: member, name: "Mia Member", password: OWN_PASSWORD, role: "sales_rep" },
  });
  expect(added.ok(), await added.text()).toBe(true);
  await ownerApi.dispose();

  await submitPassword(page, owner);
  await expect(page.locator("[data-portal-ready]")).toBeVisible();
  await page.goto("/project/security");
  await page.getByRole("button", { name: "Require MFA for every member" }).click();
  await expect(page.getByText("Required for every member")).toBeVisible();
  const row = page.getByRole("row", { name: /Mia Member/ });
  await expect(row).toContainText("None");

  const context = await browser.newContext();
  const m = await context.newPage();
  await submitPassword(m, member);
  await expect(m.getByText("Your account must use a second factor.")).toBeVisible();
  const secret = (await m
    .getByText(/Enter this key by hand/)
    .locator("code")
    .textContent())!.trim();
  await m.getByLabel("Authentication code").fill(codeAt(secret));
  await m.getByRole("button", { name: "Confirm and sign in" }).click();
  await expect(m.getByRole("list", { name: "Recovery codes" }).getByRole("listitem")).toHaveCount(10);
  await m.getByRole("button", { name: /I saved them/ }).click();
  await expect(m.locator("[data-portal-ready]")).toBeVisible();
  await context.close();

  await page.reload();
  await expect(page.getByRole("row", { name: /Mia Member/ })).toContainText("Authenticator app");
});
