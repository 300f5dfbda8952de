/**
 * The webhook route over a real @hono/node-server, where it reads the body straight from the Node
 * request (decision 037): a 202 with the payload stored, a signature checked over the exact text,
 * bodies past 256 KiB refused with a 413 whether they declare their length or come chunked, and
 * unknown and disabled workflows answered from the group commit's checks.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Harness } from "../../testing/harness";
import type { FreshWorkspace } from "../../testing/fixtures";
import { createWorkflow, openTestbed } from "./testing/helpers";
import { WEBHOOK_BODY_LIMIT } from "./webhooks";

let h: Harness;
let ws: FreshWorkspace;
let close: () => Promise<void>;
let server: ReturnType<typeof serve>;
let base: string;

beforeAll(async () => {
  ({ h, ws, close } = await openTestbed("Webhook HTTP Co"));
  await new Promise<void>((resolve) => {
    server = serve({ fetch: h.app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve());
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  await close();
});

/** POSTs `chunks` with node:http, chunked (no Content-Length) when `chunked`. */
function post(path: string, chunks: (string | Buffer)[], opts: { chunked?: boolean; headers?: Record<string, string> } = {}) {
  const body = Buffer.concat(chunks.map((c) => (typeof c === "string" ? Buffer.from(c) : c)));
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request(
      `${base}${path}`,
      { method: "POST", headers: { "content-type": "application/json", ...(opts.chunked ? {} : { "content-length": String(body.length) }), ...opts.headers } },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (d) => (text += d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on("error", reject);
    for (const c of chunks) req.write(c);
    req.end();
  });
}

const step = { id: "shape", provider: "core", action: "transform", config: { name: "{{ customer.name }}" } };

describe("webhooks over the Node server", () => {
  it("answers 202 with the execution whose payload it stored, in one or many chunks, a byte order mark dropped as fetch did", async () => {
    await createWorkflow(h, ws.workspaceId, ws.apiKey, { name: "Over HTTP", trigger: { type: "webhook", path: "/over-http" }, steps: [step] });
    const one = await post(`/webhooks/${ws.workspaceId}/over-http`, [JSON.stringify({ customer: { name: "Ada" } })]);
    expect(one.status).toBe(202);
    const many = await post(`/webhooks/${ws.workspaceId}/over-http`, ["\uFEFF", '{"customer":', '{"name":"Bo', 'b"}}'], { chunked: true });
    expect(many.status).toBe(202);
    const ids = [one, many].map((r) => (JSON.parse(r.body) as { execution_id: string }).execution_id);
    const rows = await h.owner<{ id: string; name: string }[]>`
      select id, trigger_payload->'customer'->>'name' as name from workflow_executions where id = any(${ids}::uuid[])`;
    expect(new Map(rows.map((r) => [r.id, r.name]))).toEqual(
      new Map([
        [ids[0], "Ada"],
        [ids[1], "Bob"],
      ]),
    );
  });

  it("checks a signature over the exact text it read", async () => {
    await createWorkflow(h, ws.workspaceId, ws.apiKey, {
      name: "Signed over HTTP",
      trigger: { type: "webhook", path: "/signed-http", verify_signature: true },
      steps: [step],
    });
    const body = JSON.stringify({ customer: { name: "Cy" } });
    const now = new Date();
    const headers = {
      "webhook-id": "msg_http",
      "webhook-timestamp": String(Math.floor(now.getTime() / 1000)),
      "webhook-signature": new Webhook(ws.webhookSecret).sign("msg_http", now, body),
    };
    expect((await post(`/webhooks/${ws.workspaceId}/signed-http`, [body.slice(0, 5), body.slice(5)], { chunked: true, headers })).status).toBe(202);
    expect((await post(`/webhooks/${ws.workspaceId}/signed-http`, [body.replace("Cy", "Cz")], { headers })).status).toBe(401);
  });

  it("refuses a body past 256 KiB with a 413, declared or chunked, and answers 404 and 409 from the checks", async () => {
    await createWorkflow(h, ws.workspaceId, ws.apiKey, { name: "Big", trigger: { type: "webhook", path: "/big" }, steps: [step] });
    const big = JSON.stringify({ pad: "x".repeat(WEBHOOK_BODY_LIMIT) });
    const declared = await post(`/webhooks/${ws.workspaceId}/big`, [big]);
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body)).toMatchObject({ status: 413 });
    const chunked = await post(`/webhooks/${ws.workspaceId}/big`, [big.slice(0, 100_000), big.slice(100_000)], { chunked: true });
    expect(chunked.status).toBe(413);
    expect((await post(`/webhooks/${ws.workspaceId}/nowhere`, ["{}"])).status).toBe(404);
    const { id } = await createWorkflow(h, ws.workspaceId, ws.apiKey, { name: "Off", trigger: { type: "webhook", path: "/off-http" }, steps: [step] });
    expect((await h.call("POST", `/api/v1/workspaces/${ws.workspaceId}/workflows/${id}/disable`, { token: ws.apiKey, body: {} })).status).toBe(200);
    expect((await post(`/webhooks/${ws.workspaceId}/off-http`, ["{}"])).status).toBe(409);
  });
});
