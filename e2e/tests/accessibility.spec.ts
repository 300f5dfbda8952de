/**
 * axe-core on every portal's main screens (each section of each portal, plus sign-in): no
 * serious or critical WCAG 2.1 A/AA violations. Each test prints one JSON line: screens checked,
 * serious/critical violations (must be 0) and moderate/minor ones (reported, not failed).
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { expectPortalReady, openClientPortalAsEndUser, signIn } from "./support";

/** Screens checked and serious/critical violations found by the running test (printed after it). */
const tally = { screens: 0, serious: 0, moderate_or_minor: 0 };
// biome-ignore lint/correctness/noEmptyPattern: Playwright reads the fixtures from the first parameter's destructuring; testInfo is the second
test.afterEach(async ({}, testInfo) => {
  console.log(JSON.stringify({ figure: "accessibility", test: testInfo.title, ...tally }));
  Object.assign(tally, { screens: 0, serious: 0, moderate_or_minor: 0 });
});

async function expectNoSeriousViolations(page: Page, screen: string): Promise<void> {
  // legacy mode runs axe.run in the page itself: the default finishes each analysis in a new blank
  // page, which hung (context.newPage) once the project portal gained a sandboxed e-mail preview frame
  const results = await new AxeBuilder({ page }).setLegacyMode().withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${screen}: ${v.id} (${v.impact}) — ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(" "))
          .join(", ")}`,
    );
  tally.screens++;
  tally.serious += serious.length;
  tally.moderate_or_minor += results.violations.length - serious.length;
  expect(serious).toEqual([]);
}

/** Visits every link of the portal's section navigation and checks each screen. */
async function checkSections(page: Page, portal: string): Promise<void> {
  await expectPortalReady(page, portal);
  await expectNoSeriousViolations(page, `${portal} (first screen)`);
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
    // a page with a live stream (the project inbox's SSE) never goes network-idle
    await page.waitForLoadState("networkidle", { timeout: 5_000 }).catch(() => undefined);
    await expectNoSeriousViolations(page, href);
  }
}

test("the sign-in page", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("button", { name: /sign in/i })).toBeVisible();
  await expectNoSeriousViolations(page, "sign-in");
});

// one test per portal (each signs in again): the owner's three portals have 30-odd screens, too many
// for one test's time budget, and separate tests can run on both workers
for (const [email, portal] of [
  ["admin@neighbourhood.test", "admin"],
  ["owner@acme.test", "developer"],
  ["owner@acme.test", "employee"],
  ["owner@acme.test", "project"],
] as const) {
  test(`${email}: every section of the ${portal} portal`, async ({ page }) => {
    test.setTimeout(240_000); // each screen is checked by axe
    await signIn(page, email);
    await expect(page.locator("[data-portal-ready]")).toBeVisible();
    await page.goto(`/${portal}`);
    await checkSections(page, portal);
  });
}

test("the client portal", async ({ page, browser }) => {
  await signIn(page, "dev@acme.test");
  await expectPortalReady(page, "developer");
  const { client, context } = await openClientPortalAsEndUser(page, browser);
  await checkSections(client, "client");
  await context.close();
});
