/**
 * The engine on a real database with the real job runner: DAG order and outputs, parallel
 * branches running at the same time, condition branches, retries with backoff, timeouts, cancellation,
 * version pinning, re-runs and the execution domain events. The third party is a real local
 * HTTP server (testing/sink.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Harness } from "../../testing/harness";
import { signUpWorkspace, type FreshWorkspace } from "../../testing/fixtures";
import type { Sink } from "./testing/sink";
import { createWorkflow, fireWebhook, getExecution, run, settle, openTestbed } from "./testing/helpers";
import { runExecution } from "./engine/run-execution";
import { runMaintenance } from "./engine/maintenance";
import { claimExecutions } from "./engine/queue";

let h: Harness;
let ws: FreshWorkspace;
let sink: Sink;
let n = 0;
const path = () => `engine-${++n}`;

let close: () => Promise<void>;
beforeAll(async () => {
  ({ h, ws, sink, close } = await openTestbed("Engine Co"));
});
afterAll(() => close());

// full sink URLs: another test file's worker may run these jobs (see testing/sink.ts)
const call = (id: string, body: unknown, extra: Record<string, unknown> = {}) => ({
  id,
  provider: "sink",
  action: "call",
  config: { path: `${sink.url}/${id}`, body },
  ...extra,
});
const inputOf = (id: string, body: unknown) => ({ path: `${sink.url}/${id}`, body });
const wf = async (steps: unknown[], extra: Record<string, unknown> = {}) => {
  const p = path();
  const created = await createWorkflow(h, ws.workspaceId, ws.apiKey, { name: `wf ${p}`, trigger: { type: "webhook", path: `/${p}` }, steps, ...extra });
  return { ...created, path: p };
};

describe("the DAG", () => {
  it("runs steps in dependency order and feeds outputs to later steps", async () => {
    const w = await wf([
      call("first", { name: "{{customer.name}}", n: "{{ trigger.count + 1 }}" }),
      call("second", { greeting: "Hello {{ steps.first.output.echo.name }}", n: "{{ steps.first.output.echo.n * 2 }}" }),
    ]);
    const id = await fireWebhook(h, ws.workspaceId, w.path, { customer: { name: "John Doe" }, count: 2 });
    const e = await settle(h, ws.workspaceId, ws.apiKey, id);
    expect(e.status).toBe("succeeded");
    expect(run(e, "first")!.input).toEqual(inputOf("first", { name: "John Doe", n: 3 }));
    expect(run(e, "second")!.input).toEqual(inputOf("second", { greeting: "Hello John Doe", n: 6 }));
    expect(Date.parse(run(e, "second")!.started_at!)).toBeGreaterThanOrEqual(Date.parse(run(e, "first")!.finished_at!));
    const [ev] = await h.owner`select type from domain_events where subject_id = ${id}`;
    expect(ev!.type).toBe("execution.succeeded");
  });

  it("runs independent branches at the same time and joins them", async () => {
    const w = await wf([
      call("root", {}),
      call("left", {}, { depends_on: ["root"], config: { path: `${sink.url}/slow-left`, body: {} } }),
      call("right", {}, { depends_on: ["root"], config: { path: `${sink.url}/slow-right`, body: {} } }),
      call("join", { l: "{{ steps.left.output.path }}", r: "{{ steps.right.output.path }}" }, { depends_on: ["left", "right"] }),
    ]);
    const id = await fireWebhook(h, ws.workspaceId, w.path, {});
    await runExecution(h.handles.db, { workspace_id: ws.workspaceId, execution_id: id });
    const e = await getExecution(h, ws.workspaceId, ws.apiKey, id);
    expect(e.status).toBe("succeeded");
    expect(run(e, "join")!.input).toEqual(inputOf("join", { l: "/slow-left", r: "/slow-right" }));
    // each branch waits 300 ms at the sink: they overlapped, and the join started after both
    const [l, r, j] = ["left", "right", "join"].map((s) => run(e, s)!);
    expect(Date.parse(l!.started_at!)).toBeLessThan(Date.parse(r!.finished_at!));
    expect(Date.parse(r!.started_at!)).toBeLessThan(Date.parse(l!.finished_at!));
    expect(Date.parse(j!.started_at!)).toBeGreaterThanOrEqual(Math.max(Date.parse(l!.finished_at!), Date.parse(r!.finished_at!)));
  });

  it("takes a condition's then or else branch and skips the other (seed: Process Support Ticket)", async () => {
    const w = await wf([
      { id: "classify", type: "condition", condition: "{{ticket.priority}} == 'high'", then: ["create_jira"], else: ["send_to_zendesk"] },
      call("create_jira", { summary: "{{ticket.title}}" }),
      call("send_to_zendesk", { subject: "{{ticket.title}}" }),
      call("notify_team", { text: "New {{ticket.priority}} priority ticket: {{ticket.title}}" }, { depends_on: ["classify"] }),
    ]);
    const high = await settle(h, ws.workspaceId, ws.apiKey, await fireWebhook(h, ws.workspaceId, w.path, { ticket: { priority: "high", title: "Down" } }));
    expect(high.status).toBe("succeeded");
    expect([run(high, "classify")!.output, run(high, "create_jira")!.status, run(high, "send_to_zendesk")!.status, run(high, "notify_team")!.status]).toEqual([
      { result: true, branch: "then" },
      "succeeded",
      "skipped",
      "succeeded",
    ]);
    const low = await settle(h, ws.workspaceId, ws.apiKey, await fireWebhook(h, ws.workspaceId, w.path, { ticket: { priority: "low", title: "Typo" } }));
    expect([run(low, "create_jira")!.status, run(low, "send_to_zendesk")!.status]).toEqual(["skipped", "succeeded"]);
    expect(run(low, "notify_team")!.input).toEqual(inputOf("notify_team", { text: "New low priority ticket: Typo" }));
  });

  it("fails the execution with the expression's error when a field is missing", async () => {
    const w = await wf([call("needs", { x: "{{ customer.missing_field }}" })]);
    const e = await settle(h, ws.workspaceId, ws.apiKey, await fireWebhook(h, ws.workspaceId, w.path, { customer: {} }));
    expect(e.status).toBe("failed");
    expect(e.error).toMatch(/step needs: .*missing_field/);
    const [ev] = await h.owner`select type from domain_events where subject_id = ${e.id}`;
    expect(ev!.type).toBe("execution.failed");
  });
});

describe("retries and timeouts", () => {
  it("retries a retryable failure with backoff and jitter, with one idempotency key", async () => {
    const w = await wf([call("flaky", {}, { retry: { max_attempts: 3, initial_delay_ms: 200 } })]);
    sink.failNext("/flaky", 2);
    const id = await fireWebhook(h, ws.workspaceId, w.path, {});
    // short delays are waited for inside the execution's job
    await runExecution(h.handles.db, { workspace_id: ws.workspaceId, execution_id: id });
    const e = await getExecution(h, ws.workspaceId, ws.apiKey, id);
    expect(e.status).toBe("succeeded");
    expect(run(e, "flaky")!.attempts).toBe(3);
    const calls = sink.requests.filter((r) => r.path === "/flaky");
    expect(calls).toHaveLength(3);
    expect(new Set(calls.map((c) => c.key))).toEqual(new Set([`${id}:flaky`]));
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(95); // 200 ms with equal jitter: at least 100
    expect(calls[2]!.at - calls[1]!.at).toBeGreaterThanOrEqual(190); // the second retry waits 400 ms ± jitter (≥ 200)
  });

  it("stores the due time of a later retry and makes the execution due again then, giving up its claim", async () => {
    const w = await wf([call("later", {}, { retry: { max_attempts: 2, initial_delay_ms: 60_000 } })]);
    sink.failNext("/later", 1);
    const id = await fireWebhook(h, ws.workspaceId, w.path, {});
    await runExecution(h.handles.db, { workspace_id: ws.workspaceId, execution_id: id });
    const [step] = await h.owner`select status, attempts, lease_until from workflow_step_runs where execution_id = ${id} and step_id = 'later'`;
    expect([step!.status, step!.attempts]).toEqual(["retrying", 1]);
    const due = new Date(step!.lease_until).getTime() - Date.now();
    expect(due).toBeGreaterThan(25_000); // 60 s with equal jitter: 30–60 s
    const [queued] = await h.owner`select run_at, claimed_by, lease_until from workflow_executions where id = ${id}`;
    expect(new Date(queued!.run_at).getTime()).toBe(new Date(step!.lease_until).getTime());
    expect([queued!.claimed_by, queued!.lease_until]).toEqual([null, null]);
    await h.runJobs(); // not due yet: nothing runs
    expect(sink.requests.filter((r) => r.path === "/later")).toHaveLength(1);
    await h.owner`update workflow_step_runs set lease_until = now() where execution_id = ${id}`;
    await h.owner`update workflow_executions set run_at = now() where id = ${id}`;
    const e = await settle(h, ws.workspaceId, ws.apiKey, id);
    expect([e.status, run(e, "later")!.attempts]).toEqual(["succeeded", 2]);
  });

  it("gives up after max_attempts, and does not retry a non-retryable error", async () => {
    const w = await wf([call("down", {}, { retry: { max_attempts: 2, initial_delay_ms: 10 } })]);
    sink.failNext("/down", 5);
    const e = await settle(h, ws.workspaceId, ws.apiKey, await fireWebhook(h, ws.workspaceId, w.path, {}));
    expect([e.status, run(e, "down")!.attempts, run(e, "down")!.error]).toEqual(["failed", 2, "sink answered 503"]);
    const w2 = await wf([call("bad", {}, { retry: { max_attempts: 5, initial_delay_ms: 10 } })]);
    sink.failNext("/bad", 5, 422);
    const e2 = await settle(h, ws.workspaceId, ws.apiKey, await fireWebhook(h, ws.workspaceId, w2.path, {}));
    expect([e2.status, run(e2, "bad")!.attempts]).toEqual(["failed", 1]);
  });

  it("ends a step at its timeout, and an execution at its deadline", async () => {
    const w = await wf([{ id: "slow", provider: "sink", action: "call", config: { path: `${sink.url}/hang` }, timeout: "300ms" }]);
    const e = await settle(h, ws.workspaceId, ws.apiKey, await fireWebhook(h, ws.workspaceId, w.path, {}));
    expect(e.status).toBe("failed");
    expect(run(e, "slow")!.error).toMatch(/timed out after 300 ms/);
    const w2 = await wf([call("late", {})], { timeout: "1h" });
    const id = await fireWebhook(h, ws.workspaceId, w2.path, {});
    await h.owner`update workflow_executions set deadline_at = now() - interval '1 second' where id = ${id}`;
    const e2 = await settle(h, ws.workspaceId, ws.apiKey, id);
    expect([e2.status, e2.error]).toEqual(["failed", "step late: the execution timed out"]);
  });
});

describe("cancellation, versions and re-runs", () => {
  it("cancels an execution: waiting steps never run", async () => {
    const w = await wf([call("wait", {}, { retry: { max_attempts: 3, initial_delay_ms: 60_000 } }), call("after", {})]);
    sink.failNext("/wait", 1);
    const id = await fireWebhook(h, ws.workspaceId, w.path, {});
    await h.runJobs();
    expect(run(await getExecution(h, ws.workspaceId, ws.apiKey, id), "wait")!.status).toBe("retrying");
    const res = await h.call("POST", `/api/v1/workspaces/${ws.workspaceId}/executions/${id}/cancel`, { token: ws.apiKey });
    expect(res.status).toBe(204);
    expect((await h.owner`select run_at from workflow_executions where id = ${id}`)[0]!.run_at).toBeNull(); // no longer queued
    await h.owner`update workflow_step_runs set lease_until = now() where execution_id = ${id}`;
    const e = await settle(h, ws.workspaceId, ws.apiKey, id);
    expect([e.status, run(e, "wait")!.status, run(e, "after")]).toEqual(["cancelled", "cancelled", undefined]);
    expect(sink.requests.filter((r) => r.path === "/wait")).toHaveLength(1);
    expect((await h.call("POST", `/api/v1/workspaces/${ws.workspaceId}/executions/${id}/cancel`, { token: ws.apiKey })).status).toBe(409);
  });

  it("pins an execution to the version it started on", async () => {
    const w = await wf([call("pinned", { v: "one" })]);
    const first = await fireWebhook(h, ws.workspaceId, w.path, {});
    const def = { name: "pinned v2", trigger: { type: "webhook", path: `/${w.path}` }, steps: [call("pinned", { v: "two" })] };
    expect((await h.call("PUT", `/api/v1/workspaces/${ws.workspaceId}/workflows/${w.id}`, { token: ws.apiKey, body: def })).status).toBe(200);
    expect((await h.call("POST", `/api/v1/workspaces/${ws.workspaceId}/workflows/${w.id}/publish`, { token: ws.apiKey })).status).toBe(200);
    const second = await fireWebhook(h, ws.workspaceId, w.path, {});
    const [e1, e2] = [await settle(h, ws.workspaceId, ws.apiKey, first), await settle(h, ws.workspaceId, ws.apiKey, second)];
    expect([e1.version, run(e1, "pinned")!.input]).toEqual([1, inputOf("pinned", { v: "one" })]);
    expect([e2.version, run(e2, "pinned")!.input]).toEqual([2, inputOf("pinned", { v: "two" })]);
  });

  it("re-runs from the failed step reusing earlier outputs, or from the start", async () => {
    const w = await wf([call("ok", { x: 1 }), call("breaks", { from: "{{ steps.ok.output.path }}" })]);
    sink.failNext("/breaks", 1, 400);
    const failed = await settle(h, ws.workspaceId, ws.apiKey, await fireWebhook(h, ws.workspaceId, w.path, { k: 1 }));
    expect(failed.status).toBe("failed");
    const okCalls = () => sink.requests.filter((r) => r.key?.startsWith("") && r.path === "/ok").length;
    const before = okCalls();
    const rr = await h.call("POST", `/api/v1/workspaces/${ws.workspaceId}/executions/${failed.id}/rerun`, { token: ws.apiKey, body: { from: "failed_step" } });
    expect(rr.status).toBe(202);
    const again = await settle(h, ws.workspaceId, ws.apiKey, ((await rr.json()) as { execution_id: string }).execution_id);
    expect([again.status, run(again, "ok")!.reused, run(again, "breaks")!.input]).toEqual(["succeeded", true, inputOf("breaks", { from: "/ok" })]);
    expect(okCalls()).toBe(before);
    const full = await h.call("POST", `/api/v1/workspaces/${ws.workspaceId}/executions/${failed.id}/rerun`, { token: ws.apiKey, body: { from: "start" } });
    const fromStart = await settle(h, ws.workspaceId, ws.apiKey, ((await full.json()) as { execution_id: string }).execution_id);
    expect([fromStart.status, run(fromStart, "ok")!.reused]).toEqual(["succeeded", false]);
    expect(okCalls()).toBe(before + 1);
  });
});

describe("durability and retention", () => {
  it("resumes an execution at the step whose worker died once its lease runs out, without re-running finished steps", async () => {
    const w = await wf([call("done_before", {}), call("in_flight", { v: "{{ steps.done_before.output.path }}" })]);
    const id = await fireWebhook(h, ws.workspaceId, w.path, {});
    await settle(h, ws.workspaceId, ws.apiKey, id);
    // rewind to the moment a worker had called in_flight and was killed (-9) before storing the
    // outcome: the step is `running`, the execution active and claimed by that worker
    await h.owner`update workflow_step_runs set status = 'running', output = null, finished_at = null, started_at = now() - interval '2 minutes', lease_until = now() + interval '1 minute'
      where execution_id = ${id} and step_id = 'in_flight'`;
    await h.owner`update workflow_executions set status = 'running', finished_at = null, run_at = now() - interval '2 minutes',
      claimed_by = 'worker-killed', lease_until = now() + interval '1 minute' where id = ${id}`;
    await h.runJobs(); // its lease still holds: nobody takes it over
    expect((await getExecution(h, ws.workspaceId, ws.apiKey, id)).status).toBe("running");
    expect(sink.requests.filter((r) => r.key === `${id}:in_flight`)).toHaveLength(1);
    // the dead worker's heartbeat stops: once its lease has run out, the next claim takes it over
    await h.owner`update workflow_executions set lease_until = now() - interval '1 millisecond' where id = ${id}`;
    const e = await settle(h, ws.workspaceId, ws.apiKey, id);
    expect([e.status, run(e, "in_flight")!.input, run(e, "in_flight")!.attempts]).toEqual(["succeeded", inputOf("in_flight", { v: "/done_before" }), 1]);
    expect(sink.requests.filter((r) => r.key === `${id}:done_before`)).toHaveLength(1);
    // the interrupted attempt ran again with the same idempotency key
    expect(sink.requests.filter((r) => r.key === `${id}:in_flight`)).toHaveLength(2);
    const [row] = await h.owner`select run_at, claimed_by, lease_until from workflow_executions where id = ${id}`;
    expect(row).toEqual({ run_at: null, claimed_by: null, lease_until: null });
  });

  it("leaves an execution that a live worker holds to it, and a worker that lost its claim writes nothing", async () => {
    const w = await wf([call("claimed", {})]);
    const id = await fireWebhook(h, ws.workspaceId, w.path, {});
    await h.owner`update workflow_executions set claimed_by = 'worker-busy', lease_until = now() + interval '1 minute' where id = ${id}`;
    await runExecution(h.handles.db, { workspace_id: ws.workspaceId, execution_id: id }); // cannot claim it
    await runExecution(h.handles.db, { workspace_id: ws.workspaceId, execution_id: id }, { worker: "worker-stale" }); // fenced
    await h.runJobs();
    expect((await getExecution(h, ws.workspaceId, ws.apiKey, id)).step_runs).toEqual([]);
    expect(sink.requests.filter((r) => r.key === `${id}:claimed`)).toHaveLength(0);
    await h.owner`update workflow_executions set lease_until = now() - interval '1 millisecond' where id = ${id}`;
    expect((await settle(h, ws.workspaceId, ws.apiKey, id)).status).toBe("succeeded");
  });

  it("prunes finished executions past the plan's retention (free: 7 days) with their step runs", async () => {
    const w = await wf([call("old", {})]);
    const [oldId, newId] = [await fireWebhook(h, ws.workspaceId, w.path, {}), await fireWebhook(h, ws.workspaceId, w.path, {})];
    await settle(h, ws.workspaceId, ws.apiKey, oldId);
    await settle(h, ws.workspaceId, ws.apiKey, newId);
    await h.owner`update workflow_executions set created_at = now() - interval '8 days' where id = ${oldId}`;
    expect((await runMaintenance(h.handles.db)).pruned).toBeGreaterThanOrEqual(1);
    expect(await h.owner`select id from workflow_executions where id in (${oldId}, ${newId})`).toEqual([{ id: newId }]);
    expect(await h.owner`select 1 from workflow_step_runs where execution_id = ${oldId}`).toHaveLength(0);
  });

  it("claims round-robin across workspaces, so a flooding workspace does not keep another's waiting (fairness)", async () => {
    await h.runJobs();
    const other = await signUpWorkspace(h, "Quiet Co");
    const flood = await wf([call("flood", {})]);
    const quietPath = path();
    await createWorkflow(h, other.workspaceId, other.apiKey, {
      name: "quiet",
      trigger: { type: "webhook", path: `/${quietPath}` },
      steps: [call("quiet", {})],
    });
    const flooded: string[] = [];
    for (let i = 0; i < 6; i++) flooded.push(await fireWebhook(h, ws.workspaceId, flood.path, {}));
    const quiet = await fireWebhook(h, other.workspaceId, quietPath, {}); // the newest of all
    const first = await claimExecutions(h.handles.db, "fair-worker", 2);
    expect(first.map((c) => c.workspaceId).sort()).toEqual([ws.workspaceId, other.workspaceId].sort());
    expect(first.map((c) => c.id)).toContain(quiet);
    await h.owner`update workflow_executions set claimed_by = null, lease_until = null where claimed_by = 'fair-worker'`;
    // this process already runs 3 of the flooding workspace's: one free slot goes to the other
    const one = await claimExecutions(h.handles.db, "fair-worker", 1, [], new Map([[ws.workspaceId, 3]]));
    expect(one.map((c) => c.id)).toEqual([quiet]);
    // with the other workspace served, the flood's oldest come next, in order
    const next = await claimExecutions(h.handles.db, "fair-worker", 2);
    expect(next.map((c) => c.id)).toEqual(flooded.slice(0, 2));
    await h.owner`update workflow_executions set claimed_by = null, lease_until = null where claimed_by = 'fair-worker'`;
    await h.runJobs();
    for (const id of [...flooded, quiet]) expect((await h.owner`select status from workflow_executions where id = ${id}`)[0]!.status).toBe("succeeded");
  });
});
