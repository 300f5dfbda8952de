/**
 * Streams served by the process that evaluated the notifications get them straight from the
 * committed batch (stream.ts `publishCommitted`, issue #15): no database read per stream, each
 * viewer only their own rows (a member never an end user's, an end user only theirs, another
 * workspace nothing), in seq order; a stream that is behind the batch (a notification committed
 * through another pool it has not read yet) reads from the database and still loses and repeats
 * nothing. A backlog that fans out to many users is evaluated in smaller batches (a short
 * transaction each) without losing a recipient or a preference. Real PostgreSQL; the evaluator
 * is called as the worker's would be.
 */
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openHarness, type Harness } from "../../testing/harness";
import { openDatabase, type DbHandles } from "../../db/client";
import { sseReader, workspaceOnPlan } from "../../testing/notifications";
import type { AppEnv } from "../../lib/http";
import { evaluatePendingEvents } from "./evaluation";
import { markCommitting, streamInbox } from "./stream";
import { streamFramesInProcess, streamReads } from "./pipeline-metrics";

let h: Harness;
let other: DbHandles;

beforeAll(async () => {
  h = await openHarness();
  // a second pool on the same database: another process's evaluator
  other = openDatabase(h.appUrl, 2);
});
afterAll(async () => {
  await other.close();
  await h.close();
});

const reads = async () => (await streamReads.get()).values.reduce((n, v) => n + v.value, 0);
const readsFor = async (reason: "notify" | "behind") =>
  (await streamReads.get()).values.filter((v) => v.labels.reason === reason).reduce((n, v) => n + v.value, 0);
const framesInProcess = async () => (await streamFramesInProcess.get()).values.reduce((n, v) => n + v.value, 0);

/** A stream for `viewer` served on the harness's pool (the one its evaluator calls use). */
function streamOf(workspaceId: string, viewer: string | null | { endUserId: string }) {
  const app = new Hono<AppEnv>().get("/s", (c) => streamInbox({ db: h.handles.db, sql: h.handles.sql } as never, c as never, workspaceId, viewer, null));
  return app.request("/s");
}

async function send(ws: { apiKey: string }, type: string, n: number) {
  expect((await h.call("POST", "/api/v1/events", { token: ws.apiKey, body: { type, payload: { n } } })).status).toBe(202);
}

const titles = (events: { data: string }[]) => events.map((e) => (JSON.parse(e.data) as { title: string }).title);

describe("in-process delivery to SSE streams", () => {
  it("writes each viewer's rows from the committed batch, never reading for being behind it, and nothing to other viewers or workspaces", async () => {
    const ws = await workspaceOnPlan(h, "starter", "Stream Co");
    const otherWs = await workspaceOnPlan(h, "starter", "Other Stream Co");
    await h.call("POST", "/api/v1/roles", { token: ws.token, body: { key: "crew" } });
    const sync = await h.call("POST", "/api/v1/users/sync", {
      token: ws.token,
      body: { users: ["ann", "bob"].map((externalUserId) => ({ externalUserId, roles: ["crew"], status: "active" })) },
    });
    const ids = Object.fromEntries(((await sync.json()) as { items: { external_user_id: string; id: string }[] }).items.map((r) => [r.external_user_id, r.id]));
    await h.call("POST", "/api/v1/rules", {
      token: ws.token,
      body: { name: "all", condition: 'event.type == "ping"', target_roles: ["owner"], target_user_roles: ["crew"], title_template: "Ping {{ payload.n }}" },
    });
    await h.call("POST", "/api/v1/rules", { token: otherWs.token, body: { name: "all", condition: "true", target_roles: ["owner"], title_template: "Other" } });

    const owner = sseReader(await streamOf(ws.workspaceId, (await h.owner<{ id: string }[]>`select id from users where email = ${ws.email}`)[0]!.id));
    const ann = sseReader(await streamOf(ws.workspaceId, { endUserId: ids.ann! }));
    const whole = sseReader(await streamOf(ws.workspaceId, null));
    const foreign = sseReader(await streamOf(otherWs.workspaceId, null));
    for (const s of [owner, ann, whole, foreign]) await s.until("ready", 1);

    const behindBefore = await readsFor("behind");
    const [readsBefore, framesBefore] = [await reads(), await framesInProcess()];
    for (const n of [1, 2, 3]) await send(ws, "ping", n);
    expect(await evaluatePendingEvents(h.handles.db, ws.workspaceId)).toBe(3);

    expect(titles(await owner.until("notification", 3))).toEqual(["Ping 1", "Ping 2", "Ping 3"]);
    expect(titles(await ann.until("notification", 3))).toEqual(["Ping 1", "Ping 2", "Ping 3"]);
    // the workspace's stream (an API key's view): the owner's and both users' rows, in seq order
    const all = await whole.until("notification", 9);
    expect(all.map((e) => Number(e.id))).toEqual([...all.map((e) => Number(e.id))].sort((a, b) => a - b));
    expect(titles(all).filter((t) => t === "Ping 2")).toHaveLength(3);
    // the NOTIFY of the same commit arrives too: it finds every stream up to date or, when it
    // overtakes the COMMIT's answer (likely on a loaded machine), it is known as this process's
    // own commit (markCommitting) and wakes no stream; either way no read, every row handed over
    await new Promise((r) => setTimeout(r, 400));
    expect(await readsFor("behind")).toBe(behindBefore);
    expect((await reads()) - readsBefore).toBe(0);
    expect((await framesInProcess()) - framesBefore).toBe(3 + 3 + 9);
    // ann's stream carried only her rows; the other workspace's stream nothing
    const annRows = await h.owner<{ id: string }[]>`select id from notifications where end_user_id = ${ids.ann!} order by seq`;
    expect(ann.events.filter((e) => e.event === "notification").map((e) => (JSON.parse(e.data) as { id: string }).id)).toEqual(annRows.map((r) => r.id));
    expect(owner.events.filter((e) => e.event === "notification")).toHaveLength(3);
    expect(foreign.events.filter((e) => e.event === "notification")).toHaveLength(0);
    for (const s of [owner, ann, whole, foreign]) await s.close();
  });

  it("the NOTIFY of a batch this process is committing wakes no stream; when its COMMIT's answer is lost, the streams read", async () => {
    const ws = await workspaceOnPlan(h, "starter", "Committing Co");
    await h.call("POST", "/api/v1/rules", {
      token: ws.token,
      body: { name: "all", condition: "true", target_roles: ["owner"], title_template: "C {{ payload.n }}" },
    });
    const stream = sseReader(await streamOf(ws.workspaceId, null));
    await stream.until("ready", 1);
    // the seq the workspace's next notification gets (its counter, migration 0046)
    const [next] = await h.owner<
      { s: string }[]
    >`select (coalesce((select last_seq from notification_seqs where workspace_id = ${ws.workspaceId}), 0) + 1)::text as s`;
    // this process says it is committing the batch that ends there; the commit goes through another
    // pool, so only its NOTIFY reaches this pool's streams
    const settle = markCommitting(h.handles.db, ws.workspaceId, Number(next!.s));
    const readsBefore = await reads();
    await send(ws, "c", 1);
    expect(await evaluatePendingEvents(other.db, ws.workspaceId)).toBe(1);
    await new Promise((r) => setTimeout(r, 400));
    expect(stream.events.filter((e) => e.event === "notification")).toHaveLength(0);
    expect(await reads()).toBe(readsBefore);
    // the COMMIT's answer never came (a lost connection): the streams read what the database has
    settle(false);
    expect(titles(await stream.until("notification", 1))).toEqual(["C 1"]);
    expect(await reads()).toBeGreaterThan(readsBefore);
    await stream.close();
  });

  it("a stream behind the batch reads from the database: nothing lost, nothing repeated, in order", async () => {
    const ws = await workspaceOnPlan(h, "starter", "Behind Co");
    await h.call("POST", "/api/v1/rules", {
      token: ws.token,
      body: { name: "all", condition: "true", target_roles: ["owner"], title_template: "N {{ payload.n }}" },
    });
    const stream = sseReader(await streamOf(ws.workspaceId, null));
    await stream.until("ready", 1);
    const readsBefore = await reads();
    // committed through another pool (another process's evaluator): this pool's streams hear of it only by NOTIFY
    await send(ws, "a", 1);
    expect(await evaluatePendingEvents(other.db, ws.workspaceId)).toBe(1);
    // at once a batch of this pool: its afterSeq is the first notification, which the stream may not have sent yet
    await send(ws, "b", 2);
    expect(await evaluatePendingEvents(h.handles.db, ws.workspaceId)).toBe(1);
    expect(titles(await stream.until("notification", 2))).toEqual(["N 1", "N 2"]);
    await send(ws, "c", 3);
    expect(await evaluatePendingEvents(h.handles.db, ws.workspaceId)).toBe(1);
    expect(titles(await stream.until("notification", 3))).toEqual(["N 1", "N 2", "N 3"]);
    await new Promise((r) => setTimeout(r, 400));
    expect(stream.events.filter((e) => e.event === "notification")).toHaveLength(3);
    // the notification of the other pool was read from the database (at least once, by NOTIFY or as "behind")
    expect(await reads()).toBeGreaterThan(readsBefore);
    await stream.close();
  });

  it("a backlog that fans out is evaluated in smaller batches: every event reaches every holder once, as their preferences allow, in no other workspace", async () => {
    const ws = await workspaceOnPlan(h, "starter", "Fan Co");
    const otherWs = await workspaceOnPlan(h, "starter", "Other Fan Co");
    for (const w of [ws, otherWs]) await h.call("POST", "/api/v1/roles", { token: w.token, body: { key: "crew" } });
    const users = Array.from({ length: 12 }, (_, i) => ({ externalUserId: `crew-${i}`, roles: ["crew"], status: "active" }));
    for (const w of [ws, otherWs]) expect((await h.call("POST", "/api/v1/users/sync", { token: w.token, body: { users } })).status).toBe(200);
    // crew-0 muted the event type: no notification for them
    expect((await h.call("PUT", "/api/v1/users/crew-0/preferences", { token: ws.apiKey, body: { muted_event_types: ["fan"] } })).status).toBe(200);
    for (const w of [ws, otherWs]) {
      await h.call("POST", "/api/v1/rules", {
        token: w.token,
        body: { name: "fan", condition: 'event.type == "fan"', target_user_roles: ["crew"], title_template: "Fan {{ payload.n }}" },
      });
    }
    const stream = sseReader(await streamOf(ws.workspaceId, null));
    await stream.until("ready", 1);
    for (let n = 0; n < 10; n++) await send(ws, "fan", n);
    // 11 notifications an event, 25 a batch: after the first batch (10 events) batches of 2 events
    expect(await evaluatePendingEvents(h.handles.db, ws.workspaceId, { notificationsPerBatch: 25 })).toBe(10);
    for (let n = 10; n < 16; n++) await send(ws, "fan", n);
    const batches = await h.owner<{ at: Date; n: number }[]>`
      select processed_at as at, count(*)::int as n from ingested_events where workspace_id = ${ws.workspaceId} and processed_at is not null group by 1`;
    expect(batches.map((b) => b.n)).toEqual([10]);
    expect(await evaluatePendingEvents(h.handles.db, ws.workspaceId, { notificationsPerBatch: 25 })).toBe(6);
    const after = await h.owner<{ n: number }[]>`
      select count(*)::int as n from ingested_events where workspace_id = ${ws.workspaceId} and processed_at is not null group by processed_at order by min(received_at)`;
    expect(after.map((b) => b.n)).toEqual([10, 2, 2, 2]);
    const rows = await h.owner<{ ext: string; n: number; events: number }[]>`
      select u.external_user_id as ext, count(*)::int as n, count(distinct x.event_id)::int as events
        from notifications x join end_users u on u.id = x.end_user_id where x.workspace_id = ${ws.workspaceId} group by 1 order by 1`;
    expect(rows.map((r) => r.ext)).toEqual(
      users
        .slice(1)
        .map((u) => u.externalUserId)
        .sort(),
    );
    for (const r of rows) expect(r).toMatchObject({ n: 16, events: 16 });
    expect(titles(await stream.until("notification", 16 * 11, 10_000))).toHaveLength(16 * 11);
    // the other workspace's users got nothing from these events
    const [foreign] = await h.owner<{ n: number }[]>`select count(*)::int as n from notifications where workspace_id = ${otherWs.workspaceId}`;
    expect(foreign!.n).toBe(0);
    await stream.close();
  });

  it("an evaluator on connections of its own (server.ts) still hands its batches to the process's streams", async () => {
    const ws = await workspaceOnPlan(h, "starter", "Own Pool Co");
    await h.call("POST", "/api/v1/rules", {
      token: ws.token,
      body: { name: "all", condition: "true", target_roles: ["owner"], title_template: "P {{ payload.n }}" },
    });
    const stream = sseReader(await streamOf(ws.workspaceId, null));
    await stream.until("ready", 1);
    const behindBefore = await readsFor("behind");
    for (const n of [1, 2]) await send(ws, "p", n);
    // `other` plays the evaluator's own pool; the streams are served on the harness's
    expect(await evaluatePendingEvents(other.db, ws.workspaceId, { streams: h.handles.db })).toBe(2);
    expect(titles(await stream.until("notification", 2))).toEqual(["P 1", "P 2"]);
    await new Promise((r) => setTimeout(r, 400));
    // the batch is handed over in-process; with the COMMIT's answer on another pool's socket the
    // NOTIFY can still overtake it on a loaded machine (one "notify" read then sends the rows, and
    // the hand-off finds them sent), so what must hold is: never a read for being behind the batch,
    // and each notification exactly once
    expect(await readsFor("behind")).toBe(behindBefore);
    expect(stream.events.filter((e) => e.event === "notification")).toHaveLength(2);
    await stream.close();
  });
});
