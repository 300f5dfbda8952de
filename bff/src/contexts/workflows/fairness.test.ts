/**
 * Fairness between workspaces (docs/decisions/038-workspace-fairness.md), on a real PostgreSQL:
 * a workspace at its backlog limit is refused with a problem+json 429 that names the reason while
 * another workspace is still answered 202, and it is admitted again once its backlog has run; a
 * queue worker lets a workspace alone take every slot, and holds each workspace to its share while
 * another one is active.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Harness } from "../../testing/harness";
import { signUpWorkspace, type FreshWorkspace } from "../../testing/fixtures";
import { createWorkflow, openTestbed } from "./testing/helpers";
import { resetAdmission } from "./engine/admission";
import { startExecutionQueue } from "./engine/queue";

let h: Harness;
let a: FreshWorkspace;
let b: FreshWorkspace;
let close: () => Promise<void>;
const saved = { ...process.env };

beforeAll(async () => {
  ({ h, ws: a, close } = await openTestbed("Flood Co"));
  b = await signUpWorkspace(h, "Steady Co");
  for (const ws of [a, b]) {
    await createWorkflow(h, ws.workspaceId, ws.apiKey, {
      name: "Quick",
      trigger: { type: "webhook", path: "/quick" },
      steps: [{ id: "record", provider: "sink", action: "call", config: { path: "/fair", body: {} } }],
    });
    await createWorkflow(h, ws.workspaceId, ws.apiKey, {
      name: "Slow",
      trigger: { type: "webhook", path: "/slow" },
      steps: [{ id: "wait", provider: "sink", action: "call", config: { path: "/slow-fair", body: {} } }],
    });
  }
});
afterAll(async () => {
  process.env = saved;
  resetAdmission();
  await close();
});

const fire = (ws: FreshWorkspace, path = "quick") => h.call("POST", `/webhooks/${ws.workspaceId}/${path}`, { body: { n: 1 } });

describe("per-workspace admission of webhooks", () => {
  it("refuses a workspace at its backlog limit with 429 workspace-backlog-full and Retry-After, answers another workspace 202, and admits the first again once its backlog ran", async () => {
    process.env.NH_WORKSPACE_BACKLOG_LIMIT = "3";
    process.env.NH_ADMISSION_RECHECK_MS = "0"; // count on every batch: no estimate between counts
    process.env.NH_GROUP_COMMIT_CONCURRENCY = "1"; // concurrent batches may overshoot by a batch (admission.ts): one at a time here
    resetAdmission();
    // six at once, in one or more group-commit batches: exactly three fit
    const first = await Promise.all(Array.from({ length: 6 }, () => fire(a)));
    expect(first.map((r) => r.status).sort()).toEqual([202, 202, 202, 429, 429, 429]);
    const refused = first.find((r) => r.status === 429)!;
    expect(refused.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(refused.headers.get("retry-after")).toBe("1");
    const problem = (await refused.json()) as { type: string; status: number; detail: string };
    expect(problem.type).toMatch(/workspace-backlog-full$/);
    expect(problem.status).toBe(429);
    expect(problem.detail).toMatch(/3 executions waiting or running/);
    expect((await fire(a)).status).toBe(429);
    // the other workspace is not refused
    const other = await Promise.all([fire(b), fire(b)]);
    expect(other.map((r) => r.status)).toEqual([202, 202]);
    const [row] = await h.owner<{ n: number }[]>`select count(*)::int as n from workflow_executions where workspace_id = ${a.workspaceId}`;
    expect(row?.n).toBe(3);
    // once its executions have run, the first workspace is admitted again
    await h.runJobs();
    expect((await fire(a)).status).toBe(202);
    await h.runJobs();
  });

  it("is off with NH_WORKSPACE_BACKLOG_LIMIT=0", async () => {
    process.env.NH_WORKSPACE_BACKLOG_LIMIT = "0";
    delete process.env.NH_GROUP_COMMIT_CONCURRENCY;
    resetAdmission();
    const answers = await Promise.all(Array.from({ length: 6 }, () => fire(a)));
    expect(answers.map((r) => r.status)).toEqual([202, 202, 202, 202, 202, 202]);
    await h.runJobs();
  });
});

describe("per-workspace share of a worker's slots", () => {
  /** How many executions of `ws` are claimed and not ended now. */
  async function claimedNow(ws: FreshWorkspace): Promise<number> {
    const [row] = await h.owner<{ n: number }[]>`
      select count(*)::int as n from workflow_executions where workspace_id = ${ws.workspaceId} and claimed_by is not null and run_at is not null`;
    return row?.n ?? 0;
  }
  /** The most executions of `ws` claimed at once, sampled every 20 ms for `ms`. */
  async function mostClaimed(ws: FreshWorkspace, ms: number): Promise<number> {
    let most = 0;
    for (const until = Date.now() + ms; Date.now() < until; await new Promise((r) => setTimeout(r, 20))) most = Math.max(most, await claimedNow(ws));
    return most;
  }

  it("lets a workspace alone use every slot, and holds it to NH_CONTENDED_WORKSPACE_SLOTS while another workspace is active", async () => {
    process.env.NH_WORKSPACE_BACKLOG_LIMIT = "0";
    process.env.NH_CONTENDED_WORKSPACE_SLOTS = "2";
    process.env.NH_WORKSPACE_ACTIVE_WINDOW_MS = "1000";
    await h.runJobs();
    const queue = await startExecutionQueue(h.handles.db, h.appUrl, { slots: 8 });
    try {
      // alone: six slow executions (300 ms each) run at once
      for (const r of await Promise.all(Array.from({ length: 6 }, () => fire(a, "slow")))) expect(r.status).toBe(202);
      expect(await mostClaimed(a, 250)).toBe(6);
      // they end (however long a loaded machine takes), then A's activity window (1 s) passes
      for (const until = Date.now() + 30_000; (await claimedNow(a)) > 0 && Date.now() < until; ) await new Promise((r) => setTimeout(r, 50));
      expect(await claimedNow(a)).toBe(0);
      await new Promise((r) => setTimeout(r, 1_200));
      // B becomes active (and stays so for the rest of the test, however slow the machine), then A
      // floods: A gets its share (2), not the six free slots
      process.env.NH_WORKSPACE_ACTIVE_WINDOW_MS = "60000";
      expect((await fire(b, "slow")).status).toBe(202);
      await new Promise((r) => setTimeout(r, 100));
      for (const r of await Promise.all(Array.from({ length: 6 }, () => fire(a, "slow")))) expect(r.status).toBe(202);
      const most = await mostClaimed(a, 600);
      expect(most).toBeGreaterThanOrEqual(1);
      expect(most).toBeLessThanOrEqual(2);
    } finally {
      await queue.stop();
    }
    await h.runJobs();
  });
});
