/** The shell contains a portal that fails to load, keeps the others working, and loads React once. */
import { expect, test } from "@playwright/test";
import { countReactCopies, expectPortalReady, signIn } from "./support";

test("a blocked portal manifest shows a contained fallback with retry; other portals still work", async ({ page }) => {
  let blocked = true;
  await page.route("**/remotes/employee/mf-manifest.json", (route) => (blocked ? route.abort() : route.continue()));
  await signIn(page, "manager@acme.test");
  const alert = page.getByRole("alert");
  await expect(alert).toBeVisible();
  await expect(alert.getByRole("button", { name: /retry/i })).toBeVisible();
  await expect(page.getByRole("navigation")).toBeVisible();

  await page.getByRole("link", { name: /^workspace$/i }).click();
  await expectPortalReady(page, "project");

  await page.getByRole("link", { name: /^sales$/i }).click();
  await expect(page.getByRole("alert")).toBeVisible();
  blocked = false;
  await page.getByRole("alert").getByRole("button", { name: /retry/i }).click();
  await expectPortalReady(page, "employee");
});

test("React loads once across the shell and two portals", async ({ page }) => {
  await countReactCopies(page);
  await signIn(page, "dev@acme.test");
  await expectPortalReady(page, "developer");
  await page.getByRole("link", { name: /^workspace$/i }).click();
  await expectPortalReady(page, "project");
  expect(await page.evaluate(() => (window as unknown as { __reactCopies: number }).__reactCopies)).toBe(1);
});
