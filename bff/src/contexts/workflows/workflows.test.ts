/**
 * The workflow API: the seed's two examples accepted as written, drafts and publishing,
 * publish errors naming the step and field, versions (list, compare, rollback), disable/delete,
 * executions list filters, and every route from Globex's side against Acme's ids.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Harness } from "../../testing/harness";
import { expectProblem, pointers, signUpWorkspace, type FreshWorkspace } from "../../testing/fixtures";
import { createWorkflow, fireWebhook, settle, openTestbed } from "./testing/helpers";

let h: Harness;
let ws: FreshWorkspace;
const api = (p: string) => `/api/v1/workspaces/${ws.workspaceId}${p}`;

let close: () => Promise<void>;
beforeAll(async () => {
  ({ h, ws, close } = await openTestbed("Workflows Co"));
});
afterAll(() => close());

export const WELCOME = {
  name: "Welcome New Customer",
  trigger: { type: "webhook", path: "/new-customer" },
  steps: [
    { provider: "slack", action: "send_message", config: { channel: "#sales", text: "New customer: {{customer.name}}" } },
    {
      provider: "salesforce",
      action: "create_lead",
      config: { first_name: "{{customer.first_name}}", last_name: "{{customer.last_name}}", email: "{{customer.email}}" },
    },
  ],
};
const TICKET = {
  name: "Process Support Ticket",
  description: "Auto-triage and assign support tickets",
  trigger: { type: "webhook", path: "/support-ticket" },
  steps: [
    { id: "classify", type: "condition", condition: "{{ticket.priority}} == 'high'", then: ["create_jira"], else: ["send_to_zendesk"] },
    {
      id: "create_jira",
      provider: "jira",
      action: "create_issue",
      config: { project: "SUP", issuetype: "Bug", summary: "{{ticket.title}}", description: "{{ticket.description}}", priority: "High" },
      retry: { max_attempts: 3 },
    },
    {
      id: "send_to_zendesk",
      provider: "zendesk",
      action: "create_ticket",
      config: { subject: "{{ticket.title}}", description: "{{ticket.description}}", priority: "normal" },
    },
    {
      id: "notify_team",
      provider: "slack",
      action: "send_message",
      config: { channel: "#support", text: "New {{ticket.priority}} priority ticket: {{ticket.title}}" },
      depends_on: ["classify"],
    },
  ],
};

describe("definitions", () => {
  it("accepts both seed examples as written, live at version 1", async () => {
    for (const def of [WELCOME, TICKET]) {
      const wf = await createWorkflow(h, ws.workspaceId, ws.apiKey, def);
      expect(wf).toMatchObject({
        version: 1,
        status: "active",
        webhook_url: expect.stringContaining(`/webhooks/${ws.workspaceId}/${def.trigger.path.slice(1)}`),
      });
    }
    const list = await h.call("GET", api("/workflows"), { token: ws.apiKey });
    const body = (await list.json()) as { items: { name: string; status: string; version: number }[] };
    expect(body.items.map((i) => [i.name, i.status, i.version])).toEqual(
      expect.arrayContaining([
        ["Welcome New Customer", "active", 1],
        ["Process Support Ticket", "active", 1],
      ]),
    );
  });

  it("derives stable step ids, chains the Welcome steps in order and renders the payload into them", async () => {
    const id = await fireWebhook(h, ws.workspaceId, "new-customer", {
      customer: { name: "John Doe", first_name: "John", last_name: "Doe", email: "john@example.com" },
    });
    // the real Slack provider needs the end user's connection, so only the first step's rendered input is checked here
    const e = await settle(h, ws.workspaceId, ws.apiKey, id);
    const detail = (await (await h.call("GET", api(`/executions/${id}`), { token: ws.apiKey })).json()) as { steps: { id: string; depends_on: string[] }[] };
    expect(detail.steps.map((s) => [s.id, s.depends_on])).toEqual([
      ["slack_send_message", []],
      ["salesforce_create_lead", ["slack_send_message"]],
    ]);
    expect(e.step_runs[0]!.input).toEqual({ channel: "#sales", text: "New customer: John Doe" });
  });

  it("creates a draft with draft: true; saving keeps the live version until publish", async () => {
    const res = await h.call("POST", api("/workflows"), {
      token: ws.apiKey,
      body: { ...WELCOME, name: "Drafty", trigger: { type: "webhook", path: "/drafty" }, draft: true },
    });
    expect(res.status).toBe(201);
    const wf = (await res.json()) as { id: string; version: number; status: string };
    expect([wf.version, wf.status]).toEqual([0, "draft"]);
    await expectProblem(await h.call("POST", `/webhooks/${ws.workspaceId}/drafty`, { body: {} }), 404);
    const pub = await h.call("POST", api(`/workflows/${wf.id}/publish`), { token: ws.apiKey });
    expect(((await pub.json()) as { version: number }).version).toBe(1);
    await h.call("PUT", api(`/workflows/${wf.id}`), {
      token: ws.apiKey,
      body: { ...WELCOME, name: "Drafty 2", trigger: { type: "webhook", path: "/drafty" } },
    });
    const got = (await (await h.call("GET", api(`/workflows/${wf.id}`), { token: ws.apiKey })).json()) as {
      version: number;
      has_unpublished_changes: boolean;
      definition: { name: string };
      draft: { name: string };
    };
    expect([got.version, got.has_unpublished_changes, got.definition.name, got.draft.name]).toEqual([1, true, "Drafty", "Drafty 2"]);
  });

  it("refuses to publish bad expressions, naming the step and the field", async () => {
    const res = await h.call("POST", api("/workflows"), {
      token: ws.apiKey,
      body: {
        name: "Broken",
        trigger: { type: "webhook", path: "/broken" },
        steps: [
          { id: "a", provider: "sink", action: "call", config: { body: { x: "{{ steps.b.output.y }}" } } },
          { id: "b", provider: "sink", action: "call", config: { path: "/b", body: { text: "Hi {{ customer.name == }}" } } },
          { id: "c", provider: "sink", action: "call", config: { body: "{{ steps.nope.output }}" }, depends_on: ["b", "ghost"] },
          { id: "d", provider: "nowhere", action: "do_it", config: {} },
          { id: "e", type: "condition", condition: "{{ trigger.x }} >", then: ["zzz"] },
        ],
      },
    });
    const p = await expectProblem(res, 400);
    expect(pointers(p).sort()).toEqual([
      "#/steps/0/config/body/x",
      "#/steps/1/config/body/text",
      "#/steps/2/config/body",
      "#/steps/2/depends_on/1",
      "#/steps/3/action",
      "#/steps/4/condition",
      "#/steps/4/then/0",
    ]);
    expect(p.errors!.find((e) => e.pointer === "#/steps/0/config/body/x")!.detail).toMatch(/step a: reads steps\.b before it can have run/);
    expect(p.errors!.find((e) => e.pointer === "#/steps/2/config/body")!.detail).toMatch(/unknown step id "nope"/);
    expect(p.errors!.find((e) => e.pointer === "#/steps/3/action")!.detail).toMatch(/unknown action nowhere\.do_it/);
    const cyc = await h.call("POST", api("/workflows"), {
      token: ws.apiKey,
      body: {
        name: "Loop",
        trigger: { type: "manual" },
        steps: [
          { id: "x", provider: "core", action: "transform", config: {}, depends_on: ["y"] },
          { id: "y", provider: "core", action: "transform", config: {}, depends_on: ["x"] },
        ],
      },
    });
    expect((await expectProblem(cyc, 400)).errors![0]!.detail).toMatch(/cycle/);
    const shape = await h.call("POST", api("/workflows"), { token: ws.apiKey, body: { name: "Shape", trigger: { type: "webhook" }, steps: [] } });
    expect(pointers(await expectProblem(shape, 400))).toEqual(expect.arrayContaining(["#/trigger/path", "#/steps"]));
  });

  it("lists, compares and rolls back versions; disables and deletes", async () => {
    const wf = await createWorkflow(h, ws.workspaceId, ws.apiKey, { ...WELCOME, name: "Versioned", trigger: { type: "webhook", path: "/versioned" } });
    const v2 = {
      ...WELCOME,
      name: "Versioned",
      trigger: { type: "webhook", path: "/versioned" },
      steps: [{ ...WELCOME.steps[0], config: { channel: "#vip", text: "VIP {{customer.name}}" } }],
    };
    await h.call("PUT", api(`/workflows/${wf.id}`), { token: ws.apiKey, body: v2 });
    await h.call("POST", api(`/workflows/${wf.id}/publish`), { token: ws.apiKey });
    const versions = (await (await h.call("GET", api(`/workflows/${wf.id}/versions`), { token: ws.apiKey })).json()) as {
      items: { version: number; live: boolean }[];
    };
    expect(versions.items.map((v) => [v.version, v.live])).toEqual([
      [2, true],
      [1, false],
    ]);
    const cmp = (await (await h.call("GET", api(`/workflows/${wf.id}/versions/compare?from=1&to=2`), { token: ws.apiKey })).json()) as {
      changes: { pointer: string; before?: unknown; after?: unknown }[];
    };
    expect(cmp.changes).toEqual(
      expect.arrayContaining([
        { type: "CHANGE", pointer: "#/steps/0/config/channel", before: "#sales", after: "#vip" },
        expect.objectContaining({ type: "REMOVE", pointer: "#/steps/1" }),
      ]),
    );
    const rb = await h.call("POST", api(`/workflows/${wf.id}/rollback`), { token: ws.apiKey, body: { version: 1 } });
    const rolled = (await rb.json()) as { version: number; definition: { steps: unknown[] } };
    expect([rolled.version, rolled.definition.steps.length]).toEqual([3, 2]);
    expect((await h.call("POST", api(`/workflows/${wf.id}/disable`), { token: ws.apiKey })).status).toBe(200);
    expect((await h.call("POST", api(`/workflows/${wf.id}/enable`), { token: ws.apiKey })).status).toBe(200);
    expect((await h.call("DELETE", api(`/workflows/${wf.id}`), { token: ws.apiKey })).status).toBe(204);
    await expectProblem(await h.call("GET", api(`/workflows/${wf.id}`), { token: ws.apiKey }), 404);
    const clash = await h.call("POST", api("/workflows"), { token: ws.apiKey, body: { ...WELCOME, name: "Clash" } });
    expect(pointers(await expectProblem(clash, 409))).toEqual(["#/trigger/path"]);
  });

  it("filters executions by workflow and status, and lists the action palette", async () => {
    const wf = await createWorkflow(h, ws.workspaceId, ws.apiKey, {
      name: "Filtered",
      trigger: { type: "manual" },
      steps: [{ id: "t", provider: "core", action: "transform", config: { ok: true } }],
    });
    const r = await h.call("POST", api(`/workflows/${wf.id}/run`), { token: ws.apiKey, body: { payload: { a: 1 } } });
    const id = ((await r.json()) as { execution_id: string }).execution_id;
    await settle(h, ws.workspaceId, ws.apiKey, id);
    const list = (await (await h.call("GET", api(`/executions?workflow_id=${wf.id}&status=succeeded`), { token: ws.apiKey })).json()) as {
      items: { id: string }[];
    };
    expect(list.items.map((i) => i.id)).toEqual([id]);
    const none = (await (await h.call("GET", api(`/executions?workflow_id=${wf.id}&status=failed`), { token: ws.apiKey })).json()) as { items: unknown[] };
    expect(none.items).toEqual([]);
    await expectProblem(await h.call("GET", api(`/executions?status=bogus`), { token: ws.apiKey }), 400);
    const actions = (await (await h.call("GET", api("/workflow-actions"), { token: ws.apiKey })).json()) as {
      items: { provider: string; action: string; builtin: boolean }[];
    };
    expect(actions.items).toEqual(expect.arrayContaining([expect.objectContaining({ provider: "core", action: "transform", builtin: true })]));
    const webex = (
      actions.items as {
        provider: string;
        action: string;
        input_schema?: { type?: string; properties?: Record<string, { type?: string }>; required?: string[] };
      }[]
    ).find((a) => a.provider === "webex" && a.action === "send_message");
    expect(webex?.input_schema).toMatchObject({
      type: "object",
      properties: { room_id: { type: "string" }, text: { type: "string" }, markdown: { type: "string" } },
    });
    expect(webex!.input_schema!.required!.sort()).toEqual(["room_id", "text"]);
  });
  it("re-runs every failed execution of a workflow once (bulk re-run)", async () => {
    const wf = await createWorkflow(h, ws.workspaceId, ws.apiKey, {
      name: "Flaky",
      trigger: { type: "webhook", path: "/flaky-bulk" },
      steps: [{ id: "t", provider: "core", action: "transform", config: { v: "{{ must.exist }}" } }],
    });
    const ids = [await fireWebhook(h, ws.workspaceId, "flaky-bulk", {}), await fireWebhook(h, ws.workspaceId, "flaky-bulk", {})];
    for (const id of ids) expect((await settle(h, ws.workspaceId, ws.apiKey, id)).status).toBe("failed");
    const res = await h.call("POST", api(`/workflows/${wf.id}/rerun-failed`), { token: ws.apiKey });
    expect(res.status).toBe(202);
    const again = ((await res.json()) as { execution_ids: string[] }).execution_ids;
    expect(again).toHaveLength(2);
    const rows = await h.owner`select rerun_of from workflow_executions where id in ${h.owner(again)}`;
    expect(rows.map((r) => r.rerun_of).sort()).toEqual([...ids].sort());
    for (const id of again) await settle(h, ws.workspaceId, ws.apiKey, id);
    // the re-runs failed too, but each original has been re-run: only the two re-runs are eligible now
    const second = (await (await h.call("POST", api(`/workflows/${wf.id}/rerun-failed`), { token: ws.apiKey })).json()) as { execution_ids: string[] };
    expect(second.execution_ids).toHaveLength(2);
  });
});

describe("access", () => {
  it("refuses members without a developer role and API keys without the workflows scope", async () => {
    const rep = await h.signIn("rep1@acme.test");
    expect((await h.call("GET", `/api/v1/workspaces/${h.acmeId}/executions`, { token: rep })).status).toBe(403);
    const dev = await h.signIn("dev@acme.test");
    const key = await h.call("POST", `/api/v1/workspaces/${h.acmeId}/api-keys`, { token: dev, body: { name: "leads only", scopes: ["leads"] } });
    const leadsKey = ((await key.json()) as { key: string }).key;
    expect((await h.call("POST", `/api/v1/workspaces/${h.acmeId}/workflows`, { token: leadsKey, body: WELCOME })).status).toBe(403);
  });

  it("answers 403/404 to Globex on every workflow route aimed at Acme's ids, and changes nothing", async () => {
    const dev = await h.signIn("dev@acme.test");
    const acmeWf = await createWorkflow(h, h.acmeId, dev, {
      name: "Acme secret",
      trigger: { type: "manual" },
      steps: [{ id: "t", provider: "core", action: "transform", config: {} }],
    });
    const run = await h.call("POST", `/api/v1/workspaces/${h.acmeId}/workflows/${acmeWf.id}/run`, { token: dev, body: { payload: {} } });
    const execId = ((await run.json()) as { execution_id: string }).execution_id;
    const globexSession = await h.signIn("owner@globex.test");
    const gKey = await h.call("POST", `/api/v1/workspaces/${h.globexId}/api-keys`, { token: globexSession, body: { name: "attacker", scopes: ["workflows"] } });
    const globexKey = ((await gKey.json()) as { key: string }).key;
    const a = `/api/v1/workspaces/${h.acmeId}`;
    const g = `/api/v1/workspaces/${h.globexId}`;
    const def = { name: "pwned", trigger: { type: "manual" }, steps: [{ id: "t", provider: "core", action: "transform", config: {} }] };
    const routes: [string, string, unknown?][] = [
      ["GET", `${a}/workflows`],
      ["POST", `${a}/workflows`, def],
      ["GET", `${a}/workflows/${acmeWf.id}`],
      ["PUT", `${a}/workflows/${acmeWf.id}`, def],
      ["POST", `${a}/workflows/validate`, def],
      ["POST", `${a}/workflows/${acmeWf.id}/publish`],
      ["POST", `${a}/workflows/${acmeWf.id}/disable`],
      ["POST", `${a}/workflows/${acmeWf.id}/enable`],
      ["DELETE", `${a}/workflows/${acmeWf.id}`],
      ["POST", `${a}/workflows/${acmeWf.id}/run`, { payload: {} }],
      ["POST", `${a}/workflows/${acmeWf.id}/rerun-failed`],
      ["GET", `${a}/workflows/${acmeWf.id}/versions`],
      ["GET", `${a}/workflows/${acmeWf.id}/versions/compare?from=1&to=1`],
      ["POST", `${a}/workflows/${acmeWf.id}/rollback`, { version: 1 }],
      ["GET", `${a}/executions`],
      ["GET", `${a}/executions/${execId}`],
      ["POST", `${a}/executions/${execId}/rerun`, {}],
      ["POST", `${a}/executions/${execId}/cancel`],
      ["GET", `${a}/workflow-actions`],
      // Acme's ids through Globex's own workspace path
      ["GET", `${g}/workflows/${acmeWf.id}`],
      ["PUT", `${g}/workflows/${acmeWf.id}`, def],
      ["POST", `${g}/workflows/${acmeWf.id}/publish`],
      ["DELETE", `${g}/workflows/${acmeWf.id}`],
      ["POST", `${g}/workflows/${acmeWf.id}/run`, { payload: {} }],
      ["GET", `${g}/workflows/${acmeWf.id}/versions`],
      ["POST", `${g}/workflows/${acmeWf.id}/rollback`, { version: 1 }],
      ["GET", `${g}/executions/${execId}`],
      ["POST", `${g}/executions/${execId}/rerun`, {}],
      ["POST", `${g}/executions/${execId}/cancel`],
    ];
    for (const token of [globexSession, globexKey]) {
      for (const [method, path, body] of routes) {
        const res = await h.call(method, path, { token, body });
        expect({ method, path, status: res.status }).toEqual({ method, path, status: expect.toSatisfy((s: number) => s === 403 || s === 404) });
      }
    }
    const listed = (await (await h.call("GET", `${g}/executions`, { token: globexKey })).json()) as { items: { id: string }[] };
    expect(listed.items.map((i) => i.id)).not.toContain(execId);
    const [row] = await h.owner`select name, status, version from workflows where id = ${acmeWf.id}`;
    expect(row).toEqual({ name: "Acme secret", status: "active", version: 1 });
    expect(await h.owner`select 1 from workflow_executions where workflow_id = ${acmeWf.id}`).toHaveLength(1);
  });

  it("shows an end user their own executions (step statuses only) and nobody else's", async () => {
    await createWorkflow(h, ws.workspaceId, ws.apiKey, {
      name: "Per end user",
      trigger: { type: "webhook", path: "/per-user" },
      steps: [{ id: "t", provider: "core", action: "transform", config: { secret_note: "{{ note }}" } }],
    });
    const mine = await fireWebhook(h, ws.workspaceId, "per-user", { end_user_id: "eu_alice", note: "x" });
    const theirs = await fireWebhook(h, ws.workspaceId, "per-user", { end_user_id: "eu_bob", note: "y" });
    await settle(h, ws.workspaceId, ws.apiKey, mine);
    await settle(h, ws.workspaceId, ws.apiKey, theirs);
    const endUserToken = async (apiKey: string, external: string) => {
      const session = await h.call("POST", "/api/v1/connect/sessions", { token: apiKey, body: { end_user_id: external } });
      const ex = await h.call("POST", "/api/v1/connect/exchange", { body: { token: ((await session.json()) as { token: string }).token } });
      return ((await ex.json()) as { access_token: string }).access_token;
    };
    const alice = await endUserToken(ws.apiKey, "eu_alice");
    const res = await h.call("GET", "/api/v1/client/executions", { token: alice });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: { id: string; workflow_name: string; steps: unknown[] }[] };
    expect(body.items.map((i) => i.id)).toEqual([mine]);
    expect(body.items[0]).toMatchObject({ workflow_name: "Per end user", steps: [{ step_id: "t", status: "succeeded" }] });
    expect(JSON.stringify(body)).not.toContain("secret_note");
    const other = await signUpWorkspace(h, "Other Co");
    const stranger = await endUserToken(other.apiKey, "eu_alice");
    expect(((await (await h.call("GET", "/api/v1/client/executions", { token: stranger })).json()) as { items: unknown[] }).items).toEqual([]);
    expect((await h.call("GET", "/api/v1/client/executions", { token: ws.apiKey })).status).toBe(403);
  });
});
