/**
 * The content security policy (issue 18 part 4, bff/src/lib/security-headers.ts) in the browser:
 * every portal's main screens (each section of each portal, the client portal as an end user),
 * the project portal's sandboxed e-mail preview, the client SDK's example page /examples/inbox
 * and the API reference /api/docs load with no CSP violation. A violation is caught both as a
 * `securitypolicyviolation` event (in every frame the page can script) and as Chromium's console
 * report (which also covers the sandboxed preview frame, where no script runs).
 */
import { expect, test, type Page } from "@playwright/test";
import { api, expectPortalReady, signIn } from "./support";

/**
 * Starts collecting CSP violations on `page`, across navigations (each document reports through
 * an exposed function); answers a function that reads them.
 */
async function watchCsp(page: Page): Promise<() => Promise<string[]>> {
  const seen: string[] = [];
  await page.exposeFunction("__reportCsp", (v: string) => {
    seen.push(v);
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      const report = (window as unknown as { __reportCsp?: (v: string) => void }).__reportCsp;
      report?.(`${location.pathname}: ${e.violatedDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
  return async () => {
    await page.waitForTimeout(200); // a report still on its way from the page
    return [...seen];
  };
}

/** Visits every link of the portal's section navigation; answers the paths visited. */
async function visitSections(page: Page, portal: string): Promise<string[]> {
  await expectPortalReady(page, portal);
  const nav = page.getByRole("navigation", { name: /sections/i });
  const hrefs = (await nav.count())
    ? await nav
        .first()
        .getByRole("link")
        .evaluateAll((links) => links.map((l) => (l as HTMLAnchorElement).pathname))
    : [];
  for (const href of hrefs) {
    await page
      .getByRole("navigation", { name: /sections/i })
      .first()
      .locator(`a[href="${href}"]`)
      .click();
    await expect(page).toHaveURL(new RegExp(`${href}$`));
    await page.waitForLoadState("networkidle", { timeout: 5_000 }).catch(() => undefined);
  }
  return hrefs;
}

test("the sign-in page loads under the policy, which the server sends", async ({ page }) => {
  const violations = await watchCsp(page);
  const res = await page.goto("/");
  const csp = res!.headers()["content-security-policy"] ?? "";
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toContain("unsafe-eval");
  await expect(page.getByRole("button", { name: /sign in/i })).toBeVisible();
  expect(await violations()).toEqual([]);
});

for (const [email, portals] of [
  ["admin@neighbourhood.test", ["admin"]],
  ["owner@acme.test", ["developer", "employee", "project"]],
] as const) {
  test(`${email}: every section of ${portals.join(", ")} without a CSP violation`, async ({ page }) => {
    test.setTimeout(180_000);
    const violations = await watchCsp(page);
    await signIn(page, email);
    await expect(page.locator("[data-portal-ready]")).toBeVisible();
    let screens = 0;
    for (const portal of portals) {
      await page.goto(`/${portal}`);
      screens += 1 + (await visitSections(page, portal)).length;
    }
    // the shell's own account security page (a lazy chunk; the QR code is an SVG data: URL)
    await page.goto("/account/security");
    await expect(page.getByRole("heading", { name: "Account security" })).toBeVisible();
    await expect(page.getByRole("list", { name: "Second factors" }).or(page.getByText(/No second factor yet/))).toBeVisible();
    expect(screens).toBeGreaterThan(portals.length);
    expect(await violations()).toEqual([]);
  });
}

test("the project portal's e-mail preview (a sandboxed srcdoc frame) renders its styled HTML", async ({ page }) => {
  const violations = await watchCsp(page);
  await signIn(page, "owner@acme.test");
  await expect(page.locator("[data-portal-ready]")).toBeVisible();
  await page.goto("/project/email-templates");
  const frame = page.locator("iframe[srcdoc]").first();
  await expect(frame).toBeVisible();
  expect(await frame.getAttribute("sandbox")).toBe("");
  // the e-mail's inline styles apply inside the frame: a blocked style attribute would leave the
  // body's background (#f4f4f5, email-templates.tsx) transparent
  const body = page.frameLocator("iframe[srcdoc]").first().locator("body");
  await expect(body).toHaveCSS("background-color", "rgb(244, 244, 245)");
  expect(await violations()).toEqual([]);
});

test("the client portal, as an end user, without a CSP violation", async ({ page, browser }) => {
  await signIn(page, "dev@acme.test");
  await expectPortalReady(page, "developer");
  // the end user's own context watches from its first page load (a connect link works once)
  const context = await browser.newContext();
  const client = await context.newPage();
  const violations = await watchCsp(client);
  const me = await api<{ workspace: { id: string } }>(page, "GET", "/api/v1/me");
  const endUsers = await api<{ items: { id: string; external_user_id: string }[] }>(page, "GET", `/api/v1/workspaces/${me.workspace.id}/end-users`);
  const xyz = endUsers.items.find((e) => e.external_user_id === "user_xyz")!;
  const session = await api<{ url: string }>(page, "POST", `/api/v1/workspaces/${me.workspace.id}/end-users/${xyz.id}/connect-session`, {});
  const url = new URL(session.url);
  await client.goto(url.pathname + url.search);
  await visitSections(client, "client");
  expect(await violations()).toEqual([]);
  await context.close();
});

test("the client SDK's example page without a CSP violation", async ({ page }) => {
  const violations = await watchCsp(page);
  await page.goto("/examples/inbox");
  await expect(page.getByRole("heading", { name: /example inbox/i })).toBeVisible();
  await page.waitForLoadState("networkidle", { timeout: 10_000 }).catch(() => undefined);
  expect(await violations()).toEqual([]);
});

test("the API reference without a CSP violation", async ({ page }) => {
  const violations = await watchCsp(page);
  test.setTimeout(120_000);
  await page.goto("/api/docs");
  // Scalar renders the whole document before its first heading (seconds on a shared machine)
  await expect(page.getByRole("heading", { name: "NeighbourHood API" }).first()).toBeVisible({ timeout: 90_000 });
  await page.waitForLoadState("networkidle", { timeout: 10_000 }).catch(() => undefined);
  expect(await violations()).toEqual([]);
});
