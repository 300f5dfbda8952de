/**
 * Rules reach a workspace's users (issue 15 part 2): by user role and by the id the event names
 * (`payload.userId`), each stored per recipient with the rule's priority and sound, streamed in
 * real time over the inbox SSE stream to that user only, acknowledged per recipient (the
 * `notification.acknowledged` webhook names them), and as their preferences allow (a muted event
 * type, the muted inbox). Members see none of it. Real PostgreSQL, real endpoint (node:http).
 */
import http from "node:http";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openHarness, type Harness } from "../../testing/harness";
import { expectProblem, pointers } from "../../testing/fixtures";
import { settle, sseReader, workspaceOnPlan } from "../../testing/notifications";
import { withWorkspace } from "../../db/tenant";
import type { AppEnv } from "../../lib/http";
import { evaluatePendingEvents, listInbox, markNotification, streamInbox, unreadCount } from "./index";

let h: Harness;
let ws: Awaited<ReturnType<typeof workspaceOnPlan>>;
let server: http.Server;
let base = "";
const received: { type: string; data: Record<string, unknown> }[] = [];
const ids: Record<string, string> = {};
let soundId = "";

beforeAll(async () => {
  h = await openHarness();
  ws = await workspaceOnPlan(h, "starter", "Recipients Co");
  server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (d: Buffer) => (body += d.toString()));
    req.on("end", () => {
      received.push(JSON.parse(body) as { type: string; data: Record<string, unknown> });
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  expect(
    (await h.call("POST", "/api/v1/webhook-endpoints", { token: ws.token, body: { url: `${base}/hook`, event_types: ["notification.acknowledged"] } })).status,
  ).toBe(201);
  expect((await h.call("POST", "/api/v1/roles", { token: ws.apiKey, body: { key: "drivers" } })).status).toBe(201);
  const users = [
    { externalUserId: "driver-a", roles: ["drivers"] },
    { externalUserId: "driver-b", roles: ["drivers"] },
    { externalUserId: "driver-pending", roles: ["drivers"], status: "pending" },
    { externalUserId: "named-c" },
    { externalUserId: "quiet-d", roles: ["drivers"] },
  ];
  const sync = (await (await h.call("POST", "/api/v1/users/sync", { token: ws.apiKey, body: { users } })).json()) as {
    items: { id: string; external_user_id: string }[];
  };
  for (const u of sync.items) ids[u.external_user_id] = u.id;
  // driver-b mutes this event type; quiet-d skips the inbox
  expect((await h.call("PUT", "/api/v1/users/driver-b/preferences", { token: ws.apiKey, body: { muted_event_types: ["order.completed"] } })).status).toBe(200);
  expect((await h.call("PUT", "/api/v1/users/quiet-d/preferences", { token: ws.apiKey, body: { muted_channels: ["inbox"] } })).status).toBe(200);
  const [sound] = await h.owner<{ id: string }[]>`
    insert into sounds (workspace_id, name, mime_type, size_bytes, data) values (${ws.workspaceId}, 'Horn', 'audio/wav', 4, ${Buffer.from("RIFF")}) returning id`;
  soundId = sound!.id;
});
afterAll(async () => {
  server.close();
  await h.close();
});

/** A small app serving one end user's stream, as the client routes do (the sdk helper's). */
function endUserStream(endUserId: string) {
  const app = new Hono<AppEnv>().get("/stream", (c) =>
    streamInbox({ db: h.handles.db, sql: h.handles.sql } as never, c as never, ws.workspaceId, { endUserId }, null),
  );
  return app.request("/stream");
}

const inboxOf = (endUserId: string) => withWorkspace(h.handles.db, ws.workspaceId, (tx) => listInbox(tx, ws.workspaceId, { endUserId }, "all", undefined, 50));

describe("rules reach users", () => {
  it("refuses a rule that targets no one or an unknown user role, naming the field", async () => {
    const base = { name: "x", condition: "true", title_template: "t" };
    expect(pointers(await expectProblem(await h.call("POST", "/api/v1/rules", { token: ws.token, body: base }), 400))).toEqual(["#/target_roles"]);
    expect(
      pointers(await expectProblem(await h.call("POST", "/api/v1/rules", { token: ws.token, body: { ...base, target_user_roles: ["ghost"] } }), 400)),
    ).toEqual(["#/target_user_roles/0"]);
  });

  it("notifies the role's users and the user the event names, per recipient, in real time, with priority and sound", async () => {
    const rule = await h.call("POST", "/api/v1/rules", {
      token: ws.token,
      body: {
        name: "Orders to drivers",
        condition: 'event.type == "order.completed"',
        target_user_roles: ["drivers"],
        target_event_users: true,
        severity: "critical",
        sound_id: soundId,
        channels: ["push"],
        title_template: "Order {{ event.payload.order }}",
      },
    });
    expect(rule.status).toBe(201);
    expect(await rule.json()).toMatchObject({ target_roles: [], target_user_roles: ["drivers"], target_event_users: true });

    const streamA = sseReader(await endUserStream(ids["driver-a"]!));
    const streamC = sseReader(await endUserStream(ids["named-c"]!));
    const streamD = sseReader(await endUserStream(ids["quiet-d"]!));
    await Promise.all([streamA.until("ready", 1), streamC.until("ready", 1), streamD.until("ready", 1)]);
    const sent = await h.call("POST", "/api/v1/events", { token: ws.apiKey, body: { type: "order.completed", payload: { order: "A-1", userId: "named-c" } } });
    expect(sent.status).toBe(202);
    await settle(
      h,
      async () =>
        (await h.owner`select 1 from ingested_events where workspace_id = ${ws.workspaceId} and type = 'order.completed' and processed_at is not null`)
          .length === 1,
    );

    const [a] = await streamA.until("notification", 1);
    expect(JSON.parse(a!.data)).toMatchObject({ title: "Order A-1", priority: "critical", sound_id: soundId });
    expect(JSON.parse((await streamC.until("notification", 1))[0]!.data)).toMatchObject({ title: "Order A-1" });

    const rows = await h.owner<{ end_user_id: string | null; user_id: string | null; archived_at: Date | null }[]>`
      select end_user_id, user_id, archived_at from notifications where workspace_id = ${ws.workspaceId}`;
    const to = new Map(Object.entries(ids).map(([k, v]) => [v, k]));
    // driver-b muted the type, driver-pending is pending; quiet-d's skipped the inbox (stored archived, not streamed, pushed)
    expect(rows.map((r) => to.get(r.end_user_id!)).sort()).toEqual(["driver-a", "named-c", "quiet-d"]);
    expect(rows.every((r) => r.user_id === null)).toBe(true);
    expect(rows.find((r) => to.get(r.end_user_id!) === "quiet-d")!.archived_at).not.toBeNull();
    expect(streamD.events.filter((e) => e.event === "notification")).toEqual([]);
    for (const s of [streamA, streamC, streamD]) await s.close();

    // the member's inbox holds none of the users' notifications
    const member = (await (await h.call("GET", "/api/v1/notifications?filter=all", { token: ws.token })).json()) as { items: unknown[] };
    expect(member.items).toEqual([]);
  }, 90_000);

  it("acknowledges per recipient: only the recipient can, and the webhook names them", async () => {
    const [mine] = await inboxOf(ids["driver-a"]!);
    expect(mine).toBeDefined();
    // another user cannot see or acknowledge driver-a's notification
    await expect(
      withWorkspace(h.handles.db, ws.workspaceId, (tx) => markNotification(tx, ws.workspaceId, { endUserId: ids["named-c"]! }, mine!.id, "acknowledge")),
    ).rejects.toThrow(/No such notification/);
    const acked = await withWorkspace(h.handles.db, ws.workspaceId, (tx) =>
      markNotification(tx, ws.workspaceId, { endUserId: ids["driver-a"]! }, mine!.id, "acknowledge"),
    );
    expect(acked.acknowledgedAt).not.toBeNull();
    expect(await withWorkspace(h.handles.db, ws.workspaceId, (tx) => unreadCount(tx, ws.workspaceId, { endUserId: ids["driver-a"]! }))).toBe(0);
    expect(await withWorkspace(h.handles.db, ws.workspaceId, (tx) => unreadCount(tx, ws.workspaceId, { endUserId: ids["named-c"]! }))).toBe(1);
    const [othersCopy] = await inboxOf(ids["named-c"]!);
    expect(othersCopy!.acknowledgedAt).toBeNull();
    await settle(h, async () => received.some((r) => r.type === "notification.acknowledged"));
    expect(received.find((r) => r.type === "notification.acknowledged")!.data).toMatchObject({
      notification_id: mine!.id,
      user_id: "driver-a",
      end_user_id: ids["driver-a"],
    });
  });

  it("fans one batch of events out to a role held by 1,000 users (8,000 notifications, inserted in chunks)", async () => {
    const big = await workspaceOnPlan(h, "professional", "Fan-out Co");
    await h.call("POST", "/api/v1/roles", { token: big.apiKey, body: { key: "crew" } });
    const users = Array.from({ length: 1000 }, (_, i) => ({ externalUserId: `crew-${i}`, roles: ["crew"] }));
    expect(((await (await h.call("POST", "/api/v1/users/sync", { token: big.apiKey, body: { users } })).json()) as { created: number }).created).toBe(1000);
    await h.call("POST", "/api/v1/rules", {
      token: big.token,
      body: { name: "crew", condition: 'event.type == "shift.started"', target_user_roles: ["crew"], title_template: "Shift {{ event.payload.n }}" },
    });
    const events = Array.from({ length: 8 }, (_, n) => ({ type: "shift.started", payload: { n } }));
    expect((await h.call("POST", "/api/v1/events/batch", { token: big.apiKey, body: { events } })).status).toBeLessThan(300);
    // one evaluation batch takes the eight events (and the platform events of the sync)
    await evaluatePendingEvents(h.handles.db, big.workspaceId);
    const [n] = await h.owner<{ n: number; users: number }[]>`
      select count(*)::int as n, count(distinct end_user_id)::int as users from notifications where workspace_id = ${big.workspaceId}`;
    expect(n).toEqual({ n: 8000, users: 1000 });
  }, 120_000);

  it("tests a rule counting its users as recipients", async () => {
    const [r] = await h.owner<{ id: string }[]>`select id from rules where workspace_id = ${ws.workspaceId}`;
    const res = await h.call("POST", `/api/v1/rules/${r!.id}/test`, {
      token: ws.token,
      body: { event: { type: "order.completed", payload: { userId: "named-c" } } },
    });
    // drivers a, b, quiet-d (preferences apply at delivery) and named-c; not the pending driver
    expect(await res.json()).toMatchObject({ matched: true, recipients: 4 });
  });
});
