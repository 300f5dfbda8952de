import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InMemorySpanExporter } from "@opentelemetry/sdk-trace-base";
import { startTracing, stopTracing } from "./tracing";
import { openHarness, type Harness } from "../testing/harness";

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
  it("spans each HTTP request with its route and each job with its task", async () => {
    const token = await h.signIn("dev@acme.test");
    await h.call("POST", `/api/v1/workspaces/${h.acmeId}/api-keys`, { token, body: { name: "traced" } });
    await h.runJobs();
    const spans = exporter.getFinishedSpans();
    const http = spans.find((s) => s.name === "HTTP POST /api/v1/workspaces/:workspace_id/api-keys");
    expect(http?.attributes).toMatchObject({ "http.route": "/api/v1/workspaces/:workspace_id/api-keys", "http.response.status_code": 201 });
    const job = spans.find((s) => s.name === "job domain_event.dispatch");
    expect(job?.attributes["nh.task"]).toBe("domain_event.dispatch");
  });
});
