/**
 * The SDK against a live BFF over HTTP; the first test runs packages/sdk/README.md's example
 * itself (its types stripped by the TypeScript compiler), so the README stays true.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serve } from "@hono/node-server";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { ApiError, createNeighbourHood, type ExecutionDetail, type IngestedEvent, type WorkflowDetail } from "@nhood/sdk";
import { openHarness, type Harness } from "./testing/harness";
import fs from "node:fs";
import ts from "typescript";

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

/** What the README's example binds (the names the test asks for). */
interface ReadmeValues {
  api_key: string;
  workspace_id: string;
  execution_id: string;
  url: string;
  missing: unknown;
  wf: WorkflowDetail;
  execution: ExecutionDetail;
  event: IngestedEvent;
  verifyDelivery: (body: string, headers: Record<string, string>, secret: string) => unknown;
}

/**
 * Runs the README's first `ts` block as an async function body (its import line replaced by the
 * real SDK, `process.env.NHOOD_URL` by the live server) and answers the values it bound.
 */
async function runReadmeExample(names: string[]): Promise<ReadmeValues> {
  const readme = fs.readFileSync(new URL("../../packages/sdk/README.md", import.meta.url), "utf8");
  const code = /```ts\n([\s\S]*?)```/.exec(readme)![1]!.replace(/^import .*$/m, "");
  const js = ts.transpileModule(code, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext } }).outputText;
  const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => (...a: unknown[]) => Promise<ReadmeValues>;
  const body = `${js.replace(/^export \{\};?$/m, "")}\nreturn { api_key, ${names.join(", ")} };`;
  const quiet = { ...console, log: () => {} };
  return new AsyncFunction("createNeighbourHood", "ApiError", "process", "console", body)(
    createNeighbourHood,
    ApiError,
    { env: { NHOOD_URL: baseUrl } },
    quiet,
  );
}

describe("the server SDK against a live BFF", () => {
  it("runs the README example as written: signs up, publishes and triggers a workflow, opens a connect session, sends an event", async () => {
    const ran = await runReadmeExample(["workspace_id", "wf", "execution_id", "execution", "url", "event", "missing", "verifyDelivery"]);
    expect(ran.wf.status).toBe("active");
    expect(ran.wf.version).toBe(1);
    expect(ran.execution.status).toBe("queued");
    expect(ran.url).toContain("/connect?token=");
    expect(ran.event.type).toBe("order.created");
    expect(ran.missing).toBeInstanceOf(ApiError);
    expect((ran.missing as ApiError).status).toBe(404);
    expect(typeof ran.verifyDelivery).toBe("function");

    // what the README promises next: the same key gives the same execution, and a worker runs it
    const nh = createNeighbourHood({ baseUrl, apiKey: ran.api_key, workspaceId: ran.workspace_id });
    const again = await nh.webhooks.trigger("/new-customer", { customer: { name: "Ada" } }, { idempotencyKey: "order-42" });
    expect(again.execution_id).toBe(ran.execution_id);
    await h.runJobs();
    const done = await nh.executions.get(ran.execution_id);
    expect(done.status).toBe("succeeded");
    expect(JSON.stringify(done)).toContain("Welcome, Ada!");
    expect(JSON.stringify(done)).toContain('"notification_count":1');
    expect((await nh.workflows.list()).items.map((w) => w.id)).toContain(ran.wf.id);
    expect((await nh.events.send({ type: "order.created", clientEventId: "order-42", payload: { total: 42 } })).id).toBe(ran.event.id);
    expect((await nh.events.get(ran.event.id)).type).toBe("order.created");
  });

  it("turns problems into ApiError with the fields at fault", async () => {
    const err = await createNeighbourHood({ baseUrl })
      .workspaces.create({ name: "", email: "nope", password: "short" })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(400);
    expect((err as ApiError).problem.errors?.map((e) => e.pointer).sort()).toEqual(["#/email", "#/name", "#/password"]);
  });

  it("registers, syncs, reads and deletes users and user roles", async () => {
    const signUp = (await (
      await h.call("POST", "/api/v1/workspaces", {
        body: { name: "SDK Users Co", email: `sdk-users-${Date.now()}@fresh.test`, password: "fresh-password-123" },
      })
    ).json()) as { workspace_id: string; api_key: string };
    const nh = createNeighbourHood({ apiKey: signUp.api_key, workspaceId: signUp.workspace_id, baseUrl });
    expect(await nh.roles.create({ key: "finance" })).toMatchObject({ key: "finance", user_count: 0 });
    expect(await nh.users.create({ externalUserId: "user_44", email: "ada@example.com", roles: ["finance"] })).toMatchObject({ external_user_id: "user_44" });
    const sync = await nh.users.sync([{ externalUserId: "user_45" }, { externalUserId: "user_44", name: "Ada" }, { externalUserId: "bad", roles: ["ghost"] }]);
    expect(sync.items.map((i) => i.outcome)).toEqual(["created", "updated", "failed"]);
    expect(await nh.users.get("user_44")).toMatchObject({ name: "Ada", roles: ["finance"] });
    expect(await nh.users.preferences.set("user_44", { muted_channels: ["email"] })).toEqual({ muted_event_types: [], muted_channels: ["email"] });
    await nh.users.delete("user_44");
    const missing = await nh.users.get("user_44").catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(ApiError);
    expect((await nh.roles.list()).items).toEqual([expect.objectContaining({ key: "finance", user_count: 0 })]);
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
