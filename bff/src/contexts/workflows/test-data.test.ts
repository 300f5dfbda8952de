/**
 * The editor's test data (issue #14 part 5): pinning a sample payload (and unpinning it), bad
 * input named by field, test runs without a payload reusing the pinned one, the last test run with
 * its step runs' inputs and outputs, and Globex's side against Acme's workflow.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Harness } from "../../testing/harness";
import { expectProblem, pointers, type FreshWorkspace } from "../../testing/fixtures";
import { createWorkflow, fireWebhook, openTestbed, settle } from "./testing/helpers";

let h: Harness;
let ws: FreshWorkspace;
let close: () => Promise<void>;
const api = (p: string) => `/api/v1/workspaces/${ws.workspaceId}${p}`;

beforeAll(async () => {
  ({ h, ws, close } = await openTestbed("Test Data Co"));
});
afterAll(() => close());

/** A webhook workflow whose two transform steps read the trigger payload and the step before. */
const GREETING = (path: string) => ({
  name: `Greeting ${path}`,
  trigger: { type: "webhook", path: `/${path}` },
  steps: [
    { id: "greet", provider: "core", action: "transform", config: { text: "Hello {{ customer.name }}" } },
    { id: "shout", provider: "core", action: "transform", config: { text: "{{ steps.greet.output.text + '!' }}" } },
  ],
});

interface TestData {
  sample_payload: { payload: Record<string, unknown> | null; pinned_at: string | null };
  last_run: null | {
    id: string;
    trigger_type: string;
    trigger_payload: unknown;
    step_runs: { step_id: string; status: string; input: unknown; output: unknown }[];
  };
}

const testData = async (id: string, token = ws.apiKey) => {
  const res = await h.call("GET", api(`/workflows/${id}/test-data`), { token });
  expect(res.status).toBe(200);
  return (await res.json()) as TestData;
};

describe("sample payload", () => {
  it("pins a sample payload, answers it with the test data, and unpins it with null", async () => {
    const wf = await createWorkflow(h, ws.workspaceId, ws.apiKey, GREETING("pin"));
    expect(await testData(wf.id)).toEqual({ sample_payload: { payload: null, pinned_at: null }, last_run: null });
    const sample = { customer: { name: "Ada Lovelace", email: "ada@example.com" }, tags: ["vip"] };
    const res = await h.call("PUT", api(`/workflows/${wf.id}/sample-payload`), { token: ws.apiKey, body: { payload: sample } });
    expect(res.status).toBe(200);
    const pinned = (await res.json()) as TestData["sample_payload"];
    expect(pinned).toEqual({ payload: sample, pinned_at: expect.any(String) });
    expect((await testData(wf.id)).sample_payload).toEqual(pinned);
    const [row] = await h.owner`select sample_payload from workflows where id = ${wf.id}`;
    expect(row!.sample_payload).toEqual(sample);
    const [event] = await h.owner`select payload from domain_events where subject_id = ${wf.id} and type = 'workflow.sample_payload_pinned'`;
    expect(event!.payload).toEqual({ workflow_id: wf.id, pinned: true });

    const unpin = await h.call("PUT", api(`/workflows/${wf.id}/sample-payload`), { token: ws.apiKey, body: { payload: null } });
    expect(await unpin.json()).toEqual({ payload: null, pinned_at: null });
    expect((await testData(wf.id)).sample_payload.payload).toBeNull();
  });

  it("answers 400 naming #/payload for anything but a JSON object of at most 64 KiB, and keeps the pinned one", async () => {
    const wf = await createWorkflow(h, ws.workspaceId, ws.apiKey, GREETING("bad-pin"));
    await h.call("PUT", api(`/workflows/${wf.id}/sample-payload`), { token: ws.apiKey, body: { payload: { kept: true } } });
    for (const body of [{ payload: [1, 2] }, { payload: "text" }, { payload: 3 }, {}, { payload: { big: "x".repeat(70_000) } }]) {
      const p = await expectProblem(await h.call("PUT", api(`/workflows/${wf.id}/sample-payload`), { token: ws.apiKey, body }), 400);
      expect(pointers(p)).toEqual(["#/payload"]);
    }
    expect((await testData(wf.id)).sample_payload.payload).toEqual({ kept: true });
    await expectProblem(await h.call("PUT", api(`/workflows/not-a-uuid/sample-payload`), { token: ws.apiKey, body: { payload: {} } }), 400);
    await expectProblem(await h.call("PUT", api(`/workflows/${crypto.randomUUID()}/sample-payload`), { token: ws.apiKey, body: { payload: {} } }), 404);
    await expectProblem(await h.call("GET", api(`/workflows/${crypto.randomUUID()}/test-data`), { token: ws.apiKey }), 404);
  });
});

describe("test runs and the last run", () => {
  it("runs with the pinned sample payload when the run names none, and with the given one when it does", async () => {
    const wf = await createWorkflow(h, ws.workspaceId, ws.apiKey, GREETING("reuse"));
    await h.call("PUT", api(`/workflows/${wf.id}/sample-payload`), { token: ws.apiKey, body: { payload: { customer: { name: "Grace" } } } });
    for (const body of [{}, undefined]) {
      const res = await h.call("POST", api(`/workflows/${wf.id}/run`), { token: ws.apiKey, body });
      expect(res.status).toBe(202);
      const e = await settle(h, ws.workspaceId, ws.apiKey, ((await res.json()) as { execution_id: string }).execution_id);
      expect(e.status).toBe("succeeded");
      expect(e.step_runs.map((r) => r.output)).toEqual([{ text: "Hello Grace" }, { text: "Hello Grace!" }]);
    }
    const explicit = await h.call("POST", api(`/workflows/${wf.id}/run`), { token: ws.apiKey, body: { payload: { customer: { name: "Alan" } } } });
    const e = await settle(h, ws.workspaceId, ws.apiKey, ((await explicit.json()) as { execution_id: string }).execution_id);
    expect(e.step_runs.map((r) => r.output)).toEqual([{ text: "Hello Alan" }, { text: "Hello Alan!" }]);
    // nothing pinned: an empty payload, as before
    await h.call("PUT", api(`/workflows/${wf.id}/sample-payload`), { token: ws.apiKey, body: { payload: null } });
    const bare = await h.call("POST", api(`/workflows/${wf.id}/run`), { token: ws.apiKey, body: {} });
    const b = await settle(h, ws.workspaceId, ws.apiKey, ((await bare.json()) as { execution_id: string }).execution_id);
    const [row] = await h.owner`select trigger_payload from workflow_executions where id = ${b.id}`;
    expect(row!.trigger_payload).toEqual({});
  });

  it("answers the newest test run with every step run's input and output, not a live webhook run", async () => {
    const wf = await createWorkflow(h, ws.workspaceId, ws.apiKey, GREETING("last-run"));
    const res = await h.call("POST", api(`/workflows/${wf.id}/run`), { token: ws.apiKey, body: { payload: { customer: { name: "Katherine" } } } });
    const manual = await settle(h, ws.workspaceId, ws.apiKey, ((await res.json()) as { execution_id: string }).execution_id);
    // a live webhook execution afterwards is not a test run
    await settle(h, ws.workspaceId, ws.apiKey, await fireWebhook(h, ws.workspaceId, "last-run", { customer: { name: "Live Customer" } }));
    const { last_run } = await testData(wf.id);
    expect(last_run).toMatchObject({ id: manual.id, trigger_type: "manual", trigger_payload: { customer: { name: "Katherine" } } });
    expect(last_run!.step_runs).toEqual([
      expect.objectContaining({ step_id: "greet", status: "succeeded", input: { text: "Hello Katherine" }, output: { text: "Hello Katherine" } }),
      expect.objectContaining({ step_id: "shout", status: "succeeded", input: { text: "Hello Katherine!" }, output: { text: "Hello Katherine!" } }),
    ]);
  });

  it("counts a test-mode execution as a test run (the demo's seeded day of executions)", async () => {
    const dev = await h.signIn("dev@acme.test");
    const list = await h.call("GET", `/api/v1/workspaces/${h.acmeId}/workflows`, { token: dev });
    const welcome = ((await list.json()) as { items: { id: string; name: string }[] }).items.find((w) => w.name === "Welcome New Customer");
    expect(welcome).toBeTruthy();
    const res = await h.call("GET", `/api/v1/workspaces/${h.acmeId}/workflows/${welcome!.id}/test-data`, { token: dev });
    expect(res.status).toBe(200);
    const body = (await res.json()) as TestData;
    expect(body.last_run).toMatchObject({ trigger_payload: { customer: { first_name: expect.any(String) } } });
    expect(body.last_run!.step_runs.map((r) => r.step_id)).toEqual(["slack_send_message", "salesforce_create_lead"]);
  });
});

describe("access", () => {
  it("answers 403/404 to Globex on Acme's workflow and changes nothing", async () => {
    const dev = await h.signIn("dev@acme.test");
    const acmeWf = await createWorkflow(h, h.acmeId, dev, {
      name: "Acme sample",
      trigger: { type: "manual" },
      steps: [{ id: "t", provider: "core", action: "transform", config: {} }],
    });
    await h.call("PUT", `/api/v1/workspaces/${h.acmeId}/workflows/${acmeWf.id}/sample-payload`, { token: dev, body: { payload: { secret: "acme" } } });
    const globexSession = await h.signIn("owner@globex.test");
    const gKey = await h.call("POST", `/api/v1/workspaces/${h.globexId}/api-keys`, { token: globexSession, body: { name: "attacker", scopes: ["workflows"] } });
    const globexKey = ((await gKey.json()) as { key: string }).key;
    for (const token of [globexSession, globexKey]) {
      for (const ws of [h.acmeId, h.globexId]) {
        const base = `/api/v1/workspaces/${ws}/workflows/${acmeWf.id}`;
        for (const [method, path, body] of [
          ["GET", `${base}/test-data`],
          ["PUT", `${base}/sample-payload`, { payload: { pwned: true } }],
          ["PUT", `${base}/sample-payload`, { payload: null }],
          ["POST", `${base}/run`, {}],
        ] as [string, string, unknown?][]) {
          const res = await h.call(method, path, { token, body });
          expect({ method, path, status: res.status }).toEqual({ method, path, status: expect.toSatisfy((s: number) => s === 403 || s === 404) });
          expect(await res.text()).not.toContain("acme");
        }
      }
    }
    const [row] = await h.owner`select sample_payload from workflows where id = ${acmeWf.id}`;
    expect(row!.sample_payload).toEqual({ secret: "acme" });
    expect(await h.owner`select 1 from workflow_executions where workflow_id = ${acmeWf.id}`).toHaveLength(0);
  });
});
