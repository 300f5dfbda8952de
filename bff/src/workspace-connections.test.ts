/**
 * Issue #14 parts 1 and 4 end to end, against real PostgreSQL and the real job runner: whose
 * connection a provider step uses (workspace connection for schedule- and event-triggered runs, an
 * end user named by an expression, no connection, no consent), the publish warning, test keys and
 * the workspace's test mode (test executions marked and listed apart, provider calls answered by
 * the sandbox and recorded, errors on demand), and every new route from another workspace's side.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openHarness, type Harness } from "./testing/harness";
import { expectProblem, signUpWorkspace, type FreshWorkspace } from "./testing/fixtures";
import { givenConnection, startProviderServer, type ProviderServer } from "./contexts/integrations/test-support";
import { withWorkspace } from "./db/tenant";
import { upsertEndUser } from "./contexts/integrations";

let h: Harness;
let api: ProviderServer;
let ws: FreshWorkspace;
let other: FreshWorkspace;

beforeAll(async () => {
  h = await openHarness();
  api = await startProviderServer();
  process.env.PROVIDER_SLACK_BASE_URL = `${api.url}/slack`;
  ws = await signUpWorkspace(h, "Conn Co");
  other = await signUpWorkspace(h, "Other Co");
});
afterAll(async () => {
  await api.close();
  await h.close();
});

const base = (w: FreshWorkspace) => `/api/v1/workspaces/${w.workspaceId}`;
const slackStep = (extra: Record<string, unknown> = {}) => ({
  id: "post",
  provider: "slack",
  action: "send_message",
  config: { channel: "#ops", text: "hi {{ trigger.who }}" },
  ...extra,
});
const anyone = { who: "someone" };

async function create(w: FreshWorkspace, def: Record<string, unknown>, token = w.apiKey) {
  const res = await h.call("POST", `${base(w)}/workflows`, { token, body: def });
  const text = await res.text();
  expect({ status: res.status, text }).toMatchObject({ status: 201 });
  return JSON.parse(text) as { id: string; warnings?: { pointer: string; detail: string }[] };
}

async function runNow(w: FreshWorkspace, id: string, payload: unknown, token = w.apiKey): Promise<string> {
  const res = await h.call("POST", `${base(w)}/workflows/${id}/run`, { token, body: { payload } });
  expect(res.status).toBe(202);
  return ((await res.json()) as { execution_id: string }).execution_id;
}

interface Exec {
  id: string;
  status: string;
  test: boolean;
  error: string | null;
  step_runs: { step_id: string; status: string; output: unknown; error: string | null; attempts: number }[];
}
async function settle(w: FreshWorkspace, id: string): Promise<Exec> {
  const until = Date.now() + 15_000;
  for (;;) {
    await h.runJobs();
    const res = await h.call("GET", `${base(w)}/executions/${id}`, { token: w.apiKey });
    expect(res.status).toBe(200);
    const e = (await res.json()) as Exec;
    if (!["queued", "running"].includes(e.status) || Date.now() > until) return e;
    await new Promise((r) => setTimeout(r, 40));
  }
}

const slackCalls = () => api.requests.filter((r) => r.path === "/slack/chat.postMessage");

describe("workspace connections (part 1)", () => {
  it("a schedule-triggered run with no end user uses the workspace's connection", async () => {
    await givenConnection(h, ws.workspaceId, null as unknown as string, "slack", "workspace-slack-token");
    api.respond(() => ({ json: { ok: true, channel: "C1", ts: "1.2" } }));
    const w = await create(ws, {
      name: "Every 5 minutes",
      trigger: { type: "schedule", cron: "*/5 * * * *", timezone: "UTC" },
      steps: [slackStep({ config: { channel: "#ops", text: "tick {{ trigger.scheduled_at }}" } })],
    });
    expect(w.warnings).toEqual([]);
    await h.owner`update workflows set schedule_last_tick = now() - interval '6 minutes' where id = ${w.id}`;
    await h.owner`update graphile_worker._private_jobs set run_at = now() where key = ${`schedule:${w.id}`}`;
    const before = slackCalls().length;
    await h.runJobs();
    const [row] = await h.owner`select id from workflow_executions where workflow_id = ${w.id}`;
    const e = await settle(ws, row!.id as string);
    expect(e.status).toBe("succeeded");
    expect(e.test).toBe(false);
    const call = slackCalls()[before]!;
    expect(call.headers.authorization).toBe("Bearer workspace-slack-token");
  });

  it("an event-triggered run uses the workspace's connection too", async () => {
    const source = await create(ws, {
      name: "Source",
      trigger: { type: "manual" },
      steps: [{ id: "t", provider: "core", action: "transform", config: { a: 1 } }],
    });
    const follower = await create(ws, {
      name: "Follower",
      trigger: { type: "event", event: "execution.succeeded" },
      steps: [slackStep({ config: { channel: "#ops", text: "done {{ trigger.execution_id }}" } })],
    });
    const id = await runNow(ws, source.id, {});
    expect((await settle(ws, id)).status).toBe("succeeded");
    await h.runJobs();
    await h.drainEvents();
    await h.runJobs();
    const [row] = await h.owner`select id from workflow_executions where workflow_id = ${follower.id} and trigger_payload->>'execution_id' = ${id}`;
    const e = await settle(ws, row!.id as string);
    expect(e.status).toBe("succeeded");
    expect(slackCalls().at(-1)!.headers.authorization).toBe("Bearer workspace-slack-token");
    // it would follow every later execution of this workspace
    expect((await h.call("POST", `${base(ws)}/workflows/${follower.id}/disable`, { token: ws.apiKey })).status).toBe(200);
  });

  it("an explicit end user expression picks that end user's connection", async () => {
    const euId = await withWorkspace(h.handles.db, ws.workspaceId, async (tx) => (await upsertEndUser(tx, ws.workspaceId, "owner_42")).id);
    await givenConnection(h, ws.workspaceId, euId, "slack", "end-user-slack-token");
    const w = await create(ws, { name: "Per owner", trigger: { type: "manual" }, connection: { end_user: "{{ lead.owner_id }}" }, steps: [slackStep()] });
    const e = await settle(ws, await runNow(ws, w.id, { ...anyone, lead: { owner_id: "owner_42" } }));
    expect(e.status).toBe("succeeded");
    expect(slackCalls().at(-1)!.headers.authorization).toBe("Bearer end-user-slack-token");
    // a step's own choice overrides the workflow's
    const w2 = await create(ws, {
      name: "Step says workspace",
      trigger: { type: "manual" },
      connection: { end_user: "{{ lead.owner_id }}" },
      steps: [slackStep({ connection: "workspace" })],
    });
    expect((await settle(ws, await runNow(ws, w2.id, { ...anyone, lead: { owner_id: "owner_42" } }))).status).toBe("succeeded");
    expect(slackCalls().at(-1)!.headers.authorization).toBe("Bearer workspace-slack-token");
    // an expression that gives nothing fails the step clearly
    const e3 = await settle(ws, await runNow(ws, w.id, { ...anyone, lead: {} }));
    expect(e3.status).toBe("failed");
    expect(e3.step_runs[0]!.error).toMatch(/^not_connected: the step's connection/);
  });

  it("no connection fails the step with not_connected, and publishing warns about it", async () => {
    const w = await create(other, { name: "No Slack yet", trigger: { type: "manual" }, steps: [slackStep()] });
    expect(w.warnings).toHaveLength(1);
    expect(w.warnings![0]).toMatchObject({ pointer: "#/steps/0/provider" });
    expect(w.warnings![0]!.detail).toMatch(/has not connected slack yet/);
    const v = await h.call("POST", `${base(other)}/workflows/validate`, {
      token: other.apiKey,
      body: { name: "x", trigger: { type: "manual" }, steps: [slackStep()] },
    });
    expect((await v.json()) as { errors: unknown[]; warnings: unknown[] }).toMatchObject({ errors: [], warnings: [{ pointer: "#/steps/0/provider" }] });
    const e = await settle(other, await runNow(other, w.id, anyone));
    expect(e.status).toBe("failed");
    expect(e.step_runs[0]!.error).toMatch(/^not_connected: this run has no end user and the workspace has not connected slack/);
  });

  it("an end user who has not consented fails the step with consent_required", async () => {
    const put = await h.call("PUT", `${base(ws)}/purposes`, {
      token: ws.apiKey,
      body: { key: "alerts", title: "Alerts", notice: "We post alerts to your Slack.", providers: ["slack"] },
    });
    expect(put.status).toBeLessThan(300);
    const euId = await withWorkspace(h.handles.db, ws.workspaceId, async (tx) => (await upsertEndUser(tx, ws.workspaceId, "no_consent")).id);
    await givenConnection(h, ws.workspaceId, euId, "slack", "nc-token");
    const w = await create(ws, { name: "Needs consent", trigger: { type: "manual" }, connection: { end_user: "{{ who }}" }, steps: [slackStep()] });
    const e = await settle(ws, await runNow(ws, w.id, { who: "no_consent" }));
    expect(e.status).toBe("failed");
    expect(e.step_runs[0]!.error).toMatch(/^consent_required/);
  });
});

describe("test mode and the sandbox (part 4)", () => {
  it("a test key starts test executions answered by the sandbox; a live key does not", async () => {
    const res = await h.call("POST", `${base(other)}/api-keys`, {
      token: await h.signIn(other.email, other.password),
      body: { name: "Test key", mode: "test" },
    });
    expect(res.status).toBe(201);
    const key = (await res.json()) as { key: string; mode: string; prefix: string };
    expect(key.key).toMatch(/^nhood_sk_test_/);
    expect(key).toMatchObject({ mode: "test" });
    const w = await create(other, { name: "Sandboxed", trigger: { type: "manual" }, steps: [slackStep()] });
    const before = api.requests.length;
    const e = await settle(other, await runNow(other, w.id, { who: "Ada" }, key.key));
    expect(e).toMatchObject({ status: "succeeded", test: true });
    expect(e.step_runs[0]!.output).toMatchObject({ ok: true, message: { text: "hi Ada" } });
    expect(api.requests.length).toBe(before); // nothing left the process
    const sb = await h.call("GET", `${base(other)}/sandbox/requests?execution_id=${e.id}`, { token: other.apiKey });
    const page = (await sb.json()) as {
      items: { provider: string; action: string; path: string; status: number; request_body: unknown; connection: string }[];
    };
    expect(page.items).toEqual([
      expect.objectContaining({
        provider: "slack",
        action: "send_message",
        path: "/api/chat.postMessage",
        status: 200,
        connection: "workspace",
        request_body: { channel: "#ops", text: "hi Ada" },
      }),
    ]);
    // the live key of the same workspace: a live execution, which has no connection
    const live = await settle(other, await runNow(other, w.id, { who: "Bo" }));
    expect(live).toMatchObject({ status: "failed", test: false });
  });

  it("a workspace in test mode marks its executions and lists them apart from live ones", async () => {
    const token = await h.signIn(other.email, other.password);
    expect(await (await h.call("GET", `${base(other)}/test-mode`, { token })).json()).toEqual({ test_mode: false });
    const put = await h.call("PUT", `${base(other)}/test-mode`, { token, body: { test_mode: true } });
    expect(await put.json()).toEqual({ test_mode: true });
    const w = await create(other, { name: "In test mode", trigger: { type: "manual" }, steps: [slackStep()] });
    const e = await settle(other, await runNow(other, w.id, { who: "Cy" }));
    expect(e).toMatchObject({ status: "succeeded", test: true });
    const liveList = (await (await h.call("GET", `${base(other)}/executions`, { token })).json()) as { items: { id: string; test: boolean }[] };
    const testList = (await (await h.call("GET", `${base(other)}/executions?mode=test`, { token })).json()) as { items: { id: string; test: boolean }[] };
    expect(liveList.items.map((i) => i.id)).not.toContain(e.id);
    expect(liveList.items.every((i) => !i.test)).toBe(true);
    expect(testList.items.map((i) => i.id)).toContain(e.id);
    expect(testList.items.every((i) => i.test)).toBe(true);
    // a sandbox connection with one click, only in test mode; it then clears the publish warning
    const sc = await h.call("POST", `${base(other)}/connections`, { token, body: { provider: "slack", sandbox: true } });
    expect(sc.status).toBe(201);
    expect(await sc.json()).toMatchObject({ provider: "slack", sandbox: true, status: "active" });
    expect((await create(other, { name: "Warned no more", trigger: { type: "manual" }, steps: [slackStep()] })).warnings).toEqual([]);
    await h.call("PUT", `${base(other)}/test-mode`, { token, body: { test_mode: false } });
    await expectProblem(await h.call("POST", `${base(other)}/connections`, { token, body: { provider: "jira", sandbox: true } }), 400);
    // a live run over a sandbox connection never leaves the sandbox: it fails clearly
    const live = await settle(other, await runNow(other, w.id, { who: "Di" }));
    expect(live.step_runs[0]!.error).toMatch(/^sandbox_connection/);
  });

  it("answers errors on demand in the provider's format (sandbox_fail in the step's config)", async () => {
    const res = await h.call("POST", `${base(other)}/api-keys`, {
      token: await h.signIn(other.email, other.password),
      body: { name: "Test key 2", mode: "test" },
    });
    const key = ((await res.json()) as { key: string }).key;
    const w = await create(other, {
      name: "Fails on demand",
      trigger: { type: "manual" },
      steps: [slackStep({ config: { channel: "#ops", text: "x", sandbox_fail: 429 }, retry: { max_attempts: 2, initial_delay_ms: 0 } })],
    });
    const e = await settle(other, await runNow(other, w.id, anyone, key));
    expect(e.status).toBe("failed");
    expect(e.step_runs[0]).toMatchObject({ attempts: 2 });
    expect(e.step_runs[0]!.error).toMatch(/slack answered 429: \{"ok":false,"error":"ratelimited"\}/);
  });
});

describe("another workspace's side of every new route", () => {
  it("cannot read or change this workspace's connections, sandbox record or test mode", async () => {
    const token = await h.signIn(other.email, other.password);
    for (const [method, path, body] of [
      ["GET", "/connections"],
      ["POST", "/connections", { provider: "slack", sandbox: true }],
      ["POST", "/connections/slack/authorize", {}],
      ["GET", "/sandbox/requests"],
      ["GET", "/test-mode"],
      ["PUT", "/test-mode", { test_mode: true }],
    ] as [string, string, unknown?][]) {
      for (const t of [token, other.apiKey]) {
        const res = await h.call(method, `${base(ws)}${path}`, { token: t, body });
        expect([403, 404]).toContain(res.status);
      }
    }
    const [conn] = await h.owner`select id from connections where workspace_id = ${ws.workspaceId} and end_user_id is null`;
    // another workspace's connection id through one's own workspace: 404, and it stays
    await expectProblem(await h.call("DELETE", `${base(other)}/connections/${conn!.id}`, { token: other.apiKey }), 404);
    const mine = (await (await h.call("GET", `${base(ws)}/connections`, { token: ws.apiKey })).json()) as { items: { id: string }[] };
    expect(mine.items.map((i) => i.id)).toContain(conn!.id);
    const sb = (await (await h.call("GET", `${base(other)}/sandbox/requests`, { token: other.apiKey })).json()) as { items: { id: string }[] };
    const theirs = await h.owner`select id from sandbox_requests where workspace_id = ${ws.workspaceId}`;
    expect(sb.items.some((i) => theirs.some((t) => t.id === i.id))).toBe(false);
    expect(await (await h.call("GET", `${base(ws)}/test-mode`, { token: await h.signIn(ws.email, ws.password) })).json()).toEqual({ test_mode: false });
    // and its owner disconnects it
    expect((await h.call("DELETE", `${base(ws)}/connections/${conn!.id}`, { token: ws.apiKey })).status).toBe(204);
  });
});
