/**
 * The built-in `core.webhook_send` and `core.notify` actions inside real executions: a signed
 * POST to a real local receiver (verified with the `standardwebhooks` library and the secret
 * sign-up answered), its retry classes, the SSRF guard, inbox notifications for the right
 * members read through the notifications API, and publish-time input checks.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Webhook } from "standardwebhooks";
import type { Harness } from "../../testing/harness";
import { expectProblem, FRESH_PASSWORD, pointers, uniqueEmail, type FreshWorkspace } from "../../testing/fixtures";
import { createWorkflow, fireWebhook, openTestbed, run, settle } from "./testing/helpers";
import { runExecution } from "./engine/run-execution";

interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

let h: Harness;
let ws: FreshWorkspace;
let close: () => Promise<void>;
let receiver: http.Server;
let base: string;
const received: Received[] = [];
/** status answered per path (default 200) */
const answers = new Map<string, number>();
/** `[status, n]`: answer `status` to the next n requests on the path, then fall back to `answers` */
const failures = new Map<string, [number, number]>();
let n = 0;

beforeAll(async () => {
  ({ h, ws, close } = await openTestbed("Builtins Co"));
  receiver = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      received.push({ path: req.url ?? "/", headers: req.headers, body });
      const f = failures.get(req.url ?? "/");
      const status = f && f[1]-- > 0 ? f[0] : (answers.get(req.url ?? "/") ?? 200);
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify({ received: true, pad: "x".repeat(20_000) }));
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});
afterAll(async () => {
  receiver.closeAllConnections();
  await new Promise((r) => receiver.close(r));
  await close();
});

/** Publishes a one-step workflow, fires it and runs it to the end; answers the execution. */
async function runOne(step: Record<string, unknown>, payload: unknown = {}, retry = { max_attempts: 1, backoff: "fixed" }) {
  const p = `builtins-${++n}`;
  await createWorkflow(h, ws.workspaceId, ws.apiKey, { name: `wf ${p}`, trigger: { type: "webhook", path: `/${p}` }, steps: [{ id: "s", retry, ...step }] });
  const id = await fireWebhook(h, ws.workspaceId, p, payload);
  return { id, e: await settle(h, ws.workspaceId, ws.apiKey, id) };
}

const send = (path: string, extra: Record<string, unknown> = {}) => ({
  provider: "core",
  action: "webhook_send",
  config: { url: `${base}${path}`, payload: { order: "{{ trigger.order }}", total: 42 }, ...extra },
});

describe("core.webhook_send", () => {
  it("POSTs the payload signed with the workspace's webhook secret, webhook-id = the idempotency key", async () => {
    const { id, e } = await runOne(send("/ok", { event_type: "order.paid", headers: { "x-tenant": "acme" } }), { order: "ord_1" });
    expect(e.status).toBe("succeeded");
    const got = received.filter((r) => r.path === "/ok");
    expect(got).toHaveLength(1);
    const msg = got[0]!;
    expect(msg.headers["webhook-id"]).toBe(`${id}:s`);
    expect(msg.headers["x-tenant"]).toBe("acme");
    const verified = new Webhook(ws.webhookSecret).verify(msg.body, msg.headers as Record<string, string>);
    expect(verified).toMatchObject({ type: "order.paid", data: { order: "ord_1", total: 42 } });
    expect(() =>
      new Webhook(`whsec_${Buffer.from("another secret of 24 b.").toString("base64")}`).verify(msg.body, msg.headers as Record<string, string>),
    ).toThrow();
    const out = run(e, "s")!.output as { status: number; response_body: string };
    expect(out.status).toBe(200);
    expect(out.response_body.length).toBe(8 * 1024); // cut
  });

  it("retries 5xx with the same webhook-id and fails a 4xx at once", async () => {
    failures.set("/flaky", [503, 1]);
    const p = `builtins-${++n}`;
    await createWorkflow(h, ws.workspaceId, ws.apiKey, {
      name: `wf ${p}`,
      trigger: { type: "webhook", path: `/${p}` },
      steps: [{ id: "s", retry: { max_attempts: 3, backoff: "fixed" }, ...send("/flaky", { payload: { a: 1 } }) }],
    });
    const id = await fireWebhook(h, ws.workspaceId, p, {});
    const e = await settle(h, ws.workspaceId, ws.apiKey, id);
    expect(e.status).toBe("succeeded");
    expect(run(e, "s")!.attempts).toBe(2);
    const ids = received.filter((r) => r.path === "/flaky").map((r) => r.headers["webhook-id"]);
    expect(ids).toEqual([`${id}:s`, `${id}:s`]);

    answers.set("/gone", 410);
    const gone = await runOne(send("/gone"), { order: "ord_2" }, { max_attempts: 3, backoff: "fixed" });
    expect(gone.e.status).toBe("failed");
    expect(run(gone.e, "s")).toMatchObject({ status: "failed", attempts: 1 });
    expect(run(gone.e, "s")!.error).toMatch(/410/);
  });

  it("refuses private addresses through the SSRF guard without retrying", async () => {
    const { e } = await runOne(
      { provider: "core", action: "webhook_send", config: { url: "http://169.254.169.254/latest/meta-data", payload: {} } },
      {},
      { max_attempts: 3, backoff: "fixed" },
    );
    expect(e.status).toBe("failed");
    expect(run(e, "s")).toMatchObject({ status: "failed", attempts: 1 });
    expect(run(e, "s")!.error).toMatch(/not a public address/);
  });
});

describe("core.notify", () => {
  it("creates one inbox notification per member holding the target roles", async () => {
    const owner = await h.signIn(ws.email, ws.password);
    const dev = uniqueEmail("dev");
    const rep = uniqueEmail("rep");
    for (const [email, role] of [
      [dev, "developer"],
      [rep, "sales_rep"],
    ] as const) {
      const res = await h.call("POST", `/api/v1/workspaces/${ws.workspaceId}/members`, {
        token: owner,
        body: { email, name: role, password: FRESH_PASSWORD, role },
      });
      expect(res.status).toBe(201);
    }
    const { e } = await runOne(
      { provider: "core", action: "notify", config: { title: "Order {{ trigger.order }} failed", message: "Payment declined", priority: "high" } },
      { order: "ord_9" },
    );
    expect(e.status).toBe("succeeded");
    expect(run(e, "s")!.output).toEqual({ notification_count: 2 }); // owner + developer
    const inbox = async (email: string) =>
      (
        (await (await h.call("GET", "/api/v1/notifications", { token: await h.signIn(email, FRESH_PASSWORD) })).json()) as {
          items: { title: string; message: string; priority: string }[];
        }
      ).items;
    expect(await inbox(dev)).toEqual([expect.objectContaining({ title: "Order ord_9 failed", message: "Payment declined", priority: "high" })]);
    expect(await inbox(rep)).toEqual([]);

    const reps = await runOne({ provider: "core", action: "notify", config: { title: "For reps", message: "", target_roles: ["sales_rep"] } });
    expect(run(reps.e, "s")!.output).toEqual({ notification_count: 1 });
    expect((await inbox(rep)).map((x) => x.title)).toEqual(["For reps"]);
    expect((await inbox(dev)).map((x) => x.title)).toEqual(["Order ord_9 failed"]);
  });

  it("notifies once when an attempt is repeated (the step's idempotency key)", async () => {
    const { id, e } = await runOne({ provider: "core", action: "notify", config: { title: "Once", message: "m", target_roles: ["owner"] } });
    expect(run(e, "s")!.output).toEqual({ notification_count: 1 });
    // a worker that died after notifying but before storing the output runs the attempt again
    await h.owner`update workflow_step_runs set status = 'running', output = null where execution_id = ${id} and step_id = 's'`;
    await h.owner`update workflow_executions set status = 'running', run_at = now() where id = ${id}`;
    await runExecution(h.handles.db, { workspace_id: ws.workspaceId, execution_id: id });
    const [row] = await h.owner<{ n: number }[]>`select count(*)::int as n from notifications where workspace_id = ${ws.workspaceId} and title = 'Once'`;
    expect(row!.n).toBe(1);
    const [again] = await h.owner<{ output: unknown }[]>`select output from workflow_step_runs where execution_id = ${id} and step_id = 's'`;
    expect(again!.output).toEqual({ notification_count: 1 });
  });
});

describe("publishing", () => {
  it("answers 400 naming a missing or malformed input field, but leaves templated values to run time", async () => {
    const def = (config: Record<string, unknown>, action = "webhook_send") => ({
      name: `bad ${++n}`,
      trigger: { type: "webhook", path: `/bad-${n}` },
      steps: [{ id: "s", provider: "core", action, config }],
    });
    const noUrl = await expectProblem(
      await h.call("POST", `/api/v1/workspaces/${ws.workspaceId}/workflows`, { token: ws.apiKey, body: def({ payload: {} }) }),
      400,
    );
    expect(pointers(noUrl)).toContain("#/steps/0/config/url");
    const badRole = await expectProblem(
      await h.call("POST", `/api/v1/workspaces/${ws.workspaceId}/workflows`, {
        token: ws.apiKey,
        body: def({ title: "t", message: "m", target_roles: ["janitor"] }, "notify"),
      }),
      400,
    );
    expect(pointers(badRole)).toContain("#/steps/0/config/target_roles/0");
    await createWorkflow(h, ws.workspaceId, ws.apiKey, def({ url: "{{ trigger.url }}", payload: "{{ trigger.body }}" }));
  });
});
