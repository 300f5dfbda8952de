/**
 * The lead journey: a visitor sends a plain HTML form on a CRM client's website; the lead appears
 * on the sales manager's pipeline board; the manager drags it to "Qualified", assigns it to a rep
 * and adds a note that shows on the timeline; the rep then sees it on their own board.
 */
import { expect, test, type Page } from "@playwright/test";
import { api, expectPortalReady, signIn } from "./support";

const SITE = "http://homes.example.test";

async function board(page: Page) {
  await page.getByRole("link", { name: /^pipeline$/i }).click();
  await expectPortalReady(page, "employee");
}

test("a website form lead reaches the manager's board, is qualified, assigned and noted, and the rep sees it", async ({ page, browser, baseURL }) => {
  const stamp = Date.now().toString(36);
  const visitor = `Visitor ${stamp}`;
  // the owner sets up a CRM client whose website is SITE, and a form key for it
  await signIn(page, "owner@acme.test");
  await expect(page).toHaveURL(/\/(developer|employee|project)/);
  const workspaceId = (await api<{ workspace: { id: string } }>(page, "GET", "/api/v1/me")).workspace.id;
  await api(page, "POST", `/api/v1/workspaces/${workspaceId}/crm-clients`, { client_id: `homes-${stamp}`, name: `Homes ${stamp}`, website_origins: [SITE] });
  const { key } = await api<{ key: string }>(page, "POST", `/api/v1/workspaces/${workspaceId}/lead-sources`, {
    client_id: `homes-${stamp}`,
    name: "Contact form",
  });

  // the client's website: a plain HTML form posting to the ingest API (served by Playwright as SITE)
  const site = await browser.newContext();
  const visit = await site.newPage();
  await visit.route(`${SITE}/**`, (route) =>
    route.fulfill({
      contentType: "text/html",
      body: `<!doctype html><title>Contact</title>
      <form method="post" action="${baseURL}/api/v1/leads/ingest">
        <input type="hidden" name="api_key" value="${key}">
        <label>Name <input name="name"></label><label>Email <input name="email"></label><label>Phone <input name="phone"></label>
        <button type="submit">Send</button>
      </form>`,
    }),
  );
  await visit.goto(`${SITE}/contact`);
  await visit.getByLabel("Name").fill(visitor);
  await visit.getByLabel("Email").fill(`Visitor-${stamp}@Example.com`);
  await visit.getByLabel("Phone").fill("+44 20 7946 0018");
  await visit.getByRole("button", { name: "Send" }).click();
  // without `_redirect` the browser shows the API's answer (the BFF tests cover the redirect)
  await expect(visit.locator("body")).toContainText('"created":true');
  await site.close();

  // the manager finds it in "New" and drags it to "Qualified"
  const mgrContext = await browser.newContext();
  const mgr = await mgrContext.newPage();
  await signIn(mgr, "manager@acme.test");
  await expectPortalReady(mgr, "employee");
  await board(mgr);
  const newColumn = mgr.getByRole("region", { name: "New stage" });
  const card = newColumn.locator("li", { hasText: visitor });
  await expect(card).toBeVisible();
  await expect(card).toContainText(`visitor-${stamp}@example.com`);
  const handle = card.getByRole("button", { name: `Drag ${visitor}` });
  const target = mgr.getByRole("region", { name: "Qualified stage" });
  const from = (await handle.boundingBox())!;
  const to = (await target.boundingBox())!;
  await mgr.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await mgr.mouse.down();
  await mgr.mouse.move(from.x + 20, from.y + 20, { steps: 5 });
  await mgr.mouse.move(to.x + to.width / 2, to.y + 60, { steps: 10 });
  await mgr.mouse.up();
  await expect(target.locator("li", { hasText: visitor })).toBeVisible();

  // open it, assign it to Riley Rep and add a note
  await target.getByRole("link", { name: visitor }).click();
  await expect(mgr.getByRole("heading", { name: visitor })).toBeVisible();
  await mgr.getByLabel("Owner").selectOption({ label: "Riley Rep (sales rep)" });
  await expect(mgr.getByText("Lead assigned")).toBeVisible();
  await mgr.getByLabel("Add to the timeline").fill("Called: wants a viewing on Friday");
  await mgr.getByRole("button", { name: "Add note" }).click();
  const timeline = mgr.getByRole("list", { name: "Timeline" });
  await expect(timeline).toContainText("Called: wants a viewing on Friday");
  await expect(timeline).toContainText("new → qualified");
  await expect(timeline).toContainText("Assigned");
  await mgrContext.close();

  // the rep now has it on their board, in Qualified
  await page.context().clearCookies();
  await signIn(page, "rep1@acme.test");
  await expectPortalReady(page, "employee");
  await board(page);
  await expect(page.getByRole("region", { name: "Qualified stage" }).locator("li", { hasText: visitor })).toBeVisible();
});
