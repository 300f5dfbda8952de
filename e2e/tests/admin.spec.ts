/**
 * Platform administration: a super admin suspends Globex in the admin portal (workspace detail,
 * Suspend, confirm dialog); in a new browser context Globex's owner can no longer sign in and the
 * shell shows the 403 problem; Acme's developer still signs in. Globex is reactivated at the end
 * (this spec runs after the other journeys: see the `admin` project in playwright.config.ts).
 */
import { expect, test, type Browser } from "@playwright/test";
import { api, expectPortalReady, signIn } from "./support";

async function freshPage(browser: Browser) {
  const context = await browser.newContext();
  return { context, page: await context.newPage() };
}

test("a super admin suspends Globex; its owner can no longer sign in while Acme is unaffected", async ({ page, browser }) => {
  await signIn(page, "admin@neighbourhood.test");
  await expectPortalReady(page, "admin");
  await page.getByLabel("Search workspaces").fill("Globex");
  await page.getByRole("link", { name: "Globex", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Globex" })).toBeVisible();
  await expect(page.getByText("owner@globex.test")).toBeVisible();

  try {
    await page.getByRole("button", { name: "Suspend", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "Suspend Globex?" });
    await expect(dialog).toBeVisible();
    await dialog.getByLabel(/Reason/).fill("Unpaid invoices (e2e)");
    await dialog.getByRole("button", { name: "Suspend workspace" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole("group", { name: "Workspace status" }).getByText("suspended", { exact: true })).toBeVisible();
    await expect(page.getByRole("button", { name: "Reactivate" })).toBeVisible();

    const globex = await freshPage(browser);
    await signIn(globex.page, "owner@globex.test");
    const alert = globex.page.getByRole("alert");
    await expect(alert).toContainText("Workspace suspended");
    await expect(alert).toContainText("Globex is suspended");
    await expect(globex.page.locator("[data-portal-ready]")).toHaveCount(0);
    await globex.context.close();

    const acme = await freshPage(browser);
    await signIn(acme.page, "dev@acme.test");
    await expectPortalReady(acme.page, "developer");
    await acme.context.close();

    // the audit explorer shows the suspension with its reason
    await page.getByRole("link", { name: "Audit log of Globex" }).click();
    await expect(page.getByLabel("Workspace id")).not.toHaveValue("");
    await page.getByLabel("Action").fill("workspace.suspended");
    // the audit log is a read model the worker builds within moments: apply again until it shows
    await expect(async () => {
      await page.getByRole("button", { name: "Apply filters" }).click();
      await expect(page.getByRole("row").filter({ hasText: "Globex" }).first()).toContainText("Unpaid invoices (e2e)", { timeout: 1500 });
    }).toPass({ timeout: 20_000 });
  } finally {
    const { items } = await api<{ items: { id: string; name: string; status: string }[] }>(page, "GET", "/api/v1/admin/workspaces?q=Globex");
    const g = items.find((w) => w.name === "Globex");
    if (g?.status === "suspended") await api(page, "POST", `/api/v1/admin/workspaces/${g.id}/reactivate`, {});
  }

  const again = await freshPage(browser);
  await signIn(again.page, "owner@globex.test");
  await expectPortalReady(again.page, "developer");
  await again.context.close();
});
