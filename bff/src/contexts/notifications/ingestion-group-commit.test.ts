/**
 * Group commit of `POST /events` (decision 036): concurrent single events of a workspace are
 * stored together, in fewer transactions than requests, and each request still gets the answer
 * it would have had alone — after the COMMIT that stored its event.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openHarness, type Harness } from "../../testing/harness";
import { workspaceOnPlan } from "../../testing/notifications";

let h: Harness;

beforeAll(async () => {
  h = await openHarness();
});
afterAll(async () => {
  await h.close();
});

const post = (apiKey: string, body: unknown) =>
  h
    .call("POST", "/api/v1/events", { token: apiKey, body })
    .then(async (r) => ({ status: r.status, body: (await r.json()) as { id: string; duplicate?: boolean } }));

describe("group commit of POST /events", () => {
  it("stores concurrent events in fewer transactions than requests, each once, answered with its stored row", async () => {
    const ws = await workspaceOnPlan(h, "enterprise");
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => post(ws.apiKey, { type: "burst", payload: { i } })));
    expect(answers.map((a) => a.status)).toEqual(Array(40).fill(202));
    const rows = await h.owner<{ id: string; i: number; tx: string }[]>`
      select id, (payload->>'i')::int as i, xmin::text as tx from ingested_events where workspace_id = ${ws.workspaceId}`;
    expect(rows).toHaveLength(40);
    // each answer is its own event's stored row
    const byId = new Map(rows.map((r) => [r.id, r.i]));
    for (const [i, a] of answers.entries()) expect(byId.get(a.body.id)).toBe(i);
    // rows inserted by one transaction share its xmin
    expect(new Set(rows.map((r) => r.tx)).size).toBeLessThan(40);
  });

  it("a duplicate clientEventId in the same group answers the original; an event the database refuses fails alone", async () => {
    const ws = await workspaceOnPlan(h, "enterprise");
    // PostgreSQL's jsonb refuses \u0000: alone, this request fails
    const bad = { type: "bad", payload: { text: "nul \u0000 here" } };
    const alone = await h.call("POST", "/api/v1/events", { token: ws.apiKey, body: bad });
    expect(alone.status).toBeGreaterThanOrEqual(400);
    const answers = await Promise.all([
      ...Array.from({ length: 10 }, (_, i) => post(ws.apiKey, { type: "ok", payload: { i } })),
      post(ws.apiKey, { type: "twice", clientEventId: "same-1", payload: {} }),
      post(ws.apiKey, { type: "twice", clientEventId: "same-1", payload: {} }),
      h.call("POST", "/api/v1/events", { token: ws.apiKey, body: bad }).then((r) => ({ status: r.status, body: { id: "" } })),
    ]);
    expect(answers.slice(0, 10).map((a) => a.status)).toEqual(Array(10).fill(202));
    const [first, second] = [answers[10]!, answers[11]!];
    expect([first.status, second.status].sort()).toEqual([200, 202]);
    expect(first.body.id).toBe(second.body.id);
    expect(answers[12]!.status).toBe(alone.status);
    const [n] = await h.owner<{ n: number }[]>`select count(*)::int as n from ingested_events where workspace_id = ${ws.workspaceId}`;
    expect(n!.n).toBe(11);
  });
});
