/**
 * The workspace (project) portal, seed 003 §12: API key management (create with the secret shown
 * once and the X-API-Key / X-API-Secret pair, use it, revoke it after confirmation) and the
 * custom domain (set in the branding settings, pending until proven by its HTTP token, then the
 * shell on that host is branded before sign-in). Chromium resolves *.example.test to this machine,
 * so the custom domain is a real Host header; the suite fetches the domain's HTTP token from this
 * spec's server on port + 4000 (NH_DOMAIN_PROOF_HTTP_BASE in playwright.config.ts).
 */
import { createServer } from "node:http";
import { expect, test } from "@playwright/test";
import { api, expectPortalReady, PASSWORD, signIn } from "./support";

const port = Number(process.env.E2E_PORT ?? 8180);

test.use({
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
      "--host-resolver-rules=MAP *.example.test 127.0.0.1",
    ],
  },
});

test("API keys: create (secret once, X-API-Key + X-API-Secret), use, revoke with confirmation", async ({ page, context }) => {
  const tag = Date.now().toString(36);
  const name = `Project server ${tag}`;
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signIn(page, "owner@acme.test");
  await expect(page).toHaveURL(/\/(developer|employee|project)/);
  await page.goto("/project/api-keys");
  await expectPortalReady(page, "project");
  // real data: the key Acme was created with
  await expect(page.getByRole("cell", { name: "Default key", exact: true })).toBeVisible();

  await page.getByRole("button", { name: "Create API key" }).first().click();
  const form = page.getByRole("dialog", { name: "Create API key" });
  await form.getByLabel(/^Name/).fill(name);
  await form.getByRole("button", { name: "Create API key" }).click();

  const shown = page.getByRole("dialog", { name: "Copy your new API key" });
  const secret = await shown.getByLabel(/^X-API-Secret/).inputValue();
  const keyId = await shown.getByLabel(/^X-API-Key/).inputValue();
  expect(secret).toMatch(/^nhood_sk_live_/);
  expect(secret.startsWith(keyId)).toBe(true);
  await expect(shown.getByLabel("Example request")).toContainText(`X-API-Key: ${keyId}`);
  await shown.getByRole("button", { name: "Copy", exact: true }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);

  // the pair works as the seed's §7.1 example sends it
  const event = { type: `project.key_check.${tag}`, payload: { ok: true } };
  const sent = await page.request.post("/api/v1/events", { headers: { "x-api-key": keyId, "x-api-secret": secret }, data: event });
  expect(sent.status()).toBe(202);

  await shown.getByRole("button", { name: "Done" }).click();
  await expect(shown).toBeHidden();
  await page.reload();
  await expectPortalReady(page, "project");
  const row = page.getByRole("row").filter({ has: page.getByRole("cell", { name, exact: true }) });
  await expect(row.getByText(`${keyId}…`)).toBeVisible();
  await expect(row.getByText("active")).toBeVisible();
  await expect(row.getByText("Never")).toBeHidden(); // it was just used

  await row.getByRole("button", { name: `Revoke ${name}` }).click();
  const confirm = page.getByRole("dialog", { name: `Revoke "${name}"?` });
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(row.getByText("active")).toBeVisible();
  await row.getByRole("button", { name: `Revoke ${name}` }).click();
  await confirm.getByRole("button", { name: "Revoke key" }).click();
  await expect(confirm).toBeHidden();
  await expect(row.getByText("revoked")).toBeVisible();
  await expect(row.getByRole("button", { name: `Revoke ${name}` })).toBeHidden();

  const refused = await page.request.post("/api/v1/events", { headers: { "x-api-key": keyId, "x-api-secret": secret }, data: event });
  expect(refused.status()).toBe(401);
});

test("custom domain: set in branding, proven by its HTTP token; the shell on that host is branded before and after sign-in", async ({ page, browser }) => {
  const domain = `acme-${Date.now().toString(36)}.example.test`;
  await signIn(page, "owner@acme.test");
  await expect(page).toHaveURL(/\/(developer|employee|project)/);
  await page.goto("/project/branding");
  await expectPortalReady(page, "project");
  await page.getByLabel("Custom domain").fill(domain.toUpperCase());
  await page.getByRole("button", { name: "Save branding" }).click();
  const proof = page.getByRole("region", { name: "Custom domain verification" });
  await expect(proof.getByText("Pending")).toBeVisible();
  await expect(proof.getByText(`_nhood-verify.${domain}`)).toBeVisible();
  // pending: the shell on that host is not branded yet
  const early = await browser.newContext();
  try {
    const p = await early.newPage();
    await p.goto(`http://${domain}:${port}/`);
    await expect(p).toHaveTitle("NeighbourHood");
    expect(await p.evaluate(async () => (await fetch("/api/v1/branding")).status)).toBe(404);
  } finally {
    await early.close();
  }

  // the domain's web server: nothing at first, then the token the page shows
  let answer: string | null = null;
  const web = createServer((req, res) => {
    const ok = req.url === "/.well-known/nhood-domain-verification" && answer !== null;
    res.writeHead(ok ? 200 : 404, { "content-type": "text/plain" });
    res.end(ok ? answer : "not found");
  });
  await new Promise<void>((r) => web.listen(port + 4000, "127.0.0.1", r));
  try {
    await proof.getByRole("button", { name: "Verify" }).click();
    await expect(proof.getByRole("alert")).toContainText("Couldn't verify the domain");
    await expect(proof.getByRole("alert")).toContainText("answered 404");
    const settings = await api<{ custom_domain_verification: { http_body: string } }>(page, "GET", `/api/v1/workspaces/${await workspaceId(page)}/branding`);
    answer = settings.custom_domain_verification.http_body;
    await expect(proof.getByText(answer, { exact: true })).toBeVisible();
    await proof.getByRole("button", { name: "Verify" }).click();
    await expect(proof.getByText("Verified")).toBeVisible();
  } finally {
    await new Promise((r) => web.close(r));
  }
  await expect(page.getByRole("link", { name: domain })).toBeVisible();

  const visitor = await browser.newContext();
  try {
    const branded = await visitor.newPage();
    await branded.goto(`http://${domain}:${port}/`);
    await expect(branded).toHaveTitle("Acme");
    await expect(branded.getByRole("heading", { name: "Sign in to Acme" })).toBeVisible();
    await expect(branded.getByRole("img", { name: "Acme logo" })).toBeVisible();
    expect(await branded.evaluate(() => document.documentElement.style.getPropertyValue("--nh-brand"))).toBe("#0f766e");
    const fromApi = await branded.evaluate(async () => (await fetch("/api/v1/branding")).json());
    expect(fromApi).toMatchObject({ display_name: "Acme", custom_domain: domain });

    // signing in on the custom domain works, and the shell stays branded
    await branded.getByLabel(/email/i).fill("owner@acme.test");
    await branded.getByLabel(/password/i).fill(PASSWORD);
    await branded.getByRole("button", { name: /sign in/i }).click();
    await expect(branded.locator("[data-portal-ready]")).toBeVisible();
    await branded.goto(`http://${domain}:${port}/project/inbox`);
    await expectPortalReady(branded, "project");
    await expect(branded.locator("[data-host-branded]").first()).toContainText("Acme");
    await expect(branded).toHaveTitle("Acme");
  } finally {
    await visitor.close();
  }

  // the platform's own host is not branded
  const plain = await browser.newContext();
  try {
    const p = await plain.newPage();
    await p.goto("/");
    await expect(p).toHaveTitle("NeighbourHood");
    await expect(p.getByRole("heading", { name: "Sign in", exact: true })).toBeVisible();
  } finally {
    await plain.close();
  }

  await api(page, "PUT", `/api/v1/workspaces/${await workspaceId(page)}/branding`, { custom_domain: null });
});

async function workspaceId(page: import("@playwright/test").Page): Promise<string> {
  return (await api<{ workspace: { id: string } }>(page, "GET", "/api/v1/me")).workspace.id;
}
