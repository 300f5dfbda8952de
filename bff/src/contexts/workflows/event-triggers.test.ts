/**
 * Events start workflows (issue #14 part 2, docs/decisions/021): events a workspace sends with
 * `POST /api/v1/events` and the batch route, by type and an optional CEL filter, once per event
 * (also when re-sent with the same clientEventId or evaluated twice), platform events with a
 * filter, publish-time checks of the filter, and tenant isolation.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Harness } from "../../testing/harness";
import { expectProblem, pointers, signUpWorkspace, type FreshWorkspace } from "../../testing/fixtures";
import { ingest, salesOrg } from "../../testing/sales-org";
import { createWorkflow, openTestbed } from "./testing/helpers";

let h: Harness;
let ws: FreshWorkspace;
let close: () => Promise<void>;
beforeAll(async () => {
  process.env.LEAD_INGEST_RATE_LIMIT ??= "1000";
  ({ h, ws, close } = await openTestbed("Event Triggers Co"));
});
afterAll(() => close());

const api = (p: string) => `/api/v1/workspaces/${ws.workspaceId}${p}`;
/** A workflow whose one step copies what the trigger carried into its output. */
const recorder = (name: string, trigger: Record<string, unknown>) => ({
  name,
  trigger,
  steps: [
    { id: "seen", provider: "core", action: "transform", config: { amount: "{{ trigger.amount }}", event: "{{ trigger.event }}", customer: "{{ customer }}" } },
  ],
});

async function sendEvent(token: string, body: Record<string, unknown>): Promise<{ status: number; id: string }> {
  const res = await h.call("POST", "/api/v1/events", { token, body });
  const json = (await res.json()) as { id: string };
  return { status: res.status, id: json.id };
}

interface Run {
  id: string;
  status: string;
  trigger_type: string;
  trigger_key: string;
  trigger_payload: Record<string, unknown>;
  output: Record<string, unknown> | null;
}
async function runsOf(workflowId: string): Promise<Run[]> {
  return h.owner<Run[]>`
    select e.id, e.status, e.trigger_type, e.trigger_key, e.trigger_payload, s.output
      from workflow_executions e left join workflow_step_runs s on s.execution_id = e.id and s.step_id = 'seen'
     where e.workflow_id = ${workflowId} order by e.created_at, e.id`;
}

describe("events a workspace sends", () => {
  it("start each workflow subscribed to the type whose filter holds, once per event, also when re-sent with the same clientEventId", async () => {
    const big = await createWorkflow(
      h,
      ws.workspaceId,
      ws.apiKey,
      recorder("Big orders", { type: "event", event: "order.paid", filter: "payload.amount > 100" }),
    );
    const all = await createWorkflow(h, ws.workspaceId, ws.apiKey, recorder("Every order", { type: "event", event: "order.paid" }));
    const other = await createWorkflow(h, ws.workspaceId, ws.apiKey, recorder("Refunds", { type: "event", event: "order.refunded" }));

    const paid = await sendEvent(ws.apiKey, {
      type: "order.paid",
      clientEventId: "ord-1",
      payload: { amount: 150, customer: { name: "Ada" } },
      timestamp: "2026-12-07T08:00:00Z",
    });
    expect(paid.status).toBe(202);
    const small = await sendEvent(ws.apiKey, { type: "order.paid", clientEventId: "ord-2", payload: { amount: 40 } });
    await h.runJobs();
    // the same clientEventId again: the same stored event, no new run
    const again = await sendEvent(ws.apiKey, { type: "order.paid", clientEventId: "ord-1", payload: { amount: 150, customer: { name: "Ada" } } });
    expect(again).toEqual({ status: 200, id: paid.id });
    await h.runJobs();

    const bigRuns = await runsOf(big.id);
    expect(bigRuns.map((r) => [r.trigger_type, r.trigger_key, r.status])).toEqual([["event", `event:${paid.id}`, "succeeded"]]);
    expect(bigRuns[0]!.trigger_payload).toEqual({
      amount: 150,
      customer: { name: "Ada" },
      event: { id: paid.id, type: "order.paid", source: "api", client_event_id: "ord-1", subject_id: null, timestamp: "2026-12-07T08:00:00.000Z" },
    });
    expect(bigRuns[0]!.output).toMatchObject({ amount: 150, customer: { name: "Ada" }, event: { id: paid.id, client_event_id: "ord-1" } });
    expect((await runsOf(all.id)).map((r) => r.trigger_key).sort()).toEqual([`event:${paid.id}`, `event:${small.id}`].sort());
    expect(await runsOf(other.id)).toEqual([]);
  });

  it("start runs for the events of a batch, and an event evaluated twice still starts one run", async () => {
    const wf = await createWorkflow(
      h,
      ws.workspaceId,
      ws.apiKey,
      recorder("Signups", { type: "event", event: "user.signed_up", filter: "event.client_event_id != 'skip-me' && has(payload.plan)" }),
    );
    const res = await h.call("POST", "/api/v1/events/batch", {
      token: ws.apiKey,
      body: {
        events: [
          { type: "user.signed_up", clientEventId: "su-1", payload: { plan: "pro" } },
          { type: "user.signed_up", clientEventId: "skip-me", payload: { plan: "pro" } },
          { type: "user.signed_up", clientEventId: "su-3", payload: {} }, // has() is false: no run
          { type: "user.signed_up", clientEventId: "su-1", payload: { plan: "pro" } }, // a duplicate inside the batch
          { type: "order.paid", clientEventId: "su-5", payload: { amount: 1 } },
        ],
      },
    });
    expect(res.status).toBe(202);
    const { items } = (await res.json()) as { items: { id: string; duplicate: boolean }[] };
    await h.runJobs();
    const runs = await runsOf(wf.id);
    expect(runs.map((r) => r.trigger_key)).toEqual([`event:${items[0]!.id}`]);

    // a second evaluation of the same stored event (a redelivery) finds the run it started
    await h.owner`update ingested_events set processed_at = null where id = ${items[0]!.id}`;
    await h.runJobs();
    expect(await runsOf(wf.id)).toHaveLength(1);
  });

  it("never start another workspace's workflows", async () => {
    const b = await signUpWorkspace(h, "Event Triggers B", "events-b");
    const mine = await createWorkflow(h, ws.workspaceId, ws.apiKey, recorder("Invoices of A", { type: "event", event: "invoice.sent" }));
    const theirs = await createWorkflow(h, b.workspaceId, b.apiKey, recorder("Invoices of B", { type: "event", event: "invoice.sent" }));
    const fromB = await sendEvent(b.apiKey, { type: "invoice.sent", payload: { n: 1 } });
    await h.runJobs();
    expect(await runsOf(mine.id)).toEqual([]);
    expect((await runsOf(theirs.id)).map((r) => r.trigger_key)).toEqual([`event:${fromB.id}`]);
    const fromA = await sendEvent(ws.apiKey, { type: "invoice.sent", payload: { n: 2 } });
    await h.runJobs();
    expect((await runsOf(mine.id)).map((r) => r.trigger_key)).toEqual([`event:${fromA.id}`]);
    expect(await runsOf(theirs.id)).toHaveLength(1);
  });

  it("do not start a disabled workflow", async () => {
    const wf = await createWorkflow(h, ws.workspaceId, ws.apiKey, recorder("Paused", { type: "event", event: "ticket.opened" }));
    expect((await h.call("POST", api(`/workflows/${wf.id}/disable`), { token: ws.apiKey })).status).toBe(200);
    await sendEvent(ws.apiKey, { type: "ticket.opened", payload: {} });
    await h.runJobs();
    expect(await runsOf(wf.id)).toEqual([]);
  });
});

describe("platform events", () => {
  it("start workflows by type and filter (lead.created), with the domain event under `event`", async () => {
    const org = await salesOrg(h, "event-triggers");
    const wf = await createWorkflow(h, org.ws.workspaceId, org.ws.apiKey, {
      name: "Leads from Example",
      trigger: { type: "event", event: "lead.created", filter: "payload.email.endsWith('@example.com')" },
      steps: [{ id: "seen", provider: "core", action: "transform", config: { email: "{{ email }}", lead: "{{ event.subject_id }}" } }],
    });
    expect((await ingest(h, org.sourceKey, { name: "Ada", email: "ada@example.com", lead_reference_id: "et-1" })).status).toBe(201);
    expect((await ingest(h, org.sourceKey, { name: "Bo", email: "bo@elsewhere.test", lead_reference_id: "et-2" })).status).toBe(201);
    await h.runJobs();
    await h.drainEvents();
    await h.runJobs();
    const runs = await runsOf(wf.id);
    expect(runs).toHaveLength(1);
    const [event] = await h.owner<
      { id: string; subject_id: string }[]
    >`select id, subject_id from domain_events where workspace_id = ${org.ws.workspaceId} and type = 'lead.created' and payload->>'email' = 'ada@example.com'`;
    expect(runs[0]!.trigger_key).toBe(`event:${event!.id}`);
    expect(runs[0]!.trigger_payload).toMatchObject({
      email: "ada@example.com",
      event: { id: event!.id, type: "lead.created", source: "platform", client_event_id: null, subject_id: event!.subject_id },
    });
    expect([runs[0]!.status, runs[0]!.output]).toEqual(["succeeded", { email: "ada@example.com", lead: event!.subject_id }]);
  });
});

describe("publishing an event trigger", () => {
  it("refuses a filter that does not parse, reads an unknown variable or is not a condition, naming #/trigger/filter", async () => {
    for (const [filter, detail] of [
      ["payload.amount >", /trigger filter: syntax error/],
      ["amount > 100", /trigger filter: reads amount, which is not defined: the condition sees payload and event \(e\.g\. payload\.amount\)/],
      ["'yes'", /trigger filter: yields string, not a bool/],
    ] as const) {
      const problem = await expectProblem(
        await h.call("POST", api("/workflows"), { token: ws.apiKey, body: recorder("Bad filter", { type: "event", event: "order.paid", filter }) }),
        400,
      );
      expect(pointers(problem)).toEqual(["#/trigger/filter"]);
      expect(problem.errors![0]!.detail).toMatch(detail);
    }
  });

  it("accepts event types as tenants send them (letters, digits, . _ : -) and refuses others at #/trigger/event", async () => {
    await createWorkflow(h, ws.workspaceId, ws.apiKey, recorder("Camel", { type: "event", event: "Order-Paid:v2" }));
    const problem = await expectProblem(
      await h.call("POST", api("/workflows"), { token: ws.apiKey, body: recorder("Spaces", { type: "event", event: "order paid" }) }),
      400,
    );
    expect(pointers(problem)).toEqual(["#/trigger/event"]);
  });
});
