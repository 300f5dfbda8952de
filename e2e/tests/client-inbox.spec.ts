/**
 * Client SDK journey (issue 15 "Done when"): on the example page `/examples/inbox` a visitor is
 * registered through the SDK with the demo user role; an event sent with the demo workspace's API
 * key, which the seeded rule routes to that role, arrives in `<Inbox />` within a second, plays
 * its sound (the SDK's play hook and its <audio> element), is acknowledged there, and the
 * tenant's webhook endpoint (a local server) receives `notification.acknowledged` naming the user.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { api, signIn } from "./support";

test("register through the SDK, receive a role-routed event in <Inbox /> within a second with its sound, acknowledge, webhook", async ({ page, browser }) => {
  const tag = Date.now().toString(36);
  const externalUserId = `e2e_${tag}`;
  const hooks: { type: string; data: Record<string, unknown> }[] = [];
  const receiver = http.createServer((req, res) => {
    let body = "";
    req.on("data", (d: Buffer) => (body += d.toString()));
    req.on("end", () => {
      hooks.push(JSON.parse(body) as { type: string; data: Record<string, unknown> });
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  try {
    // the tenant: an API key for events and a webhook endpoint for acknowledgements
    await signIn(page, "owner@acme.test");
    await expect(page).toHaveURL(/\/(developer|employee|project)/);
    const me = await api<{ workspace: { id: string } }>(page, "GET", "/api/v1/me");
    const key = await api<{ key: string }>(page, "POST", `/api/v1/workspaces/${me.workspace.id}/api-keys`, {
      name: `e2e inbox ${tag}`,
      scopes: ["events", "end_users"],
    });
    await api(page, "POST", "/api/v1/webhook-endpoints", {
      url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`,
      event_types: ["notification.acknowledged"],
    });

    // the tenant's app user, on the example page, with no session of ours
    const context = await browser.newContext();
    const app = await context.newPage();
    await app.goto("/examples/inbox");
    await app.getByLabel("Your externalUserId").fill(externalUserId);
    await app.getByRole("button", { name: "Register" }).click();
    await expect(app.getByTestId("registered")).toContainText(externalUserId);
    // the tenant's server sees the user the SDK registered, with the role the demo rule notifies
    const registered = await page.request.get(`/api/v1/users/${externalUserId}`, { headers: { authorization: `Bearer ${key.key}` } });
    expect(registered.status()).toBe(200);
    expect(((await registered.json()) as { roles: string[] }).roles).toEqual(["inbox_demo"]);
    const bell = app.getByRole("button", { name: /^Notifications, 0 unread notifications/ });
    await expect(bell).toBeVisible();
    const panel = app.getByRole("region", { name: "Notifications" });
    await expect(panel.getByText("No notifications yet.")).toBeVisible();

    const sent = await page.request.post("/api/v1/events", {
      headers: { authorization: `Bearer ${key.key}` },
      data: { type: "inbox.demo", clientEventId: `inbox-${tag}`, payload: { title: `Hello ${tag}`, message: "Sent with the API key" } },
    });
    expect(sent.status()).toBe(202);
    const item = panel.getByRole("listitem").filter({ hasText: `Hello ${tag}` });
    await expect(item).toBeVisible({ timeout: 1000 });
    await expect(app.getByTestId("nhood-unread-badge")).toHaveText("1");

    // its sound: the play hook ran and the <audio> element plays the workspace's beep
    await expect(app.getByTestId("sound-played")).toHaveCount(1);
    const audio = app.locator("audio[data-nhood-sound]");
    await expect(audio).toHaveCount(1);
    await expect(audio).toHaveAttribute("data-state", /^(playing|ended)$/);

    await item.getByRole("button", { name: "Acknowledge" }).click();
    await expect(item.getByText("Acknowledged")).toBeVisible();
    await expect(app.getByTestId("nhood-unread-badge")).toHaveCount(0);
    await expect.poll(() => hooks.find((h) => h.type === "notification.acknowledged")?.data.user_id, { timeout: 20_000 }).toBe(externalUserId);
    await context.close();
  } finally {
    receiver.close();
  }
});
