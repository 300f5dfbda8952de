/**
 * Rules and the real-time inbox: evaluation order and matching, target roles, rule tests, and
 * SSE across two app instances (two pools on one database, fan-out by LISTEN/NOTIFY) with a
 * Last-Event-ID resume that neither loses nor repeats; read, acknowledge, archive, statistics.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openHarness, type Harness } from "../../testing/harness";
import { openDatabase, type DbHandles } from "../../db/client";
import { createApp } from "../../app";
import { expectProblem, FRESH_PASSWORD, pointers, uniqueEmail } from "../../testing/fixtures";
import { settle, sseReader, workspaceOnPlan } from "../../testing/notifications";
import { asc, eq } from "drizzle-orm";
import { withWorkspace } from "../../db/tenant";
import { deliverNotifications, deliverToInbox, type NewNotification } from "./inbox";
import { notifications } from "./schema";

let h: Harness;
let second: DbHandles;
let app2: ReturnType<typeof createApp>;

beforeAll(async () => {
  h = await openHarness();
  second = openDatabase(h.appUrl, 3);
  app2 = createApp({ db: second.db, sql: second.sql });
});
afterAll(async () => {
  await second.close();
  await h.close();
});

const rule = (over: Record<string, unknown> = {}) => ({
  name: "Big orders",
  condition: 'event.type == "order.completed" && event.payload.amount > 1000',
  target_roles: ["owner"],
  title_template: "Order {{ event.payload.id }}",
  message_template: "Amount {{ payload.amount }}",
  ...over,
});

async function processed(h: Harness, ws: string, n: number) {
  await settle(h, async () => {
    const [r] = await h.owner<{ n: number }[]>`select count(*)::int as n from ingested_events where workspace_id = ${ws} and processed_at is not null`;
    return r!.n >= n;
  });
}

describe("rules", () => {
  it("validates CEL on save, tests against a sample event, and evaluates in priority order", async () => {
    const ws = await workspaceOnPlan(h, "starter");
    const bad = await h.call("POST", "/api/v1/rules", { token: ws.token, body: rule({ condition: "event.type ==" }) });
    expect(pointers(await expectProblem(bad, 400))).toContain("#/condition");
    const later = (await (
      await h.call("POST", "/api/v1/rules", { token: ws.token, body: rule({ name: "later", priority: 50, title_template: "second" }) })
    ).json()) as { id: string };
    const first = (await (await h.call("POST", "/api/v1/rules", { token: ws.token, body: rule({ name: "first", priority: 10 }) })).json()) as { id: string };
    await h.call("POST", "/api/v1/rules", { token: ws.token, body: rule({ name: "inactive", priority: 1, active: false, condition: "true" }) });
    const list = (await (await h.call("GET", "/api/v1/rules", { token: ws.token })).json()) as { items: { name: string }[] };
    expect(list.items.map((r) => r.name)).toEqual(["inactive", "first", "later"]);

    const test = await h.call("POST", `/api/v1/rules/${first.id}/test`, {
      token: ws.token,
      body: { event: { type: "order.completed", payload: { id: "ord_1", amount: 5000 } } },
    });
    expect(await test.json()).toEqual({ matched: true, error: null, title: "Order ord_1", message: "Amount 5000", recipients: 1 });
    const miss = await h.call("POST", `/api/v1/rules/${first.id}/test`, {
      token: ws.token,
      body: { event: { type: "order.completed", payload: { amount: 5 } } },
    });
    expect(await miss.json()).toMatchObject({ matched: false, error: null });
    const broken = await h.call("POST", `/api/v1/rules/${first.id}/test`, { token: ws.token, body: { event: { type: "order.completed", payload: {} } } });
    expect(((await broken.json()) as { error: string }).error).toMatch(/amount/);

    await h.call("POST", "/api/v1/events", { token: ws.apiKey, body: { type: "order.completed", payload: { id: "ord_2", amount: 2000 } } });
    await h.call("POST", "/api/v1/events", { token: ws.apiKey, body: { type: "order.completed", payload: { id: "ord_3", amount: 10 } } });
    await processed(h, ws.workspaceId, 2);
    const rows = await h.owner<
      { title: string; rule_id: string }[]
    >`select title, rule_id from notifications where workspace_id = ${ws.workspaceId} order by seq`;
    expect(rows).toEqual([
      { title: "Order ord_2", rule_id: first.id },
      { title: "second", rule_id: later.id },
    ]);
    const [ev] = await h.owner<
      { matched_rule_ids: string[] }[]
    >`select matched_rule_ids from ingested_events where workspace_id = ${ws.workspaceId} and payload->>'id' = 'ord_2'`;
    expect(ev!.matched_rule_ids).toEqual([first.id, later.id]);
  });

  it("notifies only the members holding the target roles", async () => {
    const ws = await workspaceOnPlan(h, "starter");
    const rep = uniqueEmail("rep");
    await h.call("POST", `/api/v1/workspaces/${ws.workspaceId}/members`, {
      token: ws.token,
      body: { email: rep, name: "Rep", password: FRESH_PASSWORD, role: "sales_rep" },
    });
    await h.call("POST", "/api/v1/rules", {
      token: ws.token,
      body: rule({ condition: 'event.type == "lead.hot"', target_roles: ["sales_rep"], title_template: "Hot lead" }),
    });
    await h.call("POST", "/api/v1/events", { token: ws.apiKey, body: { type: "lead.hot" } });
    await processed(h, ws.workspaceId, 1);
    const repToken = await h.signIn(rep, FRESH_PASSWORD);
    const mine = (await (await h.call("GET", "/api/v1/notifications", { token: repToken })).json()) as { items: { title: string }[] };
    expect(mine.items.map((n) => n.title)).toEqual(["Hot lead"]);
    const owners = (await (await h.call("GET", "/api/v1/notifications", { token: ws.token })).json()) as { items: unknown[] };
    expect(owners.items).toEqual([]);
    // a sales rep may read rules but not write them
    await expectProblem(await h.call("POST", "/api/v1/rules", { token: repToken, body: rule() }), 403);
  });
});

describe("real-time inbox", () => {
  it("streams over SSE from another BFF instance and resumes from Last-Event-ID without loss or repeats", async () => {
    const ws = await workspaceOnPlan(h, "starter");
    await h.call("POST", "/api/v1/rules", { token: ws.token, body: rule({ condition: 'event.type == "ping"', title_template: "Ping {{ payload.n }}" }) });
    // the stream is served by app2 (its own pool and LISTEN connection); the jobs run on the harness's pool
    const res = await app2.request("/api/v1/notifications/stream", { headers: { authorization: `Bearer ${ws.token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const sse = sseReader(res);
    await sse.until("ready", 1);
    for (const n of [1, 2, 3]) await h.call("POST", "/api/v1/events", { token: ws.apiKey, body: { type: "ping", payload: { n } } });
    await processed(h, ws.workspaceId, 3);
    const got = await sse.until("notification", 3);
    expect(got.map((e) => JSON.parse(e.data).title)).toEqual(["Ping 1", "Ping 2", "Ping 3"]);
    const lastSeen = got[1]!.id!; // pretend the client saw only two
    await sse.close();

    for (const n of [4, 5]) await h.call("POST", "/api/v1/events", { token: ws.apiKey, body: { type: "ping", payload: { n } } });
    await processed(h, ws.workspaceId, 5);
    const again = await h.app.request("/api/v1/notifications/stream", { headers: { authorization: `Bearer ${ws.token}`, "last-event-id": lastSeen } });
    const resumed = sseReader(again);
    const rest = await resumed.until("notification", 3);
    expect(rest.map((e) => JSON.parse(e.data).title)).toEqual(["Ping 3", "Ping 4", "Ping 5"]);
    await new Promise((r) => setTimeout(r, 300));
    expect(resumed.events.filter((e) => e.event === "notification")).toHaveLength(3);
    await resumed.close();
  });

  it("counts unread, reads, acknowledges once, archives, and reports per-day statistics", async () => {
    const ws = await workspaceOnPlan(h, "starter");
    await h.call("POST", "/api/v1/rules", { token: ws.token, body: rule({ condition: "true", title_template: "Any {{ event.type }}" }) });
    await h.call("POST", "/api/v1/events/batch", { token: ws.apiKey, body: { events: [{ type: "a" }, { type: "b" }] } });
    await processed(h, ws.workspaceId, 2);
    expect(await (await h.call("GET", "/api/v1/notifications/unread-count", { token: ws.token })).json()).toEqual({ unread: 2 });
    const list = (await (await h.call("GET", "/api/v1/notifications", { token: ws.token })).json()) as { items: { id: string }[] };
    const [b, a] = list.items;
    const ack = await h.call("PUT", `/api/v1/notifications/${a!.id}/acknowledge`, { token: ws.token });
    const acked = (await ack.json()) as { acknowledged_at: string; read_at: string };
    expect(acked.read_at).toBeTruthy();
    const twice = (await (await h.call("PUT", `/api/v1/notifications/${a!.id}/acknowledge`, { token: ws.token })).json()) as { acknowledged_at: string };
    expect(twice.acknowledged_at).toBe(acked.acknowledged_at);
    const [events] = await h.owner<
      { n: number }[]
    >`select count(*)::int as n from domain_events where type = 'notification.acknowledged' and subject_id = ${a!.id}`;
    expect(events!.n).toBe(1);
    await h.call("PUT", `/api/v1/notifications/${b!.id}/archive`, { token: ws.token });
    expect(await (await h.call("GET", "/api/v1/notifications/unread-count", { token: ws.token })).json()).toEqual({ unread: 0 });
    const archived = (await (await h.call("GET", "/api/v1/notifications?filter=archived", { token: ws.token })).json()) as { items: { id: string }[] };
    expect(archived.items.map((n) => n.id)).toEqual([b!.id]);
    const stats = (await (await h.call("GET", "/api/v1/notifications/stats", { token: ws.token })).json()) as {
      days: { day: string; delivered: number; acknowledged: number }[];
    };
    expect(stats.days.at(-1)).toMatchObject({ day: new Date().toISOString().slice(0, 10), delivered: 2, acknowledged: 1 });
    // the first contract still answers
    const legacy = await h.call("GET", `/api/v1/workspaces/${ws.workspaceId}/notifications`, { token: ws.token });
    expect(((await legacy.json()) as { items: unknown[] }).items).toHaveLength(2);
  });

  it("turns domain events of other contexts into events the rules see", async () => {
    const ws = await workspaceOnPlan(h, "starter");
    await h.call("POST", "/api/v1/rules", {
      token: ws.token,
      body: rule({ condition: 'event.type == "member.added" && event.source == "platform"', title_template: "New member ({{ payload.role }})" }),
    });
    await h.call("POST", `/api/v1/workspaces/${ws.workspaceId}/members`, {
      token: ws.token,
      body: { email: uniqueEmail("m"), name: "M", password: FRESH_PASSWORD, role: "developer" },
    });
    await settle(
      h,
      async () => (await h.owner`select 1 from notifications where workspace_id = ${ws.workspaceId} and title = 'New member (developer)'`).length > 0,
    );
  });
});

describe("the inbox insert", () => {
  it("answers exactly the rows it stored, in item order (runs of one text sent once, members, users, a skipped inbox), with time-ordered ids", async () => {
    const ws = await workspaceOnPlan(h, "starter", "Insert Co");
    const sync = await h.call("POST", "/api/v1/users/sync", {
      token: ws.token,
      body: { users: ["u1", "u2", "u3"].map((externalUserId) => ({ externalUserId, status: "active" })) },
    });
    const user = Object.fromEntries(
      ((await sync.json()) as { items: { external_user_id: string; id: string }[] }).items.map((r) => [r.external_user_id, r.id]),
    );
    const [owner] = await h.owner<{ id: string }[]>`select id from users where email = ${ws.email}`;
    const a = { title: "A", message: "first", priority: "high" as const };
    const items: NewNotification[] = [
      { ...a, userId: owner!.id },
      { ...a, userId: null, endUserId: user.u1! },
      { ...a, userId: null, endUserId: user.u2!, skipInbox: true },
      // every member's, with text that an array literal or JSON would have to escape
      { userId: null, title: 'B, "quoted" {braces} \\ NULL', message: "two\nlines", priority: "low" },
      { ...a, userId: null, endUserId: user.u3! },
    ];
    const before = Date.now();
    const first = await withWorkspace(h.handles.db, ws.workspaceId, (tx) => deliverNotifications(tx, ws.workspaceId, items, { count: false }));
    await new Promise((r) => setTimeout(r, 5));
    const second = await withWorkspace(h.handles.db, ws.workspaceId, (tx) =>
      deliverNotifications(tx, ws.workspaceId, [{ userId: owner!.id, title: "C", message: "", priority: "normal" }], { count: false }),
    );
    const after = Date.now();
    const stored = await withWorkspace(h.handles.db, ws.workspaceId, (tx) =>
      tx.select().from(notifications).where(eq(notifications.workspaceId, ws.workspaceId)).orderBy(asc(notifications.seq)),
    );
    expect([...first, ...second]).toEqual(stored);
    expect(stored.map((r) => [r.userId, r.endUserId, r.title, r.message, r.priority, r.readAt !== null, r.archivedAt !== null])).toEqual([
      [owner!.id, null, "A", "first", "high", false, false],
      [null, user.u1, "A", "first", "high", false, false],
      [null, user.u2, "A", "first", "high", true, true],
      [null, null, 'B, "quoted" {braces} \\ NULL', "two\nlines", "low", false, false],
      [null, user.u3, "A", "first", "high", false, false],
      [owner!.id, null, "C", "", "normal", false, false],
    ]);
    // UUIDv7: version 7, the first 48 bits the insert's time in ms; a later transaction's ids sort after
    for (const r of stored) {
      expect(r.id[14]).toBe("7");
      const ms = Number.parseInt(r.id.replace(/-/g, "").slice(0, 12), 16);
      expect(ms).toBeGreaterThanOrEqual(before - 5);
      expect(ms).toBeLessThanOrEqual(after + 5);
    }
    expect(second[0]!.id > first.at(-1)!.id).toBe(true);
  });
});

describe("seq counter (migration 0046)", () => {
  it("a batch takes its seq range from the workspace's counter, held to COMMIT: a concurrent writer continues after it; a row inserted without a seq gets the next", async () => {
    const ws = await workspaceOnPlan(h, "starter", "Seq Co");
    const note = (title: string): NewNotification => ({ userId: null, title, message: "", priority: "normal" });
    const [start] = await h.owner<{ s: string | null }[]>`select last_seq::text as s from notification_seqs where workspace_id = ${ws.workspaceId}`;
    const base = Number(start?.s ?? 0);
    let releaseA!: () => void;
    const aHolds = new Promise<void>((r) => (releaseA = r));
    let aInserted!: () => void;
    const aDone = new Promise<void>((r) => (aInserted = r));
    // A inserts and keeps its transaction open; B (not taking the inbox lock) must wait for A's COMMIT
    const a = withWorkspace(h.handles.db, ws.workspaceId, async (tx) => {
      const d = await deliverToInbox(tx, ws.workspaceId, [note("a1"), note("a2"), note("a3")], { count: false, locked: true, webhooks: false });
      aInserted();
      await aHolds;
      return d;
    });
    await aDone;
    let bFinished = false;
    const b = withWorkspace(h.handles.db, ws.workspaceId, (tx) =>
      deliverToInbox(tx, ws.workspaceId, [note("b1"), note("b2")], { count: false, locked: true, webhooks: false }),
    ).then((d) => {
      bFinished = true;
      return d;
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(bFinished).toBe(false);
    releaseA();
    const [da, db] = await Promise.all([a, b]);
    expect(da.afterSeq).toBe(base);
    expect(da.rows.map((r) => r.seq)).toEqual([base + 1, base + 2, base + 3]);
    expect(db.afterSeq).toBe(base + 3);
    expect(db.rows.map((r) => r.seq)).toEqual([base + 4, base + 5]);
    // a row written without a seq (the trigger) takes the next one from the same counter
    await h.owner`insert into notifications (workspace_id, title, message) values (${ws.workspaceId}, 'direct', '')`;
    const stored = await h.owner<
      { title: string; seq: string }[]
    >`select title, seq::text as seq from notifications where workspace_id = ${ws.workspaceId} and seq > ${base} order by seq`;
    expect(stored.map((r) => [r.title, Number(r.seq)])).toEqual([
      ["a1", base + 1],
      ["a2", base + 2],
      ["a3", base + 3],
      ["b1", base + 4],
      ["b2", base + 5],
      ["direct", base + 6],
    ]);
  });
});
