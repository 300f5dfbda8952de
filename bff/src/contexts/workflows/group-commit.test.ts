/**
 * Group commit of webhook-started executions (engine/group-commit.ts): concurrent requests share
 * transactions, each is answered 202 only with a committed execution, a repeated Idempotency-Key
 * inside one batch still answers one execution, and a row that fails its batch fails only itself.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import type { Harness } from "../../testing/harness";
import type { FreshWorkspace } from "../../testing/fixtures";
import { createWorkflow, openTestbed, settle } from "./testing/helpers";
import { groupCommitStats, startGrouped } from "./engine/group-commit";

let h: Harness;
let ws: FreshWorkspace;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ h, ws, close } = await openTestbed("Group Commit Co"));
});
afterAll(() => close());

const step = { id: "record", provider: "sink", action: "call", config: { path: "/group", body: { n: "{{ n }}" } } };

describe("group commit of webhook executions", () => {
  it("commits concurrent webhooks in shared transactions and answers each with its own committed execution", async () => {
    await createWorkflow(h, ws.workspaceId, ws.apiKey, { name: "Grouped", trigger: { type: "webhook", path: "/grouped" }, steps: [step] });
    const before = groupCommitStats(h.handles.db);
    const fire = (n: number, headers: Record<string, string> = {}) =>
      h.call("POST", `/webhooks/${ws.workspaceId}/grouped`, { body: { n }, headers }).then(async (r) => ({
        status: r.status,
        replayed: r.headers.get("idempotent-replayed"),
        id: ((await r.json()) as { execution_id: string }).execution_id,
      }));
    const answers = await Promise.all([
      ...Array.from({ length: 40 }, (_, n) => fire(n)),
      ...Array.from({ length: 4 }, () => fire(99, { "idempotency-key": "same-in-one-batch" })),
    ]);
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 202));
    const plain = answers.slice(0, 40).map((a) => a.id);
    expect(new Set(plain).size).toBe(40);
    const keyed = answers.slice(40);
    expect(new Set(keyed.map((a) => a.id)).size).toBe(1);
    expect(keyed.filter((a) => a.replayed === null)).toHaveLength(1);
    // every answered execution is there, with its own payload
    const rows = await h.owner<
      { id: string; n: number }[]
    >`select id, (trigger_payload->>'n')::int as n from workflow_executions where id = any(${[...plain, keyed[0]!.id]}::uuid[])`;
    expect(rows).toHaveLength(41);
    expect(new Map(rows.map((r) => [r.id, r.n])).get(plain[7]!)).toBe(7);
    const after = groupCommitStats(h.handles.db);
    expect(after.rows - before.rows).toBe(44);
    expect(after.batches - before.batches).toBeLessThan(44);
    expect((await settle(h, ws.workspaceId, ws.apiKey, plain[0]!)).status).toBe("succeeded");
  });

  it("fails only the row that fails its batch", async () => {
    const { id: workflowId } = await createWorkflow(h, ws.workspaceId, ws.apiKey, {
      name: "Grouped 2",
      trigger: { type: "webhook", path: "/grouped-2" },
      steps: [step],
    });
    const row = (wf: string) => ({
      workspaceId: ws.workspaceId,
      workflowId: wf,
      version: 1,
      triggerType: "webhook" as const,
      triggerKey: null,
      payload: {},
      endUserId: null,
      rerunOf: null,
      deadlineAt: new Date(Date.now() + 60_000),
      test: false,
    });
    const results = await Promise.allSettled([
      ...Array.from({ length: 6 }, () => startGrouped(h.handles.db, row(workflowId))),
      startGrouped(h.handles.db, row(randomUUID())),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "fulfilled", "fulfilled", "fulfilled", "fulfilled", "rejected"]);
    const ids = results.flatMap((r) => (r.status === "fulfilled" ? [r.value.id] : []));
    expect(await h.owner`select id from workflow_executions where id = any(${ids}::uuid[])`).toHaveLength(6);
  });
});
