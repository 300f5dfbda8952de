/** Each demo role signs in and sees its own portal, loaded at runtime from its remote. */
import { expect, test } from "@playwright/test";
import { expectPortalReady, openClientPortalAsEndUser, signIn } from "./support";

const journeys = [
  { email: "admin@neighbourhood.test", portal: "admin", shows: /Acme/ },
  { email: "dev@acme.test", portal: "developer", shows: /API keys/i },
  { email: "manager@acme.test", portal: "employee", shows: /Riley Rep/ },
  { email: "rep1@acme.test", portal: "employee", shows: /Morgan Manager/ },
  { email: "owner@globex.test", portal: "developer", shows: /API keys/i },
];

for (const j of journeys) {
  test(`${j.email} signs in and sees the ${j.portal} portal`, async ({ page }) => {
    const manifests: string[] = [];
    page.on("response", (r) => {
      if (r.url().endsWith("/mf-manifest.json")) manifests.push(new URL(r.url()).pathname);
    });
    await signIn(page, j.email);
    await expectPortalReady(page, j.portal);
    await expect(page).toHaveURL(new RegExp(`/${j.portal}`));
    await expect(page.getByText(j.shows).first()).toBeVisible();
    expect(manifests).toContain(`/remotes/${j.portal}/mf-manifest.json`);
  });
}

test("a sales rep sees only their own leads; their manager sees the team's", async ({ page, browser }) => {
  await signIn(page, "rep1@acme.test");
  await expectPortalReady(page, "employee");
  await page.getByRole("link", { name: /^leads$/i }).click();
  await expect(page.getByText("Grace Hopper")).toBeVisible();
  await expect(page.getByText("Alan Turing")).toHaveCount(0);

  const managerContext = await browser.newContext();
  const manager = await managerContext.newPage();
  await signIn(manager, "manager@acme.test");
  await expectPortalReady(manager, "employee");
  await manager.getByRole("link", { name: /^leads$/i }).click();
  await expect(manager.getByText("Grace Hopper")).toBeVisible();
  await expect(manager.getByText("Alan Turing")).toBeVisible();
  await managerContext.close();
});

test("the project portal shows Acme's branding and notifications", async ({ page }) => {
  await signIn(page, "dev@acme.test");
  await expectPortalReady(page, "developer");
  await page.goto("/project");
  await expectPortalReady(page, "project");
  await expect(page.getByRole("img", { name: /acme/i }).first()).toBeVisible();
  await expect(page.getByText("Welcome to NeighbourHood")).toBeVisible();
});

test("an end user opens the client portal through a connect session", async ({ page, browser }) => {
  await signIn(page, "dev@acme.test");
  await expectPortalReady(page, "developer");
  const { client, context: endUser } = await openClientPortalAsEndUser(page, browser);
  await expectPortalReady(client, "client");
  await expect(client.getByText(/workflow_automation|Let Acme run automations/).first()).toBeVisible();
  await endUser.close();
});
