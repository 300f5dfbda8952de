import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openHarness, type Harness } from "../../testing/harness";

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(async () => {
  await h.close();
});
afterEach(() => {
  delete process.env.METRICS_TOKEN;
});

describe("/metrics", () => {
  it("reports requests by route pattern with latency, and the job queue", async () => {
    const token = await h.signIn("dev@acme.test");
    await h.call("GET", `/api/v1/workspaces/${h.acmeId}/workflows`, { token });
    const res = await h.call("GET", "/metrics");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(text).toMatch(/nh_http_requests_total\{method="GET",route="\/api\/v1\/workspaces\/:workspace_id\/workflows",status="200"\} \d+/);
    expect(text).toMatch(
      /nh_http_request_duration_seconds_bucket\{le="0\.005",method="GET",route="\/api\/v1\/auth\/login"\}|nh_http_request_duration_seconds_bucket\{le="[0-9.]+",method="POST",route="\/api\/v1\/auth\/login"\}/,
    );
    expect(text).toContain("# TYPE nh_job_queue_depth gauge");
    // the sign-in's domain event waits in the outbox queue: no dispatcher runs in this file
    expect(text).toMatch(/nh_domain_event_queue_depth\{state="due"\} [1-9]/);
    expect(text).toMatch(/nh_domain_event_queue_oldest_age_seconds \d/);
    for (const name of [
      "nh_integration_calls_total",
      "nh_token_refreshes_total",
      "nh_webhook_delivery_attempts_total",
      "nh_domain_events_dispatched_total",
      "nh_executions",
    ]) {
      expect(text).toContain(`# TYPE ${name} `);
    }
    expect(text).not.toContain(h.acmeId);
  });

  it("requires the scraper's token when METRICS_TOKEN is set", async () => {
    process.env.METRICS_TOKEN = "scrape-secret";
    expect((await h.call("GET", "/metrics")).status).toBe(401);
    expect((await h.call("GET", "/metrics", { token: "scrape-secret" })).status).toBe(200);
  });
});
