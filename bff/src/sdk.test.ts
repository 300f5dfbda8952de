/**
 * The README's API examples, in SDK form (packages/sdk/README.md), against a live BFF over HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serve } from "@hono/node-server";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { ApiError, createNeighbourHood } from "@nhood/sdk";
import { openHarness, type Harness } from "./testing/harness";
import { uniqueEmail } from "./testing/fixtures";

let h: Harness;
let server: ReturnType<typeof serve>;
let baseUrl: string;

beforeAll(async () => {
  h = await openHarness();
  server = serve({ fetch: h.app.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise((r) => server.once("listening", r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  await h.close();
});

describe("the server SDK against a live BFF", () => {
  it("signs up, creates and triggers a workflow, reads the execution, opens a connect session and sends an event", async () => {
    const signUp = await createNeighbourHood({ baseUrl }).workspaces.create({ name: "Initech", email: uniqueEmail("sdk"), password: "a-long-password" });
    expect(signUp.api_key).toMatch(/^nhood_sk_live_/);
    expect(signUp.webhook_secret).toMatch(/^whsec_/);
    const nh = createNeighbourHood({ baseUrl, apiKey: signUp.api_key, workspaceId: signUp.workspace_id });

    const wf = await nh.workflows.create({
      name: "Welcome New Customer",
      trigger: { type: "webhook", path: "/new-customer" },
      steps: [{ id: "hello", provider: "core", action: "transform", config: { greeting: "{{customer.name}}" } }],
    });
    expect(wf.status).toBe("active");
    expect((await nh.workflows.list()).items.map((w) => w.id)).toContain(wf.id);

    const first = await nh.webhooks.trigger("/new-customer", { customer: { name: "Ada" } }, { idempotencyKey: "order-42" });
    const again = await nh.webhooks.trigger("/new-customer", { customer: { name: "Ada" } }, { idempotencyKey: "order-42" });
    expect(again.execution_id).toBe(first.execution_id);
    await h.runJobs();
    const execution = await nh.executions.get(first.execution_id);
    expect(execution.status).toBe("succeeded");

    const link = await nh.connectSessions.create({ end_user_id: "user_123" });
    expect(link.url).toContain("/connect?token=");

    const event = await nh.events.send({ type: "order.created", clientEventId: "order-42", payload: { total: 42 } });
    expect((await nh.events.send({ type: "order.created", clientEventId: "order-42", payload: { total: 42 } })).id).toBe(event.id);
    expect((await nh.events.get(event.id)).type).toBe("order.created");
  });

  it("turns problems into ApiError with the fields at fault", async () => {
    const err = await createNeighbourHood({ baseUrl }).workspaces.create({ name: "", email: "nope", password: "short" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(400);
    expect((err as ApiError).problem.errors?.map((e) => e.pointer).sort()).toEqual(["#/email", "#/name", "#/password"]);
  });

  it("verifies a Standard Webhooks delivery", () => {
    const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    const body = JSON.stringify({ type: "execution.succeeded" });
    const headers = { "webhook-id": "msg_1", "webhook-timestamp": String(Math.floor(Date.now() / 1000)) };
    const signature = new Webhook(secret).sign(headers["webhook-id"], new Date(Number(headers["webhook-timestamp"]) * 1000), body);
    const nh = createNeighbourHood({ baseUrl });
    expect(nh.webhooks.verify(body, { ...headers, "webhook-signature": signature }, secret)).toEqual({ type: "execution.succeeded" });
    expect(() => nh.webhooks.verify(body.replace("succeeded", "failed"), { ...headers, "webhook-signature": signature }, secret)).toThrow();
  });
});
