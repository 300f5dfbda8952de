/**
 * The client SDK's routes (issue 15 part 3, decision 027): a publishable key opens nothing alone
 * and nothing but the client routes; the user's HMAC signature decides who they are; a signed user
 * registers themself, lists, counts, streams (with Last-Event-ID resume), reads and acknowledges
 * only their own notifications (the webhook names them) and sets their preferences; another
 * workspace's key, hash or user gets nothing. Real PostgreSQL, real webhook endpoint (node:http).
 */
import http from "node:http";
import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openHarness, type Harness } from "../../testing/harness";
import { expectProblem, pointers } from "../../testing/fixtures";
import { settle, sseReader, workspaceOnPlan } from "../../testing/notifications";
import { DEMO_INBOX_ROLE } from "@nhood/contracts/client-sdk";

let h: Harness;
type Ws = Awaited<ReturnType<typeof workspaceOnPlan>> & { pk: string; secret: string };
let a: Ws;
let b: Ws;
let server: http.Server;
const received: { type: string; data: Record<string, unknown> }[] = [];

const sign = (secret: string, user: string) => createHmac("sha256", secret).update(user).digest("hex");
const as = (ws: Ws, user: string, over: Record<string, string> = {}) => ({
  authorization: `Bearer ${ws.pk}`,
  "x-nhood-workspace": ws.workspaceId,
  "x-nhood-user": user,
  "x-nhood-user-hash": sign(ws.secret, user),
  ...over,
});
const call = (ws: Ws, user: string, method: string, path: string, body?: unknown, over: Record<string, string> = {}) =>
  h.call(method, path, { headers: as(ws, user, over), body });

async function keyedWorkspace(name: string): Promise<Ws> {
  const ws = await workspaceOnPlan(h, "starter", name);
  const res = await h.call("GET", `/api/v1/workspaces/${ws.workspaceId}/client-keys`, { token: ws.token });
  expect(res.status).toBe(200);
  const keys = (await res.json()) as { publishable_key: string; user_hash_secret: string };
  expect(keys.publishable_key).toMatch(/^nhood_pk_/);
  expect(keys.user_hash_secret).toMatch(/^nhood_uhs_/);
  expect((await h.call("POST", "/api/v1/roles", { token: ws.apiKey, body: { key: "riders" } })).status).toBe(201);
  return { ...ws, pk: keys.publishable_key, secret: keys.user_hash_secret };
}

/** Ingested events of A and B (registrations add some too). */
const eventCount = async () =>
  (await h.owner<{ n: number }[]>`select count(*)::int as n from ingested_events where workspace_id in (${a.workspaceId}, ${b.workspaceId})`)[0]!.n;
const eventsProcessed = (n: number) =>
  settle(h, async () => {
    const [r] = await h.owner<{ n: number; open: number }[]>`
      select count(*)::int as n, count(*) filter (where processed_at is null)::int as open from ingested_events where workspace_id in (${a.workspaceId}, ${b.workspaceId})`;
    return r!.n >= n && r!.open === 0;
  });

beforeAll(async () => {
  h = await openHarness();
  a = await keyedWorkspace("Client A");
  b = await keyedWorkspace("Client B");
  server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (d: Buffer) => (body += d.toString()));
    req.on("end", () => {
      received.push(JSON.parse(body) as { type: string; data: Record<string, unknown> });
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/hook`;
  expect(
    (await h.call("POST", "/api/v1/webhook-endpoints", { token: a.token, body: { url, event_types: ["notification.acknowledged", "user.registered"] } }))
      .status,
  ).toBe(201);
});
afterAll(async () => {
  server.close();
  await h.close();
});

describe("client keys", () => {
  it("are the same on every read, rotate to new ones, and are not another workspace's to read", async () => {
    const again = (await (await h.call("GET", `/api/v1/workspaces/${a.workspaceId}/client-keys`, { token: a.token })).json()) as { publishable_key: string };
    expect(again.publishable_key).toBe(a.pk);
    await expectProblem(await h.call("GET", `/api/v1/workspaces/${a.workspaceId}/client-keys`, { token: b.token }), 404);
    await expectProblem(await h.call("POST", `/api/v1/workspaces/${a.workspaceId}/client-keys/rotate`, { token: b.token }), 404);
    await expectProblem(await h.call("GET", `/api/v1/workspaces/${a.workspaceId}/client-keys`, { token: a.apiKey }), 403);

    const c = await keyedWorkspace("Client C");
    expect((await call(c, "u1", "POST", "/api/v1/client/users", {})).status).toBe(201);
    const rotated = (await (await h.call("POST", `/api/v1/workspaces/${c.workspaceId}/client-keys/rotate`, { token: c.token })).json()) as {
      publishable_key: string;
      user_hash_secret: string;
    };
    expect(rotated.publishable_key).not.toBe(c.pk);
    await expectProblem(await call(c, "u1", "GET", "/api/v1/client/notifications/unread-count"), 401);
    const fresh = { ...c, pk: rotated.publishable_key, secret: rotated.user_hash_secret };
    expect(await (await call(fresh, "u1", "GET", "/api/v1/client/notifications/unread-count")).json()).toEqual({ unread: 0 });
  });
});

describe("publishable key", () => {
  it("opens nothing without a valid user signature, and nothing but the client routes with one", async () => {
    await expectProblem(await h.call("GET", "/api/v1/client/notifications", { token: a.pk }), 401);
    await expectProblem(await call(a, "ada", "GET", "/api/v1/client/notifications", undefined, { "x-nhood-user-hash": sign(a.secret, "bob") }), 401);
    await expectProblem(await call(a, "ada", "GET", "/api/v1/client/notifications", undefined, { "x-nhood-user-hash": sign(b.secret, "ada") }), 401);
    // the key of A presented as workspace B, and B's key with A's id
    await expectProblem(await call(a, "ada", "GET", "/api/v1/client/notifications", undefined, { "x-nhood-workspace": b.workspaceId }), 401);
    await expectProblem(await call(b, "ada", "GET", "/api/v1/client/notifications", undefined, { "x-nhood-workspace": a.workspaceId }), 401);
    // a valid signature does not open the server routes
    await expectProblem(await call(a, "ada", "GET", "/api/v1/rules"), 403);
    expect([403, 404]).toContain((await call(a, "ada", "GET", "/api/v1/users")).status);
    await expectProblem(await call(a, "ada", "POST", "/api/v1/events", { type: "x", payload: {} }), 403);
    await expectProblem(await call(a, "ada", "GET", `/api/v1/workspaces/${a.workspaceId}/client-keys`), 403);
    // the client routes refuse the server's credentials
    await expectProblem(await h.call("GET", "/api/v1/client/notifications", { token: a.apiKey }), 403);
  });

  it("answers CORS preflights for the SDK's headers", async () => {
    const res = await h.call("OPTIONS", "/api/v1/client/notifications", {
      headers: {
        origin: "https://app.example.com",
        "access-control-request-method": "GET",
        "access-control-request-headers": "authorization,x-nhood-user-hash",
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("access-control-allow-headers")).toContain("x-nhood-user-hash");
  });
});

describe("a signed user", () => {
  it("registers themself with the workspace's roles, naming the field at fault", async () => {
    expect(pointers(await expectProblem(await call(a, "ada", "POST", "/api/v1/client/users", { roles: ["ghost"] }), 400))).toEqual(["#/roles/0"]);
    expect(pointers(await expectProblem(await call(a, "ada", "POST", "/api/v1/client/users", { email: "not-an-email" }), 400))).toEqual(["#/email"]);
    await expectProblem(await call(a, "ada", "GET", "/api/v1/client/notifications"), 404);
    const created = await call(a, "ada", "POST", "/api/v1/client/users", { email: "ada@example.com", name: "Ada", roles: ["riders"] });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ external_user_id: "ada", roles: ["riders"], status: "active", created: true });
    // registering again updates the profile; the roles stay the server's to change
    const again = await call(a, "ada", "POST", "/api/v1/client/users", { name: "Ada L.", roles: [] });
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ name: "Ada L.", roles: ["riders"], created: false });
    expect((await call(a, "bob", "POST", "/api/v1/client/users", { roles: ["riders"] })).status).toBe(201);
    // B's user "ada" is another person
    expect((await call(b, "ada", "POST", "/api/v1/client/users", { roles: ["riders"] })).status).toBe(201);
    await settle(h, async () => received.filter((r) => r.type === "user.registered").length >= 2);
    expect(received.filter((r) => r.type === "user.registered").map((r) => r.data.user_id ?? r.data.external_user_id)).toEqual(
      expect.arrayContaining(["ada", "bob"]),
    );
  });

  it("receives their notifications in real time, resumes after Last-Event-ID, reads and acknowledges only their own", async () => {
    for (const ws of [a, b]) {
      const rule = await h.call("POST", "/api/v1/rules", {
        token: ws.token,
        body: { name: "Rides", condition: 'event.type == "ride.assigned"', target_user_roles: ["riders"], title_template: "Ride {{ event.payload.ride }}" },
      });
      expect(rule.status).toBe(201);
    }
    const stream = await call(a, "ada", "GET", "/api/v1/client/notifications/stream");
    expect(stream.status).toBe(200);
    const ada = sseReader(stream);
    await ada.until("ready", 1);
    const before = await eventCount();
    expect((await h.call("POST", "/api/v1/events", { token: a.apiKey, body: { type: "ride.assigned", payload: { ride: "R1" } } })).status).toBe(202);
    expect((await h.call("POST", "/api/v1/events", { token: b.apiKey, body: { type: "ride.assigned", payload: { ride: "B1" } } })).status).toBe(202);
    await eventsProcessed(before + 2);
    const [first] = await ada.until("notification", 1);
    const item = JSON.parse(first!.data) as { id: string; title: string };
    expect(item.title).toBe("Ride R1");
    await ada.close();

    expect((await h.call("POST", "/api/v1/events", { token: a.apiKey, body: { type: "ride.assigned", payload: { ride: "R2" } } })).status).toBe(202);
    await eventsProcessed(before + 3);
    const resumed = sseReader(await call(a, "ada", "GET", "/api/v1/client/notifications/stream", undefined, { "last-event-id": first!.id! }));
    const after = await resumed.until("notification", 1);
    expect(after.map((e) => JSON.parse(e.data).title)).toEqual(["Ride R2"]);
    await resumed.close();

    const list = (await (await call(a, "ada", "GET", "/api/v1/client/notifications")).json()) as { items: { id: string; title: string }[] };
    expect(list.items.map((i) => i.title)).toEqual(["Ride R2", "Ride R1"]);
    expect(await (await call(a, "ada", "GET", "/api/v1/client/notifications/unread-count")).json()).toEqual({ unread: 2 });
    expect(pointers(await expectProblem(await call(a, "ada", "GET", "/api/v1/client/notifications?filter=bogus"), 400))).toEqual(["#/query/filter"]);

    // bob (same workspace) and B's ada cannot see, read or acknowledge ada's notification
    await expectProblem(await call(a, "bob", "POST", `/api/v1/client/notifications/${item.id}/acknowledge`), 404);
    await expectProblem(await call(b, "ada", "POST", `/api/v1/client/notifications/${item.id}/acknowledge`), 404);
    await expectProblem(await call(b, "ada", "POST", `/api/v1/client/notifications/${item.id}/read`), 404);
    const bList = (await (await call(b, "ada", "GET", "/api/v1/client/notifications")).json()) as { items: { title: string }[] };
    expect(bList.items.map((i) => i.title)).toEqual(["Ride B1"]);
    expect(pointers(await expectProblem(await call(a, "ada", "POST", "/api/v1/client/notifications/not-a-uuid/read"), 400))).toEqual(["#/path/id"]);

    const read = await call(a, "ada", "POST", `/api/v1/client/notifications/${item.id}/read`);
    expect(await read.json()).toMatchObject({ id: item.id, acknowledged_at: null });
    const acked = await call(a, "ada", "POST", `/api/v1/client/notifications/${item.id}/acknowledge`);
    expect(acked.status).toBe(200);
    expect(((await acked.json()) as { acknowledged_at: string | null }).acknowledged_at).not.toBeNull();
    expect(await (await call(a, "ada", "GET", "/api/v1/client/notifications/unread-count")).json()).toEqual({ unread: 1 });
    await settle(h, async () => received.some((r) => r.type === "notification.acknowledged"));
    expect(received.find((r) => r.type === "notification.acknowledged")!.data).toMatchObject({ notification_id: item.id, user_id: "ada" });
  });

  it("reads and sets their preferences, naming the field at fault", async () => {
    expect(await (await call(a, "ada", "GET", "/api/v1/client/preferences")).json()).toEqual({ muted_event_types: [], muted_channels: [] });
    expect(pointers(await expectProblem(await call(a, "ada", "PUT", "/api/v1/client/preferences", { muted_channels: ["pigeon"] }), 400))).toEqual([
      "#/muted_channels/0",
    ]);
    const saved = await call(a, "ada", "PUT", "/api/v1/client/preferences", { muted_channels: ["email"] });
    expect(await saved.json()).toEqual({ muted_event_types: [], muted_channels: ["email"] });
    // B's ada has her own
    expect(await (await call(b, "ada", "GET", "/api/v1/client/preferences")).json()).toEqual({ muted_event_types: [], muted_channels: [] });
  });

  it("reads the workspace's branding for the inbox's theme", async () => {
    expect(await (await call(a, "ada", "GET", "/api/v1/client/theme")).json()).toMatchObject({ display_name: "Client A" });
  });
});

describe("demo session", () => {
  it("signs users of the demo workspace only, as a tenant's backend would", async () => {
    const res = await h.call("POST", "/api/v1/examples/inbox/session", { body: { externalUserId: "demo_visitor" } });
    expect(res.status).toBe(200);
    const s = (await res.json()) as { workspace_id: string; publishable_key: string; user_hash: string; role: string };
    expect(s).toMatchObject({ workspace_id: h.acmeId, role: DEMO_INBOX_ROLE });
    const headers = {
      authorization: `Bearer ${s.publishable_key}`,
      "x-nhood-workspace": s.workspace_id,
      "x-nhood-user": "demo_visitor",
      "x-nhood-user-hash": s.user_hash,
    };
    expect((await h.call("POST", "/api/v1/client/users", { headers, body: { roles: [DEMO_INBOX_ROLE] } })).status).toBe(201);
    // the demo signature opens another workspace's nothing
    await expectProblem(await h.call("GET", "/api/v1/client/notifications", { headers: { ...headers, "x-nhood-workspace": h.globexId } }), 401);
    expect(pointers(await expectProblem(await h.call("POST", "/api/v1/examples/inbox/session", { body: { externalUserId: "a b" } }), 400))).toEqual([
      "#/externalUserId",
    ]);
  });
});
