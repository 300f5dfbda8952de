/**
 * A workspace's own records (issue 16 parts 3–4) in the project portal: the owner uploads a logo
 * on the Branding screen and sees it served by the suite in the portal, filters the workspace's
 * audit log to that upload and downloads the CSV export, and sees the usage history charts with
 * today's API calls. Acme's branding is put back afterwards (GET → PUT round-trip of the bundled
 * logo path), so the other journeys see the demo branding.
 */
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { api, expectPortalReady, signIn } from "./support";

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
    ],
  },
});

/** a 1×1 teal PNG */
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR42mNg4L8HAAFtAQcBVEjHAAAAAElFTkSuQmCC", "base64");

test("logo upload, the workspace audit log with CSV export, and the usage history charts", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, "owner@acme.test");
  await expect(page.locator("[data-portal-ready]")).toBeVisible();
  const me = await api<{ workspace: { id: string } | null }>(page, "GET", "/api/v1/me");
  const ws = me.workspace!.id;
  const before = await api<{ logo_url: string | null }>(page, "GET", `/api/v1/workspaces/${ws}/branding`);

  try {
    // 1. upload a logo on the Branding screen; the portal shows the copy the suite serves
    await page.goto("/project/branding");
    await expectPortalReady(page, "project");
    await page.getByLabel("Upload logo").setInputFiles({ name: "acme.png", mimeType: "image/png", buffer: PNG });
    const current = page.getByRole("img", { name: "Current logo" });
    await expect(current).toHaveAttribute("src", new RegExp(`^/api/v1/logos/${ws}/[0-9a-f]{16}\\.png$`));
    const src = (await current.getAttribute("src"))!;
    const served = await page.request.get(src);
    expect(served.status()).toBe(200);
    expect(served.headers()["content-type"]).toBe("image/png");
    expect(served.headers()["x-content-type-options"]).toBe("nosniff");
    expect(Buffer.from(await served.body()).equals(PNG)).toBe(true);
    // the workspace header (every screen) shows it too, decoded by the browser
    await page.reload();
    await expectPortalReady(page, "project");
    const shown = page.getByRole("img", { name: "Acme logo" }).first(); // the workspace header, above the preview
    await expect(shown).toBeVisible();
    expect(await shown.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(1);

    // 2. the audit log, filtered to branding changes, then exported as CSV
    await page.goto("/project/audit");
    await expectPortalReady(page, "project");
    await page.getByLabel("Action").fill("branding.");
    await expect(async () => {
      await page.getByRole("button", { name: "Apply filters" }).click();
      await expect(page.getByRole("cell", { name: "branding.logo_uploaded" }).first()).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 15_000 });
    await expect(page.getByRole("cell", { name: /^auth\./ })).toHaveCount(0);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export CSV" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^audit-.*\.csv$/);
    const csv = readFileSync((await download.path())!, "utf8")
      .trimEnd()
      .split("\r\n");
    expect(csv[0]).toBe("occurred_at,action,actor_kind,actor_id,actor_name,subject_id,ip,detail");
    expect(csv.length).toBeGreaterThan(1);
    for (const line of csv.slice(1)) expect(line.split(",")[1]).toMatch(/^branding\./);
    expect(csv.some((line) => line.includes("branding.logo_uploaded"))).toBe(true);

    // 3. the usage history on the dashboard: charts, and today's API calls in the table
    const key = await api<{ key: string; id: string }>(page, "POST", `/api/v1/workspaces/${ws}/api-keys`, { name: `records e2e ${Date.now()}` });
    for (let i = 0; i < 3; i++) expect((await page.request.get("/api/v1/projects/me", { headers: { authorization: `Bearer ${key.key}` } })).status()).toBe(200);
    const today = new Date().toISOString().slice(0, 10);
    // API calls are written every few seconds
    await expect
      .poll(
        async () =>
          (await api<{ items: { day: string; api_calls: number }[] }>(page, "GET", `/api/v1/workspaces/${ws}/usage/history?days=7`)).items.find(
            (d) => d.day === today,
          )?.api_calls ?? 0,
        { timeout: 30_000 },
      )
      .toBeGreaterThanOrEqual(3);
    await page.goto("/project/dashboard");
    await expectPortalReady(page, "project");
    await expect(page.getByRole("heading", { name: "Usage history" })).toBeVisible();
    await expect(page.getByRole("figure", { name: "Executions and API calls per day chart" }).getByRole("application")).toBeVisible();
    await expect(page.getByRole("figure", { name: "Events and notifications per day chart" }).getByRole("application")).toBeVisible();
    await page.getByText("Show the figures as a table").click();
    const row = page.getByRole("table", { name: "Usage per day" }).getByRole("row").filter({ hasText: today });
    expect(Number(await row.getByRole("cell").nth(4).textContent())).toBeGreaterThanOrEqual(3);
    await api(page, "DELETE", `/api/v1/workspaces/${ws}/api-keys/${key.id}`);
  } finally {
    // put Acme's branding back: remove the upload, then PUT back the logo path GET answered before
    await api(page, "DELETE", `/api/v1/workspaces/${ws}/branding/logo`).catch(() => undefined);
    await api(page, "PUT", `/api/v1/workspaces/${ws}/branding`, { logo_url: before.logo_url });
  }
});
