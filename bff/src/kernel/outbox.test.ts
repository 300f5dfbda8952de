import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openHarness, type Harness } from "../testing/harness";
import { signUpWorkspace, type FreshWorkspace } from "../testing/fixtures";
import { withWorkspace } from "../db/tenant";
import { openDatabase } from "../db/client";
import { createApp } from "../app";
import { endUsers } from "../contexts/integrations/schema";
import { appendDomainEvent, dispatchDomainEvent, wasConsumed } from "./events";

let h: Harness;
let ws: FreshWorkspace;
beforeAll(async () => {
  h = await openHarness();
  ws = await signUpWorkspace(h, "Outbox Co", "outbox");
});
afterAll(async () => {
  await h.close();
});

const eventRows = async (id: string) => h.owner<{ id: string }[]>`select id from domain_events where id = ${id}`;
const queueRows = async (id: string) => h.owner<{ event_id: string }[]>`select event_id from domain_event_queue where event_id = ${id}`;
const endUserRows = async (external: string) => h.owner<{ id: string }[]>`
  select id from end_users where workspace_id = ${ws.workspaceId} and external_user_id = ${external}`;

/** A domain change (a new end user) and its event, in one transaction; answers the event id. */
async function changeWithEvent(external: string, fail: boolean): Promise<string> {
  let eventId = "";
  await withWorkspace(h.handles.db, ws.workspaceId, async (tx) => {
    const [eu] = await tx.insert(endUsers).values({ workspaceId: ws.workspaceId, externalUserId: external }).returning();
    eventId = await appendDomainEvent(tx, {
      workspaceId: ws.workspaceId,
      type: "end_user.created",
      subjectId: eu!.id,
      payload: { external_user_id: external },
    });
    if (fail) throw new Error("boom after the event");
  }).catch((e: Error) => {
    if (!fail || e.message !== "boom after the event") throw e;
  });
  expect(eventId).toMatch(/^[0-9a-f-]{36}$/);
  return eventId;
}

describe("the transactional outbox", () => {
  it("leaves no change, event or job behind when the transaction fails", async () => {
    const external = `rolled-back-${Date.now()}`;
    const id = await changeWithEvent(external, true);
    expect(await endUserRows(external)).toEqual([]);
    expect(await eventRows(id)).toEqual([]);
    expect(await queueRows(id)).toEqual([]);
  });

  it("commits the change, the event and its queue row together, and no dispatch job", async () => {
    const external = `committed-${Date.now()}`;
    const id = await changeWithEvent(external, false);
    expect(await endUserRows(external)).toHaveLength(1);
    expect(await eventRows(id)).toHaveLength(1);
    expect(await queueRows(id)).toEqual([{ event_id: id }]);
    expect(await wasConsumed(h.handles.db, ws.workspaceId, id, "audit")).toBe(false);
    expect(await h.owner`select 1 from graphile_worker._private_jobs where key = ${`dispatch:${id}`}`).toHaveLength(0);
  });

  it("applies an event once per consumer however often it is dispatched", async () => {
    const id = await changeWithEvent(`twice-${Date.now()}`, false);
    await dispatchDomainEvent(h.handles.db, id, ws.workspaceId);
    await dispatchDomainEvent(h.handles.db, id, ws.workspaceId);
    await Promise.all([dispatchDomainEvent(h.handles.db, id, ws.workspaceId), dispatchDomainEvent(h.handles.db, id, ws.workspaceId)]);
    const audit = await h.owner<{ action: string; workspace_id: string }[]>`select action, workspace_id from audit_log where event_id = ${id}`;
    expect(audit).toEqual([{ action: "end_user.created", workspace_id: ws.workspaceId }]);
    const consumed = await h.owner<{ consumer: string }[]>`select consumer from event_consumptions where event_id = ${id}`;
    const names = consumed.map((c) => c.consumer);
    expect(names).toContain("audit");
    expect(new Set(names).size).toBe(names.length); // each consumer once, however many dispatches
  });

  it("does not let one workspace's dispatch touch another's event", async () => {
    const id = await changeWithEvent(`scoped-${Date.now()}`, false);
    await dispatchDomainEvent(h.handles.db, id, h.globexId);
    const [n] = await h.owner<{ n: number }[]>`select count(*)::int as n from event_consumptions where event_id = ${id} and workspace_id = ${h.globexId}`;
    expect(n!.n).toBe(0);
  });
});

describe("health", () => {
  it("answers 200 with the database ok", async () => {
    const res = await h.call("GET", "/api/health");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", database: "ok" });
  });

  it("answers 503 when the database is unreachable", async () => {
    const dead = openDatabase("postgres://x@127.0.0.1:1/x", 1);
    try {
      const app = createApp({ db: dead.db, sql: dead.sql });
      const res = await app.request("/api/health");
      expect(res.status).toBe(503);
      expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
      expect(res.headers.get("retry-after")).toBe("5");
      expect(await res.json()).toMatchObject({ status: 503, title: "Service unavailable", database: "unreachable" });
    } finally {
      await dead.close();
    }
  });

  it("answers an API request 503 problem+json with Retry-After, not 500, when the database is unreachable", async () => {
    const dead = openDatabase("postgres://x@127.0.0.1:1/x", 1);
    try {
      const app = createApp({ db: dead.db, sql: dead.sql });
      const res = await app.request("/api/v1/events", {
        method: "POST",
        headers: { authorization: `Bearer ${ws.apiKey}`, "content-type": "application/json" },
        body: JSON.stringify({ type: "x.y", payload: {} }),
      });
      expect(res.status).toBe(503);
      expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
      expect(res.headers.get("retry-after")).toBe("5");
      expect(await res.json()).toMatchObject({ status: 503, type: expect.stringMatching(/database-unavailable$/) });
    } finally {
      await dead.close();
    }
  });
});
