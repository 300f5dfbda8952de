/**
 * Prometheus metrics (prom-client), served at `/metrics` in the text exposition format.
 * Process-local counters and histograms are summed across processes by Prometheus; queue and
 * execution figures are read from PostgreSQL at scrape time, so every process reports the same.
 */
import client from "prom-client";

export const registry = new client.Registry();
// the event-loop lag histogram samples every 100 ms, not prom-client's default 10 ms: 100 timer
// wake-ups a second cost an idle process about 0.8 % of a core (decision 019)
client.collectDefaultMetrics({ register: registry, prefix: "nh_", eventLoopMonitoringPrecision: 100 });

export const httpRequests = new client.Counter({
  name: "nh_http_requests_total",
  help: "HTTP requests by method, route pattern and status",
  labelNames: ["method", "route", "status"] as const,
  registers: [registry],
});

export const httpDuration = new client.Histogram({
  name: "nh_http_request_duration_seconds",
  help: "HTTP request latency by method and route pattern",
  labelNames: ["method", "route"] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [registry],
});

export const domainEventsDispatched = new client.Counter({
  name: "nh_domain_events_dispatched_total",
  help: "Domain events handed to their consumers, by type (token refreshes, webhook deliveries, integration calls… are types)",
  labelNames: ["type"] as const,
  registers: [registry],
});

export const jobsProcessed = new client.Counter({
  name: "nh_jobs_processed_total",
  help: "Jobs run by this process's workers, by task and outcome",
  labelNames: ["task", "outcome"] as const,
  registers: [registry],
});

/** Registers a gauge whose value is read (e.g. from PostgreSQL) at each scrape. */
export function scrapeGauge<L extends string>(
  name: string,
  help: string,
  labelNames: readonly L[],
  read: () => Promise<{ labels: Record<L, string>; value: number }[]>,
): void {
  new client.Gauge({
    name,
    help,
    labelNames,
    registers: [registry],
    async collect() {
      this.reset();
      try {
        for (const row of await read()) this.set(row.labels, row.value);
      } catch {
        // a scrape during a database outage reports no value rather than failing /metrics
      }
    },
  });
}

export const integrationCalls = new client.Counter({
  name: "nh_integration_calls_total",
  help: "Provider action calls by provider, action and outcome (succeeded, failed, retryable)",
  labelNames: ["provider", "action", "outcome"] as const,
  registers: [registry],
});

export const tokenRefreshes = new client.Counter({
  name: "nh_token_refreshes_total",
  help: "OAuth token refreshes of end-user connections by provider and outcome",
  labelNames: ["provider", "outcome"] as const,
  registers: [registry],
});

export const webhookDeliveryAttempts = new client.Counter({
  name: "nh_webhook_delivery_attempts_total",
  help: "Outgoing webhook delivery attempts by outcome (succeeded, failed)",
  labelNames: ["outcome"] as const,
  registers: [registry],
});
