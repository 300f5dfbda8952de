/**
 * `/metrics`: request rate and latency per route, job queue depth and age per task, the domain
 * events waiting for their dispatch (decision 023), executions
 * by status, and domain events by type (token refreshes, webhook deliveries, integration call
 * outcomes). Set `METRICS_TOKEN` to require `Authorization: Bearer <token>` from the scraper.
 */
import { Hono } from "hono";
import type { AppEnv, Deps } from "../../lib/http";
import { registry, scrapeGauge } from "../../lib/metrics";
import { withPlatform } from "../../db/tenant";
import { safeEqual } from "../../lib/secrets";
import { Unauthorized } from "../../lib/errors";
import { describeRoute } from "../../lib/describe";
import { executionCountsByStatus } from "../workflows";
import { eventQueueBacklog } from "../../kernel/dispatch";

let registered = false;

function registerDatabaseGauges(deps: Deps): void {
  if (registered) return;
  registered = true;
  scrapeGauge("nh_job_queue_depth", "Jobs waiting to run (due now), by task", ["task"], async () => {
    const rows = await deps.sql<{ task: string; n: number }[]>`
      select task_identifier as task, count(*)::int as n from graphile_worker.jobs
      where locked_at is null and run_at <= now() and attempts < max_attempts group by 1`;
    return rows.map((r) => ({ labels: { task: r.task }, value: r.n }));
  });
  scrapeGauge("nh_job_queue_oldest_age_seconds", "Age of the oldest due job, by task", ["task"], async () => {
    const rows = await deps.sql<{ task: string; age: number }[]>`
      select task_identifier as task, extract(epoch from now() - min(run_at))::float8 as age from graphile_worker.jobs
      where locked_at is null and run_at <= now() and attempts < max_attempts group by 1`;
    return rows.map((r) => ({ labels: { task: r.task }, value: r.age }));
  });
  // domain events wait in their own outbox queue, not in graphile-worker's (decision 023)
  scrapeGauge("nh_domain_event_queue_depth", "Domain events not yet dispatched, by state (due, retrying, dead)", ["state"], async () => {
    const b = await eventQueueBacklog(deps.db);
    return (["due", "retrying", "dead"] as const).map((state) => ({ labels: { state }, value: b[state] }));
  });
  scrapeGauge("nh_domain_event_queue_oldest_age_seconds", "Age of the oldest domain event waiting for its dispatch", [], async () => {
    const b = await eventQueueBacklog(deps.db);
    return [{ labels: {}, value: b.oldestDueSeconds }];
  });
  // what the database did, for benches to divide by their work (decision 036): transactions from
  // pg_stat_database, statements from pg_stat_statements when the server loads it (else absent)
  scrapeGauge("nh_db_transactions", "Transactions committed or rolled back in this database since its statistics were reset", [], async () => {
    const [row] = await deps.sql<{ n: string }[]>`
      select xact_commit + xact_rollback as n from pg_stat_database where datname = current_database()`;
    return row ? [{ labels: {}, value: Number(row.n) }] : [];
  });
  scrapeGauge("nh_db_statements", "Statements run in this database (pg_stat_statements calls; absent without the extension)", [], async () => {
    const [has] = await deps.sql<{ ok: boolean }[]>`select to_regclass('pg_stat_statements') is not null as ok`;
    if (!has?.ok) return [];
    const [row] = await deps.sql<{ n: string | null }[]>`
      select sum(calls) as n from pg_stat_statements where dbid = (select oid from pg_database where datname = current_database())`;
    return [{ labels: {}, value: Number(row?.n ?? 0) }];
  });
  scrapeGauge("nh_executions", "Workflow executions by status", ["status"], async () => {
    const rows = await withPlatform(deps.db, executionCountsByStatus);
    return rows.map((r) => ({ labels: { status: r.status }, value: r.n }));
  });
}

export function metricsRoutes(deps: Deps) {
  registerDatabaseGauges(deps);
  return new Hono<AppEnv>().get(
    "/metrics",
    describeRoute({
      summary: "Scrape Prometheus metrics",
      tags: ["platform"],
      operationId: "getMetrics",
      security: "none",
      description:
        "Prometheus text exposition: request rate and latency per route, job queue depth and age per task, executions by status and domain events by type. With `METRICS_TOKEN` set, the scraper must send `Authorization: Bearer <token>` (else 401).",
      responses: { 200: { description: "The metrics", contentType: "text/plain" } },
      errors: [401],
    }),
    async (c) => {
      const token = process.env.METRICS_TOKEN;
      if (token && !safeEqual(c.req.header("authorization") ?? "", `Bearer ${token}`)) throw new Unauthorized("A metrics token is required.");
      return c.text(await registry.metrics(), 200, { "content-type": registry.contentType });
    },
  );
}
