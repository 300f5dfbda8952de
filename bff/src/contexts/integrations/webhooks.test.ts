/**
 * Incoming provider webhooks: each provider's real signature scheme is accepted when right and
 * refused (401) when wrong, tampered or too old; Meta's verify-token handshake; deliveries become
 * `<provider>.webhook_received` events; another workspace's secret does not verify.
 */
import { createHmac } from "node:crypto";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openHarness, type Harness } from "../../testing/harness";
import { expectProblem, signUpWorkspace, type FreshWorkspace } from "../../testing/fixtures";

let h: Harness;
let ws: FreshWorkspace;
let owner: string;
const SECRET = "whsec_test_provider_secret";

beforeAll(async () => {
  h = await openHarness();
  ws = await signUpWorkspace(h, "Hooks Co", "hooks");
  owner = await h.signIn(ws.email, ws.password);
  for (const provider of ["github", "stripe", "slack", "meta"]) {
    const res = await h.call("PUT", `/api/v1/workspaces/${ws.workspaceId}/provider-webhooks/${provider}`, {
      token: owner,
      body: { secret: SECRET, verify_token: "meta-verify-token" },
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { url: string }).url).toMatch(new RegExp(`/api/v1/integrations/webhooks/${provider}/${ws.workspaceId}$`));
  }
});
afterAll(async () => {
  await h.close();
});

const deliver = (provider: string, body: string, headers: Record<string, string>, workspace = ws.workspaceId) =>
  h.call("POST", `/api/v1/integrations/webhooks/${provider}/${workspace}`, { body, headers: { "content-type": "application/json", ...headers } });
const hub = (body: string, secret = SECRET) => `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;

async function eventBody(res: Response) {
  expect(res.status).toBe(202);
  const { event_id } = (await res.json()) as { event_id: string };
  const [ev] = await h.owner<
    { type: string; payload: { provider: string; event_type: string; body: unknown } }[]
  >`select type, payload from domain_events where id = ${event_id}`;
  return ev!;
}

describe("GitHub and Meta (X-Hub-Signature-256)", () => {
  const body = JSON.stringify({ action: "opened", issue: { number: 1 } });
  it("accepts a correct signature and records the event", async () => {
    const ev = await eventBody(await deliver("github", body, { "x-hub-signature-256": hub(body), "x-github-event": "issues" }));
    expect(ev).toMatchObject({ type: "github.webhook_received", payload: { provider: "github", event_type: "issues", body: { action: "opened" } } });
    await eventBody(await deliver("meta", body, { "x-hub-signature-256": hub(body) }));
  });
  it("refuses a wrong secret, a tampered body and a missing header", async () => {
    await expectProblem(await deliver("github", body, { "x-hub-signature-256": hub(body, "other-secret") }), 401);
    await expectProblem(await deliver("github", `${body} `, { "x-hub-signature-256": hub(body) }), 401);
    await expectProblem(await deliver("meta", body, {}), 401);
  });
  it("answers Meta's handshake only with the right verify token", async () => {
    const ok = await h.call(
      "GET",
      `/api/v1/integrations/webhooks/meta/${ws.workspaceId}?hub.mode=subscribe&hub.verify_token=meta-verify-token&hub.challenge=1158201444`,
    );
    expect([ok.status, await ok.text()]).toEqual([200, "1158201444"]);
    await expectProblem(
      await h.call("GET", `/api/v1/integrations/webhooks/meta/${ws.workspaceId}?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1`),
      401,
    );
  });
});

describe("Stripe (Stripe-Signature, 300 s tolerance)", () => {
  const body = JSON.stringify({ id: "evt_1", object: "event", type: "customer.created", data: { object: { id: "cus_1" } } });
  it("accepts a fresh signature", async () => {
    const header = Stripe.webhooks.generateTestHeaderString({ payload: body, secret: SECRET });
    const ev = await eventBody(await deliver("stripe", body, { "stripe-signature": header }));
    expect(ev.payload.event_type).toBe("customer.created");
  });
  it("refuses a signature older than 300 s and a wrong secret", async () => {
    const old = Stripe.webhooks.generateTestHeaderString({ payload: body, secret: SECRET, timestamp: Math.floor(Date.now() / 1000) - 301 });
    await expectProblem(await deliver("stripe", body, { "stripe-signature": old }), 401);
    await expectProblem(
      await deliver("stripe", body, { "stripe-signature": Stripe.webhooks.generateTestHeaderString({ payload: body, secret: "whsec_other" }) }),
      401,
    );
  });
});

describe("Slack (X-Slack-Signature v0)", () => {
  const body = "token=x&team_id=T1&command=%2Fdeploy&text=now";
  const sign = (ts: number, secret = SECRET) => `v0=${createHmac("sha256", secret).update(`v0:${ts}:${body}`).digest("hex")}`;
  it("accepts a fresh signature; a form body is kept as fields", async () => {
    const ts = Math.floor(Date.now() / 1000);
    const ev = await eventBody(
      await deliver("slack", body, {
        "x-slack-request-timestamp": String(ts),
        "x-slack-signature": sign(ts),
        "content-type": "application/x-www-form-urlencoded",
      }),
    );
    expect(ev.payload.body).toMatchObject({ command: "/deploy", text: "now" });
  });
  it("refuses a replayed (old) timestamp and a wrong signature", async () => {
    const old = Math.floor(Date.now() / 1000) - 301;
    await expectProblem(await deliver("slack", body, { "x-slack-request-timestamp": String(old), "x-slack-signature": sign(old) }), 401);
    const ts = Math.floor(Date.now() / 1000);
    await expectProblem(await deliver("slack", body, { "x-slack-request-timestamp": String(ts), "x-slack-signature": sign(ts, "other") }), 401);
  });
});

describe("tenancy", () => {
  it("does not verify with another workspace's secret, and refuses another workspace's configuration", async () => {
    const body = "{}";
    await expectProblem(await deliver("github", body, { "x-hub-signature-256": hub(body) }, h.acmeId), 404);
    const globex = await h.signIn("owner@globex.test");
    await expectProblem(
      await h.call("PUT", `/api/v1/workspaces/${ws.workspaceId}/provider-webhooks/github`, { token: globex, body: { secret: "planted-secret" } }),
      404,
    );
  });
});
