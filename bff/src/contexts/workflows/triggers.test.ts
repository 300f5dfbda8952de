/**
 * Triggers end to end: webhook (202 only after commit, idempotency, Standard Webhooks signature,
 * 404/409/413), schedule (cron + time zone; a missed tick runs once, never twice) and domain
 * events from the outbox.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Webhook } from "standardwebhooks";
import type { Harness } from "../../testing/harness";
import { expectProblem, pointers, type FreshWorkspace } from "../../testing/fixtures";
import { createWorkflow, fireWebhook, settle, openTestbed } from "./testing/helpers";

let h: Harness;
let ws: FreshWorkspace;

let close: () => Promise<void>;
beforeAll(async () => {
  ({ h, ws, close } = await openTestbed("Triggers Co"));
});
afterAll(() => close());

const step = { id: "record", provider: "sink", action: "call", config: { path: "/trigger", body: { who: "{{ customer.name }}" } } };
const api = (p: string) => `/api/v1/workspaces/${ws.workspaceId}${p}`;

describe("webhook trigger", () => {
  it("answers 202 only once the execution is committed, due in the execution queue", async () => {
    await createWorkflow(h, ws.workspaceId, ws.apiKey, { name: "Hook", trigger: { type: "webhook", path: "/new-customer" }, steps: [step] });
    const id = await fireWebhook(h, ws.workspaceId, "new-customer", { customer: { name: "Ada" } });
    const [row] = await h.owner`select status, trigger_payload, run_at <= now() as due, claimed_by from workflow_executions where id = ${id}`;
    expect(row).toEqual({ status: "queued", trigger_payload: { customer: { name: "Ada" } }, due: true, claimed_by: null });
    expect((await settle(h, ws.workspaceId, ws.apiKey, id)).status).toBe("succeeded");
  });

  it("answers the same execution for a repeated Idempotency-Key or webhook-id", async () => {
    const a = await fireWebhook(h, ws.workspaceId, "new-customer", { customer: { name: "Bo" } }, { "idempotency-key": "order-77" });
    const res = await h.call("POST", `/webhooks/${ws.workspaceId}/new-customer`, {
      body: { customer: { name: "Bo" } },
      headers: { "idempotency-key": "order-77" },
    });
    expect(res.status).toBe(202);
    expect(res.headers.get("idempotent-replayed")).toBe("true");
    expect(((await res.json()) as { execution_id: string }).execution_id).toBe(a);
    const b = await fireWebhook(h, ws.workspaceId, "new-customer", {}, { "webhook-id": "msg_1" });
    expect(await fireWebhook(h, ws.workspaceId, "new-customer", {}, { "webhook-id": "msg_1" })).toBe(b);
    const [{ n }] = (await h.owner`select count(*)::int as n from workflow_executions where trigger_key in ('webhook:order-77', 'webhook:msg_1')`) as [
      { n: number },
    ];
    expect(n).toBe(2);
  });

  it("checks a Standard Webhooks signature made with the workspace's secret when asked to", async () => {
    await createWorkflow(h, ws.workspaceId, ws.apiKey, {
      name: "Signed",
      trigger: { type: "webhook", path: "/signed", verify_signature: true },
      steps: [step],
    });
    const body = JSON.stringify({ customer: { name: "Cy" } });
    expect((await expectProblem(await h.call("POST", `/webhooks/${ws.workspaceId}/signed`, { body }), 401)).type).toMatch(/invalid-signature/);
    const now = new Date();
    const signature = new Webhook(ws.webhookSecret).sign("msg_signed", now, body);
    const headers = { "webhook-id": "msg_signed", "webhook-timestamp": String(Math.floor(now.getTime() / 1000)), "webhook-signature": signature };
    expect((await h.call("POST", `/webhooks/${ws.workspaceId}/signed`, { body, headers })).status).toBe(202);
    const forged = new Webhook(`whsec_${Buffer.from("x".repeat(24)).toString("base64")}`).sign("msg_forged", now, body);
    await expectProblem(
      await h.call("POST", `/webhooks/${ws.workspaceId}/signed`, { body, headers: { ...headers, "webhook-id": "msg_forged", "webhook-signature": forged } }),
      401,
    );
  });

  it("answers 404 for an unknown path or workspace, 409 when disabled, 413 when too large, 400 for bad JSON", async () => {
    await expectProblem(await h.call("POST", `/webhooks/${ws.workspaceId}/nope`, { body: {} }), 404);
    await expectProblem(await h.call("POST", `/webhooks/${crypto.randomUUID()}/new-customer`, { body: {} }), 404);
    await expectProblem(await h.call("POST", `/webhooks/${h.acmeId}/support-ticket`, { body: {} }), 404); // another workspace's path
    await expectProblem(await h.call("POST", `/webhooks/not-a-uuid/new-customer`, { body: {} }), 404);
    const w = await createWorkflow(h, ws.workspaceId, ws.apiKey, { name: "Off", trigger: { type: "webhook", path: "/off" }, steps: [step] });
    expect((await h.call("POST", api(`/workflows/${w.id}/disable`), { token: ws.apiKey })).status).toBe(200);
    await expectProblem(await h.call("POST", `/webhooks/${ws.workspaceId}/off`, { body: {} }), 409);
    const big = JSON.stringify({ blob: "x".repeat(300 * 1024) });
    await expectProblem(
      await h.call("POST", `/webhooks/${ws.workspaceId}/new-customer`, { body: big, headers: { "content-length": String(big.length) } }),
      413,
    );
    await expectProblem(await h.call("POST", `/webhooks/${ws.workspaceId}/new-customer`, { body: "{not json" }), 400);
  });
});

describe("schedule trigger", () => {
  it("rejects an invalid cron expression or time zone at publish, naming the field", async () => {
    const res = await h.call("POST", api("/workflows"), {
      token: ws.apiKey,
      body: { name: "Bad", trigger: { type: "schedule", cron: "0 9 * * *", timezone: "Mars/Olympus" }, steps: [step] },
    });
    expect(pointers(await expectProblem(res, 400))).toEqual(["#/trigger/timezone"]);
    const res2 = await h.call("POST", api("/workflows"), {
      token: ws.apiKey,
      body: { name: "Bad", trigger: { type: "schedule", cron: "99 * * * *", timezone: "UTC" }, steps: [step] },
    });
    expect(pointers(await expectProblem(res2, 400))).toEqual(["#/trigger/cron"]);
  });

  it("runs a tick missed while down once on recovery, never twice", async () => {
    const w = await createWorkflow(h, ws.workspaceId, ws.apiKey, {
      name: "Every 5 minutes",
      trigger: { type: "schedule", cron: "*/5 * * * *", timezone: "Europe/Berlin" },
      steps: [{ id: "tick", provider: "core", action: "transform", config: { at: "{{ trigger.scheduled_at }}" } }],
    });
    const [job] = await h.owner`select run_at from graphile_worker._private_jobs where key = ${`schedule:${w.id}`}`;
    expect(new Date(job!.run_at).getTime()).toBeGreaterThan(Date.now());
    // the worker was down for 30 minutes: six ticks passed
    const down = async () => {
      await h.owner`update workflows set schedule_last_tick = now() - interval '30 minutes' where id = ${w.id}`;
      await h.owner`update graphile_worker._private_jobs set run_at = now() where key = ${`schedule:${w.id}`}`;
      await h.runJobs();
    };
    await down();
    const execs = await h.owner`select trigger_key, status from workflow_executions where workflow_id = ${w.id}`;
    expect(execs).toHaveLength(1);
    const tick = new Date(Math.floor(Date.now() / 300_000) * 300_000).toISOString();
    expect(execs[0]).toEqual({ trigger_key: `schedule:${tick}`, status: "succeeded" });
    const [next] = await h.owner`select run_at from graphile_worker._private_jobs where key = ${`schedule:${w.id}`}`;
    expect(new Date(next!.run_at).getTime()).toBe(new Date(tick).getTime() + 300_000);
    await down(); // the same recovery again (e.g. a second worker): still one execution for that tick
    expect(await h.owner`select 1 from workflow_executions where workflow_id = ${w.id}`).toHaveLength(1);
  });
});

describe("event trigger", () => {
  it("starts the workflows subscribed to a domain event's type, once per event", async () => {
    const source = await createWorkflow(h, ws.workspaceId, ws.apiKey, { name: "Source", trigger: { type: "webhook", path: "/source" }, steps: [step] });
    const follower = await createWorkflow(h, ws.workspaceId, ws.apiKey, {
      name: "After any execution",
      trigger: { type: "event", event: "execution.succeeded" },
      steps: [{ id: "note", provider: "core", action: "transform", config: { finished: "{{ trigger.execution_id }}", wf: "{{ workflow_id }}" } }],
    });
    const id = await fireWebhook(h, ws.workspaceId, "source", { customer: { name: "Di" } });
    expect((await settle(h, ws.workspaceId, ws.apiKey, id)).status).toBe("succeeded");
    await h.runJobs();
    await h.drainEvents();
    await h.runJobs();
    const started =
      await h.owner`select id, status, trigger_payload from workflow_executions where workflow_id = ${follower.id} and trigger_payload->>'execution_id' = ${id}`;
    expect(started).toHaveLength(1);
    const done = await settle(h, ws.workspaceId, ws.apiKey, started[0]!.id as string);
    expect(done.step_runs[0]!.output).toEqual({ finished: id, wf: source.id });
  });
});
