/**
 * Seed 003 §13.2's webhook types are all sent (issue 15 part 5): an endpoint (a real local
 * receiver, node:http) subscribed to every type receives `user.registered` (a user created and
 * one synced in), `event.received`, `notification.delivered`, `notification.acknowledged`,
 * `notification.failed`, `quota.warning`, `quota.exceeded` and `member.added`, and the platform's
 * `execution.succeeded`, `execution.failed`, `lead.created`, `connection.created` and
 * `connection.revoked` — every type of `webhookEventTypes` — each from the real path that causes it.
 */
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openHarness, type Harness } from "../../testing/harness";
import { FRESH_PASSWORD, uniqueEmail } from "../../testing/fixtures";
import { settle, workspaceOnPlan } from "../../testing/notifications";
import { evaluatePendingEvents } from "./index";

let h: Harness;
let server: http.Server;
let base = "";
const received: { type: string; workspace_id: string; data: Record<string, unknown> }[] = [];

beforeAll(async () => {
  h = await openHarness();
  server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (d: Buffer) => (body += d.toString()));
    req.on("end", () => {
      received.push(JSON.parse(body) as (typeof received)[number]);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(async () => {
  server.close();
  await h.close();
});

describe("webhook event types", () => {
  it("an endpoint subscribed to every type receives each one", async () => {
    const ws = await workspaceOnPlan(h, "starter", "Every Type Co");
    // a plan of 6 users: the owner and a member, then users up to 80 % and 100 %
    await h.owner`insert into plans (id, name, events_per_month, notifications_per_month, users, rules, sounds, requests_per_hour, webhooks, custom_domain, price_cents)
      values ('six-users', 'Six', 50000, 100000, 6, 25, 10, 5000, true, false, 0) on conflict (id) do nothing`;
    await h.owner`update workspaces set plan = 'six-users' where id = ${ws.workspaceId}`;
    const ep = await h.call("POST", "/api/v1/webhook-endpoints", { token: ws.token, body: { url: `${base}/all` } });
    expect(ep.status).toBe(201);
    expect(((await ep.json()) as { event_types: string[] }).event_types).toEqual([]);
    const mine = () => received.filter((r) => r.workspace_id === ws.workspaceId);
    const types = () => new Set(mine().map((r) => r.type));

    // member.added
    const member = await h.call("POST", `/api/v1/workspaces/${ws.workspaceId}/members`, {
      token: ws.token,
      body: { email: uniqueEmail("member"), name: "Mo", password: FRESH_PASSWORD, role: "developer" },
    });
    expect(member.status).toBe(201);
    // user.registered: one created, three synced in (5 of 6 users: quota.warning), one more (6 of 6: quota.exceeded)
    expect((await h.call("POST", "/api/v1/users", { token: ws.apiKey, body: { externalUserId: "reg-1", email: "reg1@example.com" } })).status).toBe(201);
    await h.call("POST", "/api/v1/users/sync", { token: ws.apiKey, body: { users: [{ externalUserId: "reg-2" }, { externalUserId: "reg-3" }] } });
    await h.call("POST", "/api/v1/users/sync", { token: ws.apiKey, body: { users: [{ externalUserId: "reg-4" }] } });

    // notification.delivered (to the owner and to reg-1) and notification.failed (reg-1's phone: the workspace has no FCM
    // credentials; a recipient without any push target, like the owner here, is skipped without a failure)
    expect((await h.call("PUT", "/api/v1/users/reg-1", { token: ws.apiKey, body: { pushTokens: [{ platform: "fcm", token: "reg-1-phone" }] } })).status).toBe(
      200,
    );
    await h.call("POST", "/api/v1/rules", {
      token: ws.token,
      body: {
        name: "all orders",
        condition: 'event.type == "order.completed"',
        target_roles: ["owner"],
        target_event_users: true,
        channels: ["push"],
        title_template: "Order",
      },
    });
    // event.received
    expect(
      (
        await h.call("POST", "/api/v1/events", {
          token: ws.apiKey,
          body: { type: "order.completed", clientEventId: "o-1", payload: { n: 1, userId: "reg-1" } },
        })
      ).status,
    ).toBe(202);
    await evaluatePendingEvents(h.handles.db, ws.workspaceId);
    await settle(h, async () => types().has("notification.delivered") && types().has("notification.failed"));

    // notification.acknowledged
    const inbox = (await (await h.call("GET", "/api/v1/notifications?filter=all", { token: ws.token })).json()) as { items: { id: string; title: string }[] };
    const order = inbox.items.find((n) => n.title === "Order")!;
    expect((await h.call("PUT", `/api/v1/notifications/${order.id}/acknowledge`, { token: ws.token })).status).toBe(200);

    const want = [
      "user.registered",
      "event.received",
      "notification.delivered",
      "notification.acknowledged",
      "notification.failed",
      "quota.warning",
      "quota.exceeded",
      "member.added",
    ];
    await settle(h, async () => want.every((t) => types().has(t)));
    expect([...types()].filter((t) => want.includes(t)).sort()).toEqual([...want].sort());

    const registered = mine().filter((r) => r.type === "user.registered");
    expect(registered.map((r) => r.data.user_id).sort()).toEqual(["reg-1", "reg-2", "reg-3", "reg-4"]);
    expect(registered.find((r) => r.data.user_id === "reg-2")!.data).toMatchObject({ source: "sync", status: "active", roles: [] });
    expect(mine().find((r) => r.type === "event.received")!.data).toMatchObject({
      type: "order.completed",
      client_event_id: "o-1",
      payload: { n: 1, userId: "reg-1" },
    });
    expect(mine().filter((r) => r.type === "quota.exceeded")[0]!.data).toMatchObject({ metric: "users" });
  }, 120_000);

  it("… and the platform's own: execution.succeeded/failed, lead.created, connection.created/revoked", async () => {
    const ws = await workspaceOnPlan(h, "starter", "Platform Types Co");
    expect((await h.call("POST", "/api/v1/webhook-endpoints", { token: ws.token, body: { url: `${base}/platform` } })).status).toBe(201);
    const types = () => new Set(received.filter((r) => r.workspace_id === ws.workspaceId).map((r) => r.type));
    const wsPath = `/api/v1/workspaces/${ws.workspaceId}`;

    // executions: one that succeeds (a notify step), one that fails (a webhook step refused by the SSRF guard)
    const ok = await h.call("POST", `${wsPath}/workflows`, {
      token: ws.apiKey,
      body: {
        name: "ok",
        trigger: { type: "webhook", path: "/ok" },
        steps: [{ id: "n", provider: "core", action: "notify", config: { title: "hi", message: "m", target_roles: ["owner"] } }],
      },
    });
    expect(ok.status).toBe(201);
    const bad = await h.call("POST", `${wsPath}/workflows`, {
      token: ws.apiKey,
      body: {
        name: "bad",
        trigger: { type: "webhook", path: "/bad" },
        steps: [{ id: "s", provider: "core", action: "webhook_send", config: { url: "http://169.254.169.254/latest/meta-data", payload: {} } }],
      },
    });
    expect(bad.status).toBe(201);
    expect((await h.call("POST", `/webhooks/${ws.workspaceId}/ok`, { body: {} })).status).toBe(202);
    expect((await h.call("POST", `/webhooks/${ws.workspaceId}/bad`, { body: {} })).status).toBe(202);

    // lead.created: a CRM client, a lead source, a lead sent with its key
    expect(
      (
        await h.call("POST", `${wsPath}/crm-clients`, {
          token: ws.token,
          body: { client_id: "shop", name: "Shop", website_origins: ["https://shop.example.com"] },
        })
      ).status,
    ).toBe(201);
    const src = (await (await h.call("POST", `${wsPath}/lead-sources`, { token: ws.token, body: { client_id: "shop", name: "Form" } })).json()) as {
      key: string;
    };
    const lead = await h.call("POST", "/api/v1/leads/ingest", { body: { email: "lead@example.com", name: "Lea" }, headers: { "x-api-key": src.key } });
    expect(lead.status).toBeLessThan(300);

    // connection.created and connection.revoked: an API-key provider connected as the workspace, then disconnected
    const conn = await h.call("POST", `${wsPath}/connections`, {
      token: ws.token,
      body: { provider: "stripe", credentials: { secret_key: "sk_test_123456" } },
    });
    expect(conn.status).toBe(201);
    const { id } = (await conn.json()) as { id: string };
    expect((await h.call("DELETE", `${wsPath}/connections/${id}`, { token: ws.token })).status).toBe(204);

    const want = ["execution.succeeded", "execution.failed", "lead.created", "connection.created", "connection.revoked"];
    await settle(h, async () => want.every((t) => types().has(t)));
    expect(want.filter((t) => types().has(t))).toEqual(want);
  }, 120_000);
});
