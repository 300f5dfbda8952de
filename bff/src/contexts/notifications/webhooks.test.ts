/**
 * Outgoing webhooks against a real local receiver (node:http) that verifies every request with
 * the official `standardwebhooks` library: signing, rotation overlap (both signatures), retries
 * on the Standard Webhooks schedule with Retry-After, 410 disabling, SSRF refusals, redelivery.
 */
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Webhook } from "standardwebhooks";
import { openHarness, type Harness } from "../../testing/harness";
import { expectProblem, pointers } from "../../testing/fixtures";
import { settle, workspaceOnPlan } from "../../testing/notifications";
import { nextAttemptAt, RETRY_DELAYS_MS } from "./webhooks/schedule";
import { attemptDelivery } from "./webhooks/delivery";

let h: Harness;
let server: http.Server;
let base = "";
interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}
const received: Received[] = [];
/** per path: the statuses to answer in turn (then 200) */
const script = new Map<string, { status: number; headers?: Record<string, string> }[]>();

beforeAll(async () => {
  process.env.NH_OUTBOUND_ALLOWLIST = "127.0.0.1/32";
  h = await openHarness();
  server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (d: Buffer) => (body += d.toString()));
    req.on("end", () => {
      received.push({ path: req.url!, headers: req.headers, body });
      const next = script.get(req.url!)?.shift() ?? { status: 200 };
      res.writeHead(next.status, { "content-type": "text/plain", ...next.headers }).end(`answer ${next.status}`);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(async () => {
  server.close();
  await h.close();
});

async function setup(path: string, types: string[] = ["notification.delivered"]) {
  const ws = await workspaceOnPlan(h, "starter");
  await h.call("POST", "/api/v1/rules", {
    token: ws.token,
    body: { name: "all", condition: "true", target_roles: ["owner"], title_template: "Got {{ event.type }}" },
  });
  const res = await h.call("POST", "/api/v1/webhook-endpoints", { token: ws.token, body: { url: `${base}${path}`, event_types: types } });
  expect(res.status).toBe(201);
  const ep = (await res.json()) as { id: string; secret: string };
  expect(ep.secret).toMatch(/^whsec_/);
  return { ws, ep };
}

const hits = (path: string) => received.filter((r) => r.path === path);
const verify = (secret: string, r: Received) => new Webhook(secret).verify(r.body, r.headers as Record<string, string>);

describe("outgoing webhooks", () => {
  it("signs per Standard Webhooks so the official library verifies, and logs the attempt", async () => {
    const { ws, ep } = await setup("/signed");
    await h.call("POST", "/api/v1/events", { token: ws.apiKey, body: { type: "order.completed" } });
    await settle(h, async () => hits("/signed").length === 1);
    const r = hits("/signed")[0]!;
    expect(verify(ep.secret, r)).toMatchObject({ type: "notification.delivered", workspace_id: ws.workspaceId, data: { status: "delivered" } });
    expect(r.headers["webhook-id"]).toMatch(/^msg_/);
    expect(() => verify(`whsec_${Buffer.from("x".repeat(24)).toString("base64")}`, r)).toThrow();
    await settle(h, async () => (await h.owner`select 1 from webhook_deliveries where endpoint_id = ${ep.id} and status = 'succeeded'`).length === 1);
    const log = (await (await h.call("GET", `/api/v1/webhook-endpoints/${ep.id}/deliveries`, { token: ws.token })).json()) as {
      items: { status: string; attempts: { response_status: number; response_excerpt: string }[] }[];
    };
    expect(log.items[0]).toMatchObject({ status: "succeeded", attempts: [{ response_status: 200, response_excerpt: "answer 200" }] });
  });

  it("sends both signatures during a rotation overlap", async () => {
    const { ws, ep } = await setup("/rotated");
    const rotated = (await (await h.call("POST", `/api/v1/webhook-endpoints/${ep.id}/rotate-secret`, { token: ws.token })).json()) as {
      secret: string;
      previous_secret_expires_at: string;
    };
    expect(rotated.secret).not.toBe(ep.secret);
    expect(new Date(rotated.previous_secret_expires_at).getTime()).toBeGreaterThan(Date.now() + 23 * 3_600_000);
    await h.call("POST", "/api/v1/events", { token: ws.apiKey, body: { type: "x" } });
    await settle(h, async () => hits("/rotated").length === 1);
    const r = hits("/rotated")[0]!;
    expect(String(r.headers["webhook-signature"]).split(" ")).toHaveLength(2);
    expect(verify(rotated.secret, r)).toBeTruthy();
    expect(verify(ep.secret, r)).toBeTruthy();
  });

  it("retries on the schedule, honours Retry-After, and records every attempt", async () => {
    expect(RETRY_DELAYS_MS).toEqual([5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000]);
    const t0 = new Date("2026-01-01T00:00:00Z");
    expect(nextAttemptAt(1, t0, null, 0)!.getTime() - t0.getTime()).toBe(5_000);
    expect(nextAttemptAt(2, t0, null, 0.5)!.getTime() - t0.getTime()).toBe(315_000);
    expect(nextAttemptAt(1, t0, 60_000, 0)!.getTime() - t0.getTime()).toBe(60_000);
    expect(nextAttemptAt(8, t0)).toBeNull();

    script.set("/flaky", [{ status: 503, headers: { "retry-after": "7" } }]);
    const { ws, ep } = await setup("/flaky");
    await h.call("POST", "/api/v1/events", { token: ws.apiKey, body: { type: "x" } });
    await settle(h, async () => hits("/flaky").length === 1);
    const [d] = await h.owner<
      { id: string; status: string; next_attempt_at: Date; created_at: Date }[]
    >`select * from webhook_deliveries where endpoint_id = ${ep.id}`;
    expect(d!.status).toBe("pending");
    const [job] = await h.owner<{ run_at: Date }[]>`select run_at from graphile_worker._private_jobs where key = ${`webhook:${d!.id}`}`;
    const delay = job!.run_at.getTime() - Date.now();
    expect(delay).toBeGreaterThan(5_000); // Retry-After 7 s beats the 5 s step
    expect(delay).toBeLessThan(8_000);
    // run the scheduled attempt now, in this process (other test files' workers share the queue
    // but not this file's outbound allow-list)
    await h.owner`delete from graphile_worker._private_jobs where key = ${`webhook:${d!.id}`}`;
    await attemptDelivery(h.handles.db, ws.workspaceId, d!.id);
    expect(hits("/flaky")).toHaveLength(2);
    expect((await h.owner`select 1 from webhook_deliveries where id = ${d!.id} and status = 'succeeded'`).length).toBe(1);
    expect(hits("/flaky")[0]!.headers["webhook-id"]).toBe(hits("/flaky")[1]!.headers["webhook-id"]);
    const attempts = await h.owner<
      { attempt: number; response_status: number }[]
    >`select attempt, response_status from webhook_attempts where delivery_id = ${d!.id} order by attempt`;
    expect(attempts).toEqual([
      { attempt: 1, response_status: 503 },
      { attempt: 2, response_status: 200 },
    ]);
  });

  it("disables the endpoint on 410 Gone and tells the workspace; redelivery is manual", async () => {
    script.set("/gone", [{ status: 410 }]);
    const { ws, ep } = await setup("/gone");
    await h.call("POST", "/api/v1/events", { token: ws.apiKey, body: { type: "x" } });
    await settle(h, async () => (await h.owner`select 1 from webhook_endpoints where id = ${ep.id} and status = 'disabled'`).length === 1);
    const got = (await (await h.call("GET", `/api/v1/webhook-endpoints/${ep.id}`, { token: ws.token })).json()) as { disabled_reason: string };
    expect(got.disabled_reason).toMatch(/410/);
    await settle(
      h,
      async () => (await h.owner`select 1 from notifications where workspace_id = ${ws.workspaceId} and title = 'Webhook endpoint disabled'`).length === 1,
    );
    // enable again and redeliver by hand
    await h.call("PATCH", `/api/v1/webhook-endpoints/${ep.id}`, { token: ws.token, body: { status: "active" } });
    const [d] = await h.owner<{ id: string }[]>`select id from webhook_deliveries where endpoint_id = ${ep.id} and status = 'failed' limit 1`;
    expect((await h.call("POST", `/api/v1/webhook-deliveries/${d!.id}/redeliver`, { token: ws.token })).status).toBe(202);
    await settle(h, async () => (await h.owner`select 1 from webhook_deliveries where id = ${d!.id} and status = 'succeeded'`).length === 1);
  });

  it("disables an endpoint that has been failing for 5 days", async () => {
    script.set("/down", [{ status: 500 }]);
    const { ws, ep } = await setup("/down");
    await h.owner`update webhook_endpoints set failing_since = now() - interval '6 days' where id = ${ep.id}`;
    await h.call("POST", "/api/v1/events", { token: ws.apiKey, body: { type: "x" } });
    await settle(h, async () => (await h.owner`select 1 from webhook_endpoints where id = ${ep.id} and status = 'disabled'`).length === 1);
    const [row] = await h.owner<{ disabled_reason: string }[]>`select disabled_reason from webhook_endpoints where id = ${ep.id}`;
    expect(row!.disabled_reason).toMatch(/5 days/);
  });

  it("refuses private and metadata addresses, unknown types, and plans without webhooks", async () => {
    const ws = await workspaceOnPlan(h, "starter");
    for (const url of ["http://169.254.169.254/latest/meta-data", "http://10.0.0.7/hook", "http://[::1]/x", "ftp://example.com/x"]) {
      const res = await h.call("POST", "/api/v1/webhook-endpoints", { token: ws.token, body: { url } });
      expect(pointers(await expectProblem(res, 400))).toContain("#/url");
    }
    const badType = await h.call("POST", "/api/v1/webhook-endpoints", { token: ws.token, body: { url: `${base}/x`, event_types: ["auth.sign_in_failed"] } });
    expect(pointers(await expectProblem(badType, 400))).toContain("#/event_types/0");
    const free = await workspaceOnPlan(h, "free");
    await expectProblem(await h.call("POST", "/api/v1/webhook-endpoints", { token: free.token, body: { url: `${base}/x` } }), 403);
  });
});
