import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InMemorySpanExporter } from "@opentelemetry/sdk-trace-base";
import { startTracing, stopTracing } from "./tracing";
import { openHarness, type Harness } from "../testing/harness";
import { signUpWorkspace } from "../testing/fixtures";

const exporter = new InMemorySpanExporter();
let h: Harness;
beforeAll(async () => {
  startTracing(exporter);
  h = await openHarness();
});
afterAll(async () => {
  await h.close();
  await stopTracing();
});

describe("tracing", () => {
  it("spans each HTTP request with its route and each batch of domain events dispatched", async () => {
    const token = await h.signIn("dev@acme.test");
    await h.call("POST", `/api/v1/workspaces/${h.acmeId}/api-keys`, { token, body: { name: "traced" } });
    await h.runJobs();
    const spans = exporter.getFinishedSpans();
    const http = spans.find((s) => s.name === "HTTP POST /api/v1/workspaces/:workspace_id/api-keys");
    expect(http?.attributes).toMatchObject({ "http.route": "/api/v1/workspaces/:workspace_id/api-keys", "http.response.status_code": 201 });
    const batch = spans.find((s) => s.name === "dispatch domain events" && Number(s.attributes["nh.events"]) > 0);
    expect(batch?.attributes["nh.events"]).toBeGreaterThanOrEqual(1);
  });

  it("spans each workflow step run inside its execution's run, with the execution id", async () => {
    const ws = await signUpWorkspace(h, "Traced Co", "trace");
    const created = await h.call("POST", `/api/v1/workspaces/${ws.workspaceId}/workflows`, {
      token: ws.apiKey,
      body: {
        name: "Traced",
        trigger: { type: "webhook", path: "/traced" },
        steps: [{ id: "shape", provider: "core", action: "transform", config: { name: "{{customer.name}}" } }],
      },
    });
    expect(created.status).toBe(201);
    const accepted = (await (await h.call("POST", `/webhooks/${ws.workspaceId}/traced`, { body: { customer: { name: "Ada" } } })).json()) as {
      execution_id: string;
    };
    await h.runJobs();
    const step = exporter.getFinishedSpans().find((s) => s.name === "step shape" && s.attributes["nh.execution_id"] === accepted.execution_id);
    expect(step?.attributes["nh.action"]).toBe("core.transform");
    const parent = exporter.getFinishedSpans().find((s) => s.spanContext().spanId === step?.parentSpanId);
    expect(parent?.name).toBe("run execution");
    expect(parent?.attributes["nh.execution_id"]).toBe(accepted.execution_id);
  });
});
