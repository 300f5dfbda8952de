/**
 * Batched rounds (engine/run-execution.ts, decision 022): the rounds of many executions share one
 * transaction and its multi-row statements, and each execution still ends with its own outcome,
 * step-level history and domain event; a batch that one execution fails is retried round by
 * round, so only that execution's round fails.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Harness } from "../../testing/harness";
import type { FreshWorkspace } from "../../testing/fixtures";
import type { Sink } from "./testing/sink";
import { createWorkflow, fireWebhook, getExecution, run, openTestbed } from "./testing/helpers";
import { CLAIM_SQL, drainExecutionQueue } from "./engine/queue";
import { roundBatchStats, STEP_OUTCOMES_SQL } from "./engine/run-execution";
import { FINISH_EXECUTIONS_SQL, LOCK_EXECUTIONS_SQL } from "./engine/advance";
import { driverOf, INDEX_PLANS, withWorkspace } from "../../db/tenant";
import { unboundedScans } from "../../testing/plans";

let h: Harness;
let ws: FreshWorkspace;
let sink: Sink;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ h, ws, sink, close } = await openTestbed("Round Batch Co"));
});
afterAll(() => close());

/** transform → sink call → condition (the benchmark's shape), or a failing expression when `bad`. */
const steps = (id: string) => [
  { id: "shape", provider: "core", action: "transform", config: { n: "{{ n }}", twice: "{{ n * 2 }}" } },
  { id: "deliver", provider: "sink", action: "call", config: { path: `${sink.url}/${id}`, body: "{{ steps.shape.output }}" } },
  { id: "check", type: "condition", condition: "{{ steps.shape.output.n }} % 2 == 0", then: [], else: [] },
];

describe("batched rounds", () => {
  it("advances many executions per transaction, each with its own step runs, outcome and one domain event", async () => {
    const good = await createWorkflow(h, ws.workspaceId, ws.apiKey, { name: "batch good", trigger: { type: "webhook", path: "/rb-good" }, steps: steps("rb") });
    const bad = await createWorkflow(h, ws.workspaceId, ws.apiKey, {
      name: "batch bad",
      trigger: { type: "webhook", path: "/rb-bad" },
      steps: [{ id: "shape", provider: "core", action: "transform", config: { n: "{{ missing.field }}" } }, ...steps("rb").slice(1)],
    });
    expect(good.id && bad.id).toBeTruthy();
    const ids: { id: string; n: number; bad: boolean }[] = [];
    for (let n = 0; n < 24; n++) {
      const isBad = n % 6 === 5;
      ids.push({ id: await fireWebhook(h, ws.workspaceId, isBad ? "rb-bad" : "rb-good", { n }), n, bad: isBad });
    }
    const before = roundBatchStats(h.handles.db);
    await drainExecutionQueue(h.handles.db);
    const after = roundBatchStats(h.handles.db);
    const batches = after.batches - before.batches;
    const rounds = after.rounds - before.rounds;
    // 20 good executions take two rounds each, 4 bad ones one: 44 rounds, in far fewer transactions
    expect(rounds).toBe(44);
    expect(batches).toBeLessThan(rounds / 2);

    for (const x of ids) {
      const e = await getExecution(h, ws.workspaceId, ws.apiKey, x.id);
      if (x.bad) {
        expect(e.status).toBe("failed");
        expect(e.error).toMatch(/^step shape:/);
        expect(run(e, "shape")!.status).toBe("failed");
        expect(run(e, "deliver")).toBeUndefined();
        continue;
      }
      expect(e.status).toBe("succeeded");
      expect(run(e, "shape")).toMatchObject({ status: "succeeded", output: { n: x.n, twice: x.n * 2 } });
      expect(run(e, "deliver")).toMatchObject({ status: "succeeded", attempts: 1 });
      expect(run(e, "deliver")!.input).toEqual({ path: `${sink.url}/rb`, body: { n: x.n, twice: x.n * 2 } });
      expect(run(e, "check")).toMatchObject({ status: "succeeded", output: { result: x.n % 2 === 0, branch: x.n % 2 === 0 ? "then" : "else" } });
    }
    const events = await h.owner<{ subject_id: string; type: string }[]>`
      select subject_id, type from domain_events where subject_id = any(${ids.map((x) => x.id)}::text[]) and type like 'execution.%'`;
    expect(events).toHaveLength(ids.length);
    for (const x of ids)
      expect(events.filter((ev) => ev.subject_id === x.id).map((ev) => ev.type)).toEqual([x.bad ? "execution.failed" : "execution.succeeded"]);
  });

  it("retries a failed batch round by round: an execution whose round throws does not hold back the others", async () => {
    await createWorkflow(h, ws.workspaceId, ws.apiKey, { name: "batch fallback", trigger: { type: "webhook", path: "/rb-fb" }, steps: steps("fb") });
    const broken = await createWorkflow(h, ws.workspaceId, ws.apiKey, {
      name: "batch broken",
      trigger: { type: "webhook", path: "/rb-broken" },
      steps: steps("br"),
    });
    // a version naming an action this worker lacks (as mid-deploy): its round throws, failing the batch it is in
    await h.owner`update workflow_versions set definition = jsonb_set(definition, '{steps,1,action}', '"not_here"') where workflow_id = ${broken.id}`;
    const ids: string[] = [];
    for (let n = 0; n < 10; n++) ids.push(await fireWebhook(h, ws.workspaceId, "rb-fb", { n }));
    // fired last, so it is claimed last and its first round goes in a batch with others
    const brokenId = await fireWebhook(h, ws.workspaceId, "rb-broken", { n: 1 });
    const before = roundBatchStats(h.handles.db);
    await drainExecutionQueue(h.handles.db);
    expect(roundBatchStats(h.handles.db).failedBatches).toBeGreaterThan(before.failedBatches);
    for (const id of ids) expect((await getExecution(h, ws.workspaceId, ws.apiKey, id)).status).toBe("succeeded");
    const [row] = await h.owner<{ status: string; claimed_by: string | null; run_at: Date | null }[]>`
      select status, claimed_by, run_at from workflow_executions where id = ${brokenId}`;
    // still active, its claim given up and due again after a pause: another worker may have the action
    expect(row).toMatchObject({ status: "running", claimed_by: null });
    expect(row!.run_at).not.toBeNull();
  });

  it("fails a batch whose pipelined write fails in the database, so no step is called without its running row", async () => {
    // the round's step-run writes are sent without waiting for each other's answers (decision 037,
    // session 8): an error in one must still fail the batch, not vanish behind a ROLLBACK
    await createWorkflow(h, ws.workspaceId, ws.apiKey, { name: "batch pipelined", trigger: { type: "webhook", path: "/rb-pl" }, steps: steps("pl") });
    const ids: string[] = [];
    for (let n = 0; n < 8; n++) ids.push(await fireWebhook(h, ws.workspaceId, "rb-pl", { n }));
    const poisoned = ids[5]!;
    await h.owner.unsafe(`create or replace function rb_poison() returns trigger language plpgsql as $$
      begin if new.execution_id = '${poisoned}' and new.step_id = 'deliver' then raise exception 'poisoned step run'; end if; return new; end $$`);
    await h.owner.unsafe("create trigger rb_poison before insert or update on workflow_step_runs for each row execute function rb_poison()");
    try {
      const called = sink.requests.length;
      await drainExecutionQueue(h.handles.db);
      for (const id of ids.filter((x) => x !== poisoned)) expect((await getExecution(h, ws.workspaceId, ws.apiKey, id)).status).toBe("succeeded");
      // the seven others called the sink once each; the poisoned one never, as its running row never committed
      const calls = sink.requests.slice(called).filter((r) => r.path.endsWith("/pl"));
      expect(calls).toHaveLength(7);
      expect(calls.some((r) => r.key === `${poisoned}:deliver`)).toBe(false);
      const [row] = await h.owner<{ status: string; claimed_by: string | null; steps: number }[]>`
        select status, claimed_by, (select count(*)::int from workflow_step_runs where execution_id = ${poisoned}) as steps
        from workflow_executions where id = ${poisoned}`;
      expect(row).toMatchObject({ status: "running", claimed_by: null, steps: 0 });
    } finally {
      await h.owner.unsafe("drop trigger rb_poison on workflow_step_runs");
      await h.owner.unsafe("drop function rb_poison()");
    }
  });

  it("stores a step's outcome with an update PostgreSQL can make HOT: no index of the step runs names a column it writes", async () => {
    // the running → succeeded update writes status, output, error, finished_at, duration_ms and
    // lease_until; an index on (or a predicate over) any of them makes every such update add entries
    // to every index of the table (migration 0045 dropped the last one, the unused lease index)
    const written = ["status", "output", "error", "finished_at", "duration_ms", "lease_until", "attempts", "input", "started_at"];
    const indexes = await h.owner<{ name: string; def: string }[]>`
      select indexrelid::regclass::text as name, pg_get_indexdef(indexrelid) as def from pg_index where indrelid = 'workflow_step_runs'::regclass`;
    expect(indexes.map((i) => i.name).sort()).toEqual(["workflow_step_runs_exec_step_uq", "workflow_step_runs_pkey"]);
    for (const i of indexes) for (const col of written) expect(i.def).not.toMatch(new RegExp(`\\b${col}\\b`));
  });

  it("plans its hot statements as index lookups even before the tables have statistics (INDEX_PLANS and the batch-id bounds), generic plans included", async () => {
    // a fresh database's tables are not analysed until autovacuum gets to them; without the
    // setting the planner chose sequential scans of the step runs and executions here, and a
    // connection's cached generic plan kept them while the tables grew
    // a scan of an engine table with no condition reads the whole table: a sequential scan, or a
    // full index scan (what enable_seqscan = off alone may give a generic plan)
    const id = "00000000-0000-7000-8000-000000000001";
    const statements: [string, unknown[]][] = [
      [
        STEP_OUTCOMES_SQL,
        [
          JSON.stringify([
            { execution_id: id, step_id: "s", status: "succeeded", output: null, error: null, finished_at: null, duration_ms: 1, lease_until: null },
          ]),
          `{${id}}`,
        ],
      ],
      [FINISH_EXECUTIONS_SQL, [JSON.stringify([{ id, status: "succeeded", error: null }]), new Date().toISOString(), `{${id}}`]],
      [LOCK_EXECUTIONS_SQL, [[id]]],
      [CLAIM_SQL, ["{}", 10, "{}", 16, "w", "1000 milliseconds"]],
    ];
    const plans = await withWorkspace(
      h.handles.db,
      ws.workspaceId,
      async (tx) => {
        const client = driverOf(tx)!;
        await client.unsafe("set local plan_cache_mode = force_generic_plan");
        const out: string[][] = [];
        for (const [text, params] of statements) {
          const [row] = await client.unsafe<{ "QUERY PLAN": unknown }[]>(`explain (format json) ${text}`, params as never[]);
          out.push(unboundedScans(row!["QUERY PLAN"], (table) => table.startsWith("workflow_")));
        }
        return out;
      },
      INDEX_PLANS,
    );
    expect(plans).toEqual([[], [], [], []]);
  });
});
