/**
 * Events sent with a test key start test executions (issue #14 parts 2 and 4, decisions 020 and
 * 021), against real PostgreSQL and the real evaluator and job runner: in a live workspace the
 * same event type sent with a `nhood_sk_test_` key starts a test execution whose provider call the
 * sandbox answers, and with a live key a live execution (which has no Slack connection, so fails
 * `not_connected` without calling anyone); the event itself says which (`test`). A workspace in
 * test mode makes a live key's event start a test execution too. Another workspace's test key
 * neither starts this workspace's workflows nor reads its events.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Harness } from "../../testing/harness";
import { signUpWorkspace, type FreshWorkspace } from "../../testing/fixtures";
import { createWorkflow, openTestbed, settle } from "./testing/helpers";

let h: Harness;
let ws: FreshWorkspace;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ h, ws, close } = await openTestbed("Event Test Keys Co"));
});
afterAll(() => close());

const base = (w: FreshWorkspace) => `/api/v1/workspaces/${w.workspaceId}`;

/** A new API key of `w` in `mode` (its owner signs in to make it). */
async function keyOf(w: FreshWorkspace, mode: "live" | "test"): Promise<string> {
  const res = await h.call("POST", `${base(w)}/api-keys`, { token: await h.signIn(w.email, w.password), body: { name: `${mode} key`, mode } });
  expect(res.status).toBe(201);
  const key = ((await res.json()) as { key: string }).key;
  expect(key.startsWith(`nhood_sk_${mode}_`)).toBe(true);
  return key;
}

/** An event-triggered workflow whose one step posts to Slack (a provider call: sandboxed in a test execution). */
const slackOn = (event: string) => ({
  name: `Slack on ${event}`,
  trigger: { type: "event", event },
  steps: [{ id: "post", provider: "slack", action: "send_message", config: { channel: "#orders", text: "order {{ order_id }}" } }],
});

async function send(token: string, body: Record<string, unknown>): Promise<{ status: number; id: string; test: boolean }> {
  const res = await h.call("POST", "/api/v1/events", { token, body });
  const json = (await res.json()) as { id: string; test: boolean };
  return { status: res.status, id: json.id, test: json.test };
}

interface Run {
  id: string;
  trigger_key: string;
  test: boolean;
}
const runsOf = (workflowId: string) =>
  h.owner<Run[]>`select id, trigger_key, test from workflow_executions where workflow_id = ${workflowId} order by created_at, id`;

async function sandboxCalls(w: FreshWorkspace, executionId: string) {
  const res = await h.call("GET", `${base(w)}/sandbox/requests?execution_id=${executionId}`, { token: w.apiKey });
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: { provider: string; path: string; status: number; request_body: unknown }[] }).items;
}

describe("an event's key mode", () => {
  it("in a live workspace: a test key's event starts a test execution (sandbox), a live key's a live one", async () => {
    const testKey = await keyOf(ws, "test");
    const wf = await createWorkflow(h, ws.workspaceId, ws.apiKey, slackOn("order.paid"));

    const fromTest = await send(testKey, { type: "order.paid", clientEventId: "tk-1", payload: { order_id: "A-1" } });
    const fromLive = await send(ws.apiKey, { type: "order.paid", clientEventId: "lk-1", payload: { order_id: "A-2" } });
    expect([fromTest.status, fromTest.test, fromLive.status, fromLive.test]).toEqual([202, true, 202, false]);
    // batch route too
    const batch = await h.call("POST", "/api/v1/events/batch", {
      token: testKey,
      body: { events: [{ type: "order.paid", clientEventId: "tk-2", payload: { order_id: "A-3" } }] },
    });
    expect(batch.status).toBe(202);
    const batched = ((await batch.json()) as { items: { id: string; test: boolean }[] }).items[0]!;
    expect(batched.test).toBe(true);
    // a re-sent clientEventId with the other kind of key is the same stored event, keeping its mode
    const resent = await send(ws.apiKey, { type: "order.paid", clientEventId: "tk-1", payload: { order_id: "A-1" } });
    expect(resent).toEqual({ status: 200, id: fromTest.id, test: true });
    await h.runJobs();

    const runs = await runsOf(wf.id);
    expect(runs.map((r) => [r.trigger_key, r.test]).sort()).toEqual(
      [
        [`event:${fromTest.id}`, true],
        [`event:${fromLive.id}`, false],
        [`event:${batched.id}`, true],
      ].sort(),
    );
    const byKey = new Map(runs.map((r) => [r.trigger_key, r.id]));

    const test = await settle(h, ws.workspaceId, ws.apiKey, byKey.get(`event:${fromTest.id}`)!);
    expect([test.status, test.step_runs[0]!.status]).toEqual(["succeeded", "succeeded"]);
    expect(await sandboxCalls(ws, test.id)).toEqual([
      expect.objectContaining({ provider: "slack", path: "/api/chat.postMessage", status: 200, request_body: { channel: "#orders", text: "order A-1" } }),
    ]);
    const batchedRun = await settle(h, ws.workspaceId, ws.apiKey, byKey.get(`event:${batched.id}`)!);
    expect(batchedRun.status).toBe("succeeded");

    // the live one is live: no sandbox, and this workspace has no Slack connection
    const live = await settle(h, ws.workspaceId, ws.apiKey, byKey.get(`event:${fromLive.id}`)!);
    expect(live.status).toBe("failed");
    expect(live.step_runs[0]!.error).toMatch(/^not_connected/);
    expect(await sandboxCalls(ws, live.id)).toEqual([]);
  });

  it("in a workspace in test mode: a live key's event starts a test execution too", async () => {
    const t = await signUpWorkspace(h, "Event Test Mode Co", "event-test-mode");
    const token = await h.signIn(t.email, t.password);
    expect((await h.call("PUT", `${base(t)}/test-mode`, { token, body: { test_mode: true } })).status).toBe(200);
    const wf = await createWorkflow(h, t.workspaceId, t.apiKey, slackOn("order.shipped"));
    const ev = await send(t.apiKey, { type: "order.shipped", payload: { order_id: "T-1" } });
    expect([ev.status, ev.test]).toEqual([202, false]);
    await h.runJobs();
    const runs = await runsOf(wf.id);
    expect(runs.map((r) => [r.trigger_key, r.test])).toEqual([[`event:${ev.id}`, true]]);
    expect((await settle(h, t.workspaceId, t.apiKey, runs[0]!.id)).status).toBe("succeeded");
  });

  it("another workspace's test key starts only its own workflows and cannot read this workspace's events", async () => {
    const b = await signUpWorkspace(h, "Event Test Keys B", "event-test-keys-b");
    const bTestKey = await keyOf(b, "test");
    const mine = await createWorkflow(h, ws.workspaceId, ws.apiKey, slackOn("invoice.sent"));
    const theirs = await createWorkflow(h, b.workspaceId, b.apiKey, slackOn("invoice.sent"));
    const fromB = await send(bTestKey, { type: "invoice.sent", payload: { order_id: "B-1" } });
    expect([fromB.status, fromB.test]).toEqual([202, true]);
    const fromA = await send(ws.apiKey, { type: "invoice.sent", payload: { order_id: "A-9" } });
    await h.runJobs();
    expect((await runsOf(mine.id)).map((r) => [r.trigger_key, r.test])).toEqual([[`event:${fromA.id}`, false]]);
    expect((await runsOf(theirs.id)).map((r) => [r.trigger_key, r.test])).toEqual([[`event:${fromB.id}`, true]]);
    // B's test key cannot see A's event, nor A's test execution's sandbox record
    expect((await h.call("GET", `/api/v1/events/${fromA.id}`, { token: bTestKey })).status).toBe(404);
    expect((await h.call("GET", `/api/v1/events/${fromB.id}`, { token: bTestKey })).status).toBe(200);
    const aRun = (await runsOf(mine.id))[0]!;
    expect([403, 404]).toContain((await h.call("GET", `${base(ws)}/executions/${aRun.id}`, { token: bTestKey })).status);
  });
});
