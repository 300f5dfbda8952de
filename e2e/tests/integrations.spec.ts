/**
 * Journey: an end user connects Slack in the client portal through a real local OAuth 2 server
 * (oauth2-mock-server standing in for Slack's authorization server, PKCE checked), grants
 * consent to a purpose, sees it granted, revokes it, and disconnects.
 */
import { expect, test } from "@playwright/test";
import { OAuth2Server } from "oauth2-mock-server";
import { api, expectPortalReady, signIn } from "./support";

// playwright.config.ts points Slack's OAuth endpoints at this port (the suite's port + 1000)
const oauthPort = Number(process.env.E2E_PORT ?? 8180) + 1000;
let server: OAuth2Server;

test.beforeAll(async () => {
  server = new OAuth2Server();
  await server.issuer.keys.generate("RS256");
  await server.start(oauthPort, "127.0.0.1");
});
test.afterAll(async () => {
  await server.stop();
});

test("an end user connects Slack over OAuth, grants and revokes consent", async ({ page, browser }) => {
  await signIn(page, "dev@acme.test");
  await expectPortalReady(page, "developer");
  const me = await api<{ workspace: { id: string } }>(page, "GET", "/api/v1/me");
  const ws = me.workspace.id;
  await api(page, "PUT", `/api/v1/workspaces/${ws}/oauth-apps/slack`, { client_id: "e2e-slack-client", client_secret: "e2e-slack-secret" });
  const key = await api<{ key: string }>(page, "POST", `/api/v1/workspaces/${ws}/api-keys`, { name: "e2e integrations", scopes: ["end_users"] });
  const external = `e2e-oauth-${Date.now()}`;
  const res = await page.request.post("/api/v1/connect/sessions", {
    headers: { authorization: `Bearer ${key.key}` },
    data: { end_user_id: external, name: "Erin End-User" },
  });
  const session = (await res.json()) as { url: string };

  const endUser = await browser.newContext();
  const client = await endUser.newPage();
  await client.goto(new URL(session.url).pathname + new URL(session.url).search);
  await expectPortalReady(client, "client");

  const slack = client.getByTestId("app-slack");
  await slack.getByRole("button", { name: "Connect", exact: true }).click();
  await client.waitForURL(/\/client\?/);
  await expect(client.getByText("Connected Slack")).toBeVisible();
  await expect(client.getByTestId("app-slack").getByText("Connected", { exact: true })).toBeVisible();

  const purpose = client.getByTestId("purpose-workflow_automation");
  await expect(purpose.getByText("Not decided")).toBeVisible();
  await purpose.getByRole("button", { name: "Grant" }).click();
  await expect(purpose.getByText("Granted")).toBeVisible();
  await purpose.getByRole("button", { name: "Revoke" }).click();
  await expect(purpose.getByText("Revoked")).toBeVisible();
  await client.getByText("History of your choices").click();
  const history = client.getByRole("list", { name: "Consent history" });
  await expect(history.getByRole("listitem")).toHaveCount(2);
  await expect(history.getByRole("listitem").first()).toContainText("Revoked");

  await client.getByTestId("app-slack").getByRole("button", { name: "Disconnect" }).click();
  await client.getByRole("dialog").getByRole("button", { name: "Disconnect" }).click();
  // exact: a role name matches substrings by default, and "Disconnect" contains "connect"
  await expect(client.getByTestId("app-slack").getByRole("button", { name: "Connect", exact: true })).toBeVisible();
  await expect(client.getByText("Disconnected", { exact: true })).toBeVisible();

  // the developer sees the end user's connection and consent
  const list = await api<{ items: { id: string; external_user_id: string }[] }>(page, "GET", `/api/v1/workspaces/${ws}/end-users`);
  const eu = list.items.find((e) => e.external_user_id === external)!;
  const detail = await api<{ connections: { provider: string; status: string }[]; consents: { key: string; granted: boolean | null }[] }>(
    page,
    "GET",
    `/api/v1/workspaces/${ws}/end-users/${eu.id}/integrations`,
  );
  expect(detail.connections).toEqual([expect.objectContaining({ provider: "slack", status: "revoked" })]);
  expect(detail.consents).toEqual([expect.objectContaining({ key: "workflow_automation", granted: false })]);
  await endUser.close();
});

test("a developer browses the provider catalogue and sets up an OAuth app", async ({ page }) => {
  await signIn(page, "dev@acme.test");
  await expectPortalReady(page, "developer");
  await page.goto("/developer/providers");
  await expectPortalReady(page, "developer");
  await expect(page.getByText(/^49 of 49 providers$/)).toBeVisible();
  await page.getByLabel("Search").fill("issue");
  await expect(page.getByTestId("provider-github")).toBeVisible();
  await expect(page.getByTestId("provider-stripe")).toHaveCount(0);
  await page.getByLabel("Search").fill("");
  await page.getByLabel("Category").selectOption("payments");
  await page.getByLabel("Authentication", { exact: true }).selectOption("oauth2");
  await expect(page.getByTestId("provider-square")).toBeVisible();
  await page.getByRole("button", { name: "Set up the Square OAuth app" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Client id").fill("sq-client");
  await dialog.getByLabel("Client secret").fill("sq-secret-never-shown");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("provider-square").getByText("OAuth app set up")).toBeVisible();
  await page.getByRole("button", { name: "Edit the Square OAuth app" }).click();
  await expect(page.getByRole("dialog").getByLabel("Client id")).toHaveValue("sq-client");
  await expect(page.getByRole("dialog").getByLabel("Client secret")).toHaveValue("");
});
