/**
 * The evaluation pipeline under concurrency: several evaluators on one workspace process each
 * event exactly once, the in-process evaluator's sweep finds events whose wake-up was lost, and
 * concurrent ingestions cannot take the same last slot of the events quota.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openHarness, type Harness } from "../../testing/harness";
import { sql } from "drizzle-orm";
import { INDEX_PLANS, withWorkspace } from "../../db/tenant";
import { evaluatePendingEvents, markProcessed } from "./evaluation";
import { EVENTS_CHANNEL, requestEvaluation, startEventEvaluator } from "./evaluator";
import { ingestEvents } from "./ingestion";
import { workspaceOnPlan } from "../../testing/notifications";
import { scansOf } from "../../testing/plans";

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(async () => {
  await h.close();
});

async function workspaceWithRule(plan: string) {
  const ws = await workspaceOnPlan(h, plan);
  const res = await h.call("POST", "/api/v1/rules", {
    token: ws.token,
    body: { name: "all", condition: "true", target_roles: ["owner"], title_template: "n {{ event.payload.n }}" },
  });
  expect(res.status).toBe(201);
  return ws;
}

/** Stores `n` events without asking for their evaluation (as if the process died after COMMIT). */
async function storeSilently(workspaceId: string, n: number, from = 0): Promise<void> {
  for (let i = 0; i < n; i += 100) {
    const inputs = Array.from({ length: Math.min(100, n - i) }, (_, k) => ({ type: "tick", payload: { n: from + i + k } }));
    await withWorkspace(h.handles.db, workspaceId, (tx) => ingestEvents(tx, workspaceId, inputs));
  }
}

describe("evaluation", () => {
  it("four evaluators at once on one workspace evaluate each event exactly once and count it once", async () => {
    const ws = await workspaceWithRule("enterprise");
    await storeSilently(ws.workspaceId, 350);
    const runs = await Promise.all([1, 2, 3, 4].map(() => evaluatePendingEvents(h.handles.db, ws.workspaceId)));
    expect(runs.reduce((a, b) => a + b, 0)).toBe(350);
    const [events] = await h.owner<{ pending: number; notified: number }[]>`
      select count(*) filter (where processed_at is null)::int as pending, sum(notification_count)::int as notified
        from ingested_events where workspace_id = ${ws.workspaceId} and source = 'api'`;
    expect(events).toEqual({ pending: 0, notified: 350 });
    const [notes] = await h.owner<{ n: number; events: number; seqs: number }[]>`
      select count(*)::int as n, count(distinct event_id)::int as events, count(distinct seq)::int as seqs from notifications where workspace_id = ${ws.workspaceId} and title like 'n %'`;
    expect(notes).toEqual({ n: 350, events: 350, seqs: 350 });
    const counters = await h.owner<{ period_type: string; metric: string; count: string }[]>`
      select period_type, metric, count from usage_counters where workspace_id = ${ws.workspaceId} order by period_type, metric`;
    expect(counters.map((c) => [c.period_type, c.metric, Number(c.count)])).toEqual([
      ["day", "events", 350],
      ["day", "notifications", 350],
      ["month", "events", 350],
      ["month", "notifications", 350],
    ]);
  });

  it("the in-process evaluator's sweep finds events whose wake-up was lost; a wake-up is evaluated at once", async () => {
    const ws = await workspaceWithRule("enterprise");
    await storeSilently(ws.workspaceId, 120);
    const evaluator = startEventEvaluator(h.handles.db, { sweepMs: 60_000 }); // only the sweep at start
    try {
      const pending = async () =>
        (await h.owner<{ n: number }[]>`select count(*)::int as n from ingested_events where workspace_id = ${ws.workspaceId} and processed_at is null`)[0]!.n;
      for (let i = 0; i < 100 && (await pending()) > 0; i++) await new Promise((r) => setTimeout(r, 50));
      expect(await pending()).toBe(0);
      // with an evaluator in the process a request wakes it directly (no job)
      const sent = await h.call("POST", "/api/v1/events", { token: ws.apiKey, body: { type: "tick", payload: { n: 999 } } });
      expect(sent.status).toBe(202);
      for (let i = 0; i < 100 && (await pending()) > 0; i++) await new Promise((r) => setTimeout(r, 20));
      expect(await pending()).toBe(0);
      const [jobs] = await h.owner<
        { n: number }[]
      >`select count(*)::int as n from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id
         where t.identifier = 'notifications.evaluate_events' and j.payload->>'workspace_id' = ${ws.workspaceId}`;
      expect(jobs!.n).toBe(0);
      const [notes] = await h.owner<{ n: number }[]>`select count(*)::int as n from notifications where workspace_id = ${ws.workspaceId} and title like 'n %'`;
      expect(notes!.n).toBe(121);
    } finally {
      await evaluator.stop();
    }
  });
});

describe("wake-ups between processes", () => {
  it("a process without an evaluator answers 202 and sends NOTIFY nh_events with the workspace; no job is queued", async () => {
    const ws = await workspaceWithRule("enterprise");
    const heard: string[] = [];
    const listener = await h.owner.listen(EVENTS_CHANNEL, (payload) => heard.push(payload));
    try {
      const sent = await h.call("POST", "/api/v1/events", { token: ws.apiKey, body: { type: "tick", payload: { n: 1 } } });
      expect(sent.status).toBe(202);
      for (let i = 0; i < 100 && !heard.includes(ws.workspaceId); i++) await new Promise((r) => setTimeout(r, 20));
      expect(heard).toContain(ws.workspaceId);
      const [jobs] = await h.owner<
        { n: number }[]
      >`select count(*)::int as n from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id
         where t.identifier = 'notifications.evaluate_events' and j.payload->>'workspace_id' = ${ws.workspaceId}`;
      expect(jobs!.n).toBe(0);
    } finally {
      await listener.unlisten();
    }
    await h.runJobs(); // what a worker's evaluator would have done
    const [event] = await h.owner<
      { processed: boolean }[]
    >`select processed_at is not null as processed from ingested_events where workspace_id = ${ws.workspaceId}`;
    expect(event!.processed).toBe(true);
  });

  it("a burst of requests sends one wake-up at once and one trailing wake-up; a later request sends its own", async () => {
    const ws = await workspaceWithRule("enterprise");
    const heard: string[] = [];
    const listener = await h.owner.listen(EVENTS_CHANNEL, (payload) => {
      if (payload === ws.workspaceId) heard.push(payload);
    });
    try {
      for (let i = 0; i < 50; i++) requestEvaluation(h.handles.db, ws.workspaceId);
      await new Promise((r) => setTimeout(r, 500));
      expect(heard).toHaveLength(2); // not 50: the first at once, one after the interval for the other 49
      requestEvaluation(h.handles.db, ws.workspaceId); // the interval has long passed
      for (let i = 0; i < 50 && heard.length < 3; i++) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, 200));
      expect(heard).toHaveLength(3);
    } finally {
      await listener.unlisten();
    }
  });

  it("an evaluator listening on nh_events evaluates a workspace as soon as another process notifies it", async () => {
    const ws = await workspaceWithRule("enterprise");
    const evaluator = startEventEvaluator(h.handles.db, { sweepMs: 60_000, listen: h.handles.sql });
    try {
      await new Promise((r) => setTimeout(r, 300)); // past its sweep at start
      await storeSilently(ws.workspaceId, 3);
      await h.owner`select pg_notify(${EVENTS_CHANNEL}, ${ws.workspaceId})`;
      const pending = async () =>
        (await h.owner<{ n: number }[]>`select count(*)::int as n from ingested_events where workspace_id = ${ws.workspaceId} and processed_at is null`)[0]!.n;
      for (let i = 0; i < 100 && (await pending()) > 0; i++) await new Promise((r) => setTimeout(r, 20));
      expect(await pending()).toBe(0);
    } finally {
      await evaluator.stop();
    }
  });
});

describe("events quota under concurrency", () => {
  it("twenty concurrent requests for the last ten slots: exactly ten are stored", async () => {
    await h.owner`insert into plans (id, name, events_per_month, notifications_per_month, users, rules, sounds, requests_per_hour, webhooks)
      values ('test_ten', 'Ten', 10, 100, 10, 5, 3, 1000, true) on conflict (id) do nothing`;
    const ws = await workspaceOnPlan(h, "test_ten");
    const statuses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => h.call("POST", "/api/v1/events", { token: ws.apiKey, body: { type: "t", payload: { i } } }).then((r) => r.status)),
    );
    expect(statuses.filter((s) => s === 202)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(10);
    const [stored] = await h.owner<{ n: number }[]>`select count(*)::int as n from ingested_events where workspace_id = ${ws.workspaceId}`;
    expect(stored!.n).toBe(10);
  });
});

describe("the batch's processed_at update", () => {
  it("marks a batch evaluated with a plan that reads only the batch's events, also a generic plan made before the table has statistics", async () => {
    // a fresh instance's cached generic plan of this update walked ingested_events at every batch
    // until autovacuum's first ANALYZE (decision 036, session 9): every scan of it must be an index
    // lookup with a condition, never a full scan
    const ws = await workspaceOnPlan(h, "free");
    await storeSilently(ws.workspaceId, 20);
    const scans = await withWorkspace(
      h.handles.db,
      ws.workspaceId,
      async (tx) => {
        await tx.execute(sql`set local plan_cache_mode = force_generic_plan`);
        const update = markProcessed(new Date(), [{ id: "00000000-0000-7000-8000-000000000001", matched: [], created: 0, suppressed: 0 }]);
        const [row] = await tx.execute<{ "QUERY PLAN": unknown }>(sql`explain (format json) ${update}`);
        return scansOf(row!["QUERY PLAN"], (table) => table === "ingested_events");
      },
      INDEX_PLANS,
    );
    expect(scans.length).toBeGreaterThan(0);
    for (const s of scans) expect({ node: s["Node Type"], cond: s["Index Cond"] ?? null }).toMatchObject({ cond: expect.stringMatching(/\bid\b/) });
  });
});
