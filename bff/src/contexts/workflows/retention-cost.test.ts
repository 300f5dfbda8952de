/**
 * The executions' retention prune (engine/maintenance.ts, every 10 s) reads what it deletes, not
 * the table: the soak (bench/soak.ts) saw the earlier form — one plan lookup per execution over
 * the whole table — cost 80 ms at 10 000 executions and grow with the table (migration 0042).
 * With 20 000 recent executions and three expired ones, the statement the prune really sends
 * (captured by a drizzle logger) must touch a few hundred buffers at most, and delete the three.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { drizzle } from "drizzle-orm/postgres-js";
import type { Harness } from "../../testing/harness";
import type { FreshWorkspace } from "../../testing/fixtures";
import { withPlatform } from "../../db/tenant";
import { createWorkflow, fireWebhook, openTestbed, settle } from "./testing/helpers";
import { pruneExecutions, runMaintenance } from "./engine/maintenance";

const RECENT = 20_000;
let h: Harness;
let ws: FreshWorkspace;
let close: () => Promise<void>;
let expired: string[];

beforeAll(async () => {
  ({ h, ws, close } = await openTestbed("Retention Cost Co"));
  await createWorkflow(h, ws.workspaceId, ws.apiKey, {
    name: "retention",
    trigger: { type: "webhook", path: "/retention" },
    steps: [{ id: "a", provider: "core", action: "transform", config: { x: "{{ n }}" } }],
  });
  const id = await fireWebhook(h, ws.workspaceId, "retention", { n: 1 });
  await settle(h, ws.workspaceId, ws.apiKey, id);
  await h.owner`insert into workflow_executions (workspace_id, workflow_id, version, status, trigger_type, trigger_payload, deadline_at, created_at, finished_at)
    select workspace_id, workflow_id, version, 'succeeded', trigger_type, trigger_payload, deadline_at, now() - g * interval '10 seconds', now() - g * interval '10 seconds'
    from workflow_executions, generate_series(1, ${RECENT}) g where id = ${id}`;
  // three past the free plan's 7 days
  const rows = await h.owner<{ id: string }[]>`update workflow_executions set created_at = now() - interval '8 days'
    where id in (select id from workflow_executions where workspace_id = ${ws.workspaceId} and id <> ${id} limit 3) returning id`;
  expired = rows.map((r) => r.id);
  await h.owner`analyze workflow_executions`; // this machine's test PostgreSQL runs without autovacuum
}, 60_000);
afterAll(() => close());

type PlanNode = { "Shared Hit Blocks": number; "Shared Read Blocks": number };

describe("executions retention", () => {
  it(`reads a few hundred buffers, not the table, with ${RECENT} recent executions and 3 expired`, async () => {
    const sent: { query: string; params: unknown[] }[] = [];
    const logged = drizzle(h.handles.sql, { logger: { logQuery: (query, params) => sent.push({ query, params }) } });
    const rollback = new Error("rollback");
    await withPlatform(logged, async (tx) => {
      await pruneExecutions(tx);
      throw rollback;
    }).catch((e) => {
      if (e !== rollback) throw e;
    });
    const prune = sent.find((s) => s.query.includes("delete from workflow_executions"));
    expect(prune).toBeDefined();
    let buffers = 0;
    await h.owner
      .begin(async (tx) => {
        const [row] = await tx.unsafe(`explain (analyze, buffers, format json) ${prune!.query}`, prune!.params as never[]);
        const plan = (row as unknown as { "QUERY PLAN": { Plan: PlanNode }[] })["QUERY PLAN"][0]!.Plan;
        buffers = plan["Shared Hit Blocks"] + plan["Shared Read Blocks"];
        throw rollback; // EXPLAIN ANALYZE really deleted: undo it
      })
      .catch((e) => {
        if (e !== rollback) throw e;
      });
    expect(buffers).toBeLessThan(500);
    expect((await runMaintenance(h.handles.db)).pruned).toBeGreaterThanOrEqual(3);
    expect(await h.owner`select id from workflow_executions where id = any(${expired}::uuid[])`).toEqual([]);
    const [left] = await h.owner<{ n: number }[]>`select count(*)::int as n from workflow_executions where workspace_id = ${ws.workspaceId}`;
    expect(left!.n).toBe(RECENT + 1 - 3);
  });
});
