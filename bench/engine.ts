/**
 * `pnpm bench:engine`: the workflow engine under load on a real PostgreSQL (DATABASE_URL; a fresh
 * database `nhood_bench_<stamp>` is created, migrated, seeded and dropped afterwards).
 *
 * N webhook-triggered executions (env N, default 500; CLIENTS concurrent callers, default 20) of a
 * 3-step workflow: `core.transform` → `bench.sink` (an HTTP POST to a local node:http sink) →
 * a condition. Webhooks go through the real Hono app in-process (no socket); steps run on
 * graphile-worker (WORKERS concurrent jobs, default 10) exactly as in production.
 *
 * `--chaos`: the steps run in a separate worker process (bench/engine-worker.ts) that is killed
 * with -9 once 30% of the executions have finished, then replaced; it reports whether every
 * execution still reached a final state, how many side effects the sink applied (one per
 * idempotency key) and how many repeated deliveries it de-duplicated.
 *
 * Prints accepted/s, completed/s, webhook 202 p50/p99 (ms), trigger→completion p50/p99 (ms),
 * step run duration and queue wait p50/p99 (ms) and rows written per execution; the last line is
 * one JSON object with those figures.
 */
import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";
import postgres from "postgres";
import { registerBenchSink, startSinkServer } from "./engine-sink";

const CHAOS = process.argv.includes("--chaos");
const N = Number(process.env.N ?? (CHAOS ? 1000 : 500));
const CLIENTS = Number(process.env.CLIENTS ?? 20);
const WORKERS = Number(process.env.WORKERS ?? 10);

const pct = (xs: number[], p: number) => {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! * 10) / 10;
};

async function main() {
  // per-job info logs would dominate the figures; LOG_LEVEL=info brings them back
  process.env.LOG_LEVEL ??= "warn";
  const { bootstrapDatabase, dropDatabase } = await import("../bff/src/db/bootstrap");
  const { openDatabase } = await import("../bff/src/db/client");
  const { createApp } = await import("../bff/src/app");
  const { seedDemoOnce } = await import("../bff/src/seed/demo");
  const { startWorkers } = await import("../bff/src/jobs/runner");
  const base = process.env.DATABASE_URL;
  if (!base) throw new Error("set DATABASE_URL to a PostgreSQL server (owner rights), e.g. postgres://postgres@127.0.0.1:5432/postgres");
  const name = `nhood_bench_${Date.now().toString(36)}`;
  const ownerUrl = Object.assign(new URL(base), { pathname: `/${name}` }).toString();
  const appUrl = await bootstrapDatabase(ownerUrl);
  const handles = openDatabase(appUrl, 20);
  const owner = postgres(ownerUrl, { max: 2, onnotice: () => {} });
  const sink = await startSinkServer();
  await registerBenchSink(sink.url);
  let workers: { stop: () => Promise<void> } | null = null;
  let chaosWorker: ChildProcess | null = null;
  let killedAt: number | null = null;
  try {
    await seedDemoOnce(handles.db);
    const app = createApp({ db: handles.db, sql: handles.sql, requestsPerHour: async () => 1e9 });
    const signUp = await app.request("/api/v1/workspaces", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: "Bench Co", email: `bench-${Date.now()}@bench.test`, password: "bench-password-123" }) });
    const ws = (await signUp.json()) as { workspace_id: string; api_key: string };
    const created = await app.request(`/api/v1/workspaces/${ws.workspace_id}/workflows`, {
      method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${ws.api_key}` },
      body: JSON.stringify({
        name: "Bench", trigger: { type: "webhook", path: "/bench" },
        steps: [
          { id: "shape", provider: "core", action: "transform", config: { name: "{{ customer.name }}", n: "{{ customer.n }}" } },
          { id: "deliver", provider: "bench", action: "sink", config: { body: "{{ steps.shape.output }}" }, ...(CHAOS ? { timeout: "5s" } : {}) },
          { id: "check", type: "condition", condition: "{{ steps.shape.output.n }} % 2 == 0", then: [], else: [] },
        ],
      }),
    });
    if (created.status !== 201) throw new Error(`workflow not created: ${created.status} ${await created.text()}`);
    const rowsBefore = await countRows(owner);
    const spawnWorker = () => new Promise<ChildProcess>((resolve, reject) => {
      const child = fork(path.join(__dirname, "engine-worker.ts"), [], { execArgv: ["--import", "tsx"], env: { ...process.env, APP_URL: appUrl, SINK_URL: sink.url, WORKERS: String(WORKERS) } });
      child.once("message", () => resolve(child));
      child.once("exit", (code) => reject(new Error(`the worker process exited (${code}) before it was ready`)));
    });
    if (CHAOS) chaosWorker = await spawnWorker();
    else workers = await startWorkers(appUrl, handles.db, WORKERS);

    const accepted: number[] = [];
    let next = 0;
    const t0 = performance.now();
    await Promise.all(Array.from({ length: CLIENTS }, async () => {
      while (next < N) {
        const i = next++;
        const s = performance.now();
        const res = await app.request(`/webhooks/${ws.workspace_id}/bench`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ customer: { name: `c${i}`, n: i } }) });
        if (res.status !== 202) throw new Error(`webhook answered ${res.status}: ${await res.text()}`);
        await res.arrayBuffer();
        accepted.push(performance.now() - s);
      }
    }));
    const acceptSeconds = (performance.now() - t0) / 1000;
    for (;;) {
      const [{ done }] = await owner<{ done: number }[]>`select count(*)::int as done from workflow_executions where status not in ('queued','running')`;
      if (done >= N) break;
      if (CHAOS && killedAt === null && done >= N * 0.3) {
        chaosWorker!.kill("SIGKILL"); // mid-run: some steps are in flight
        killedAt = performance.now();
        console.log(`killed the worker (-9) after ${done} of ${N} executions; starting a new one`);
        chaosWorker = await spawnWorker();
      }
      if (performance.now() - t0 > 600_000) throw new Error(`only ${done} of ${N} executions finished in 10 minutes`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const [{ last }] = await owner<{ last: Date }[]>`select max(finished_at) as last from workflow_executions`;
    const [{ first }] = await owner<{ first: Date }[]>`select min(created_at) as first from workflow_executions`;
    const totals = await owner<{ ms: number; status: string }[]>`select extract(epoch from finished_at - created_at) * 1000 as ms, status from workflow_executions`;
    const steps = await owner<{ dur: number | null; wait: number | null }[]>`
      select r.duration_ms as dur, extract(epoch from r.started_at - r.created_at) * 1000 as wait
      from workflow_step_runs r where r.step_id = 'deliver'`;
    const rowsAfter = await countRows(owner);
    const completedSeconds = (last.getTime() - first.getTime()) / 1000;
    const result = {
      executions: N, clients: CLIENTS, workers: WORKERS,
      succeeded: totals.filter((t) => t.status === "succeeded").length,
      accepted_per_s: Math.round(N / acceptSeconds),
      completed_per_s: Math.round(N / completedSeconds),
      webhook_202_p50_ms: pct(accepted, 50), webhook_202_p99_ms: pct(accepted, 99),
      trigger_to_completion_p50_ms: pct(totals.map((t) => Number(t.ms)), 50), trigger_to_completion_p99_ms: pct(totals.map((t) => Number(t.ms)), 99),
      http_step_duration_p50_ms: pct(steps.map((s) => Number(s.dur ?? 0)), 50), http_step_duration_p99_ms: pct(steps.map((s) => Number(s.dur ?? 0)), 99),
      http_step_queue_wait_p50_ms: pct(steps.map((s) => Number(s.wait ?? 0)), 50), http_step_queue_wait_p99_ms: pct(steps.map((s) => Number(s.wait ?? 0)), 99),
      rows_written_per_execution: Math.round(((rowsAfter - rowsBefore) / N) * 10) / 10,
      ...(CHAOS ? {
        chaos_worker_killed: killedAt !== null,
        chaos_lost_executions: N - totals.length,
        chaos_not_succeeded: totals.filter((t) => t.status !== "succeeded").length,
        chaos_side_effects_applied: sink.applied.size,
        chaos_duplicate_deliveries_deduplicated_by_key: sink.duplicates(),
        chaos_recovery_s: killedAt === null ? null : Math.round((performance.now() - killedAt) / 100) / 10,
      } : {}),
    };
    console.log(`${result.succeeded}/${N} executions succeeded with ${CLIENTS} callers and ${WORKERS} worker slots`);
    console.log(`accepted ${result.accepted_per_s}/s (202 p50 ${result.webhook_202_p50_ms} ms, p99 ${result.webhook_202_p99_ms} ms); completed ${result.completed_per_s}/s`);
    console.log(`trigger→completion p50 ${result.trigger_to_completion_p50_ms} ms, p99 ${result.trigger_to_completion_p99_ms} ms; http step p50 ${result.http_step_duration_p50_ms} ms, queue wait p50 ${result.http_step_queue_wait_p50_ms} ms`);
    console.log(`rows written per execution (executions, step runs, domain events, consumptions, job rows inserted): ${result.rows_written_per_execution}`);
    console.log(JSON.stringify(result));
  } finally {
    await workers?.stop();
    sink.close();
    chaosWorker?.kill("SIGKILL");
    await handles.close();
    await owner.end();
    await dropDatabase(ownerUrl, name);
  }
}

/** Rows inserted so far into the tables an execution writes (pg_stat n_tup_ins, flushed first). */
async function countRows(owner: postgres.Sql): Promise<number> {
  await owner`select pg_stat_force_next_flush()`.catch(() => {});
  const [{ n }] = await owner<{ n: number }[]>`
    select coalesce(sum(n_tup_ins), 0)::int as n from pg_stat_all_tables
    where (schemaname = 'public' and relname in ('workflow_executions','workflow_step_runs','domain_events','event_consumptions','audit_log'))
       or (schemaname = 'graphile_worker' and relname = '_private_jobs')`;
  return n;
}

main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
