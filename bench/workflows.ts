/**
 * `pnpm bench:workflows`: the workflow engine under load, deployed as in production — a web
 * process and a worker process (bff/src/server.ts `--web` / `--worker`) on a real PostgreSQL: the
 * embedded one under `.data/bench` (git-ignored) by default, or the server in DATABASE_URL
 * (owner rights). A fresh database `nhood_bench_<stamp>` is created, migrated and dropped after.
 *
 * The workflow is the 3-step shape: `core.transform` → `http.request` (POST to a local
 * node:http sink, allowed through the SSRF guard by NH_OUTBOUND_ALLOWLIST=127.0.0.1/32) → a
 * condition. Two phases, webhooks over real HTTP:
 * 1. latency: RATE webhooks/s (default 200) for LATENCY_N executions (default 2,000), open loop
 *    (each request leaves on schedule, whatever the earlier ones do) → webhook 202 p50/p99 and
 *    trigger→completion p50/p99 at that rate;
 * 2. throughput: N executions (default 3,000) sent by CLIENTS concurrent callers (default 32) as
 *    fast as they are accepted → accepted/s and completed/s (first trigger to last completion).
 * WORKERS (default 16) is the worker process's job concurrency.
 *
 * `--chaos`: phase 2 only, N = 1,000, the worker process is killed with -9 once 30 % of the
 * executions have finished, then replaced; reports whether every execution reached a final
 * state, how many side effects the sink applied (one per idempotency key) and how many repeated
 * deliveries it de-duplicated, and how long recovery took.
 *
 * The last line is one JSON object with every figure, plus rows written per execution (inserts
 * into the execution, step run, domain event, consumption, audit, ingested event and job tables)
 * and database transactions per execution (every process, the job queue's included).
 */
import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import postgres from "postgres";

const CHAOS = process.argv.includes("--chaos");
const RATE = Number(process.env.RATE ?? 200);
const LATENCY_N = CHAOS ? 0 : Number(process.env.LATENCY_N ?? 2000);
const N = Number(process.env.N ?? (CHAOS ? 1000 : 3000));
const CLIENTS = Number(process.env.CLIENTS ?? 32);
const WORKERS = Number(process.env.WORKERS ?? 16);
const bffDir = path.resolve(__dirname, "../bff");

const pct = (xs: number[], p: number) => {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! * 10) / 10;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** The third party: applies each idempotency key once; a repeated key counts as a duplicate delivery. */
async function startSink() {
  const applied = new Set<string>();
  let duplicates = 0;
  const server = http.createServer((req, res) => {
    const key = String(req.headers["idempotency-key"] ?? "");
    req.resume();
    req.on("end", () => {
      if (applied.has(key)) duplicates += 1;
      else applied.add(key);
      res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/sink`,
    applied,
    duplicates: () => duplicates,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

function startBff(args: string[], env: Record<string, string>): ChildProcess {
  const prof = process.env.BENCH_CPU_PROF ? [`--cpu-prof`, `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const child = spawn(process.execPath, [...prof, "--import", "tsx", "src/server.ts", ...args], {
    cwd: bffDir,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, LOG_LEVEL: "warn", NHOOD_SEED: "0", NH_OUTBOUND_ALLOWLIST: "127.0.0.1/32", ...env },
  });
  return child;
}

async function main() {
  process.env.LOG_LEVEL ??= "warn";
  const { bootstrapDatabase, dropDatabase } = await import("../bff/src/db/bootstrap");
  const { openDatabase } = await import("../bff/src/db/client");
  const { createApp } = await import("../bff/src/app");
  const { startEmbeddedPostgres } = await import("../bff/src/db/embedded");
  let embedded: { url: string; stop: () => Promise<void> } | null = null;
  let base = process.env.DATABASE_URL;
  if (!base) {
    embedded = await startEmbeddedPostgres("bench", Number(process.env.NHOOD_BENCH_PG_PORT ?? 54339));
    base = embedded.url;
  }
  const name = `nhood_bench_${Date.now().toString(36)}`;
  const ownerUrl = Object.assign(new URL(base), { pathname: `/${name}` }).toString();
  const appUrl = await bootstrapDatabase(ownerUrl);
  const owner = postgres(ownerUrl, { max: 2, onnotice: () => {} });
  const sink = await startSink();
  const children: ChildProcess[] = [];
  let handles: ReturnType<typeof openDatabase> | null = null;
  try {
    // the workspace and the workflow, through the API in this process
    handles = openDatabase(appUrl, 2);
    const setup = createApp({ db: handles.db, sql: handles.sql, requestsPerHour: async () => 1e9 });
    const signUp = await setup.request("/api/v1/workspaces", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "Bench Co", email: `bench-${Date.now()}@bench.test`, password: "bench-password-123" }),
    });
    const ws = (await signUp.json()) as { workspace_id: string; api_key: string };
    const created = await setup.request(`/api/v1/workspaces/${ws.workspace_id}/workflows`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${ws.api_key}` },
      body: JSON.stringify({
        name: "Bench",
        trigger: { type: "webhook", path: "/bench" },
        steps: [
          { id: "shape", provider: "core", action: "transform", config: { name: "{{ customer.name }}", n: "{{ customer.n }}" } },
          {
            id: "deliver",
            provider: "http",
            action: "request",
            config: { method: "POST", url: sink.url, body: "{{ steps.shape.output }}" },
            retry: { max_attempts: 3 },
            ...(CHAOS ? { timeout: "5s" } : {}),
          },
          { id: "check", type: "condition", condition: "{{ steps.shape.output.n }} % 2 == 0", then: [], else: [] },
        ],
      }),
    });
    if (created.status !== 201) throw new Error(`workflow not created: ${created.status} ${await created.text()}`);

    const port = await freePort();
    const web = startBff(["--web"], { DATABASE_URL: ownerUrl, PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}` });
    children.push(web);
    const spawnWorker = () => {
      const w = startBff(["--worker"], { DATABASE_URL: ownerUrl, WORKER_CONCURRENCY: String(WORKERS) });
      children.push(w);
      return w;
    };
    let worker = spawnWorker();
    const baseUrl = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i++) {
      if (
        await fetch(`${baseUrl}/api/health`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      if (i > 600) throw new Error("the web process did not become healthy");
      await sleep(100);
    }
    const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
    let seq = 0;
    const fire = () =>
      new Promise<number>((resolve, reject) => {
        const i = seq++;
        const body = JSON.stringify({ customer: { name: `c${i}`, n: i } });
        const s = performance.now();
        const req = http.request(
          `${baseUrl}/webhooks/${ws.workspace_id}/bench`,
          { method: "POST", agent, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) } },
          (res) => {
            res.resume();
            res.on("end", () => (res.statusCode === 202 ? resolve(performance.now() - s) : reject(new Error(`webhook answered ${res.statusCode}`))));
          },
        );
        req.on("error", reject);
        req.end(body);
      });
    const rowsBefore = await countRows(owner);
    const xactBefore = await countTransactions(owner, name);
    const waitFor = async (total: number, onProgress?: (done: number) => Promise<void>) => {
      const t = performance.now();
      for (;;) {
        const [{ done }] = await owner<{ done: number }[]>`select count(*)::int as done from workflow_executions where status not in ('queued','running')`;
        if (done >= total) return;
        await onProgress?.(done);
        if (performance.now() - t > 900_000) throw new Error(`only ${done} of ${total} executions finished in 15 minutes`);
        await sleep(50);
      }
    };

    // phase 1: latency at a fixed offered rate (open loop)
    const latency: number[] = [];
    if (LATENCY_N) {
      const t0 = performance.now();
      const pending: Promise<void>[] = [];
      for (let i = 0; i < LATENCY_N; i++) {
        const due = t0 + (i * 1000) / RATE;
        const wait = due - performance.now();
        if (wait > 0) await sleep(wait);
        pending.push(
          fire().then((ms) => {
            latency.push(ms);
          }),
        );
      }
      await Promise.all(pending);
      await waitFor(LATENCY_N);
    }
    const phase1 = await owner<{ ms: number }[]>`select extract(epoch from finished_at - created_at) * 1000 as ms from workflow_executions`;

    // phase 2: throughput (closed loop, as fast as accepted)
    const accepted: number[] = [];
    let sent = 0;
    let killedAt: number | null = null;
    const t1 = performance.now();
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (sent < N) {
          sent++;
          accepted.push(await fire());
        }
      }),
    );
    const acceptSeconds = (performance.now() - t1) / 1000;
    await waitFor(LATENCY_N + N, async (done) => {
      if (CHAOS && killedAt === null && done >= N * 0.3) {
        worker.kill("SIGKILL"); // mid-run: some steps are in flight
        killedAt = performance.now();
        console.log(`killed the worker (-9) after ${done} of ${N} executions; starting a new one`);
        worker = spawnWorker();
      }
    });
    const recovery = killedAt === null ? null : Math.round((performance.now() - killedAt) / 100) / 10;
    const [{ first, last }] = await owner<{ first: Date; last: Date }[]>`
      select min(created_at) as first, max(finished_at) as last from (select * from workflow_executions order by created_at offset ${LATENCY_N}) e`;
    const totals = await owner<{ status: string; n: number }[]>`select status, count(*)::int as n from workflow_executions group by status`;
    // the executions' domain events are dispatched after them: count once that has caught up
    for (let i = 0; i < 600; i++) {
      const [{ left }] = await owner<
        { left: number }[]
      >`select count(*)::int as left from graphile_worker.jobs where task_identifier = 'domain_event.dispatch'`;
      if (!left) break;
      await sleep(100);
    }
    const rowsAfter = await countRows(owner);
    const xactAfter = await countTransactions(owner, name);
    const succeeded = totals.find((t) => t.status === "succeeded")?.n ?? 0;
    const all = totals.reduce((a, t) => a + t.n, 0);
    const result = {
      executions: LATENCY_N + N,
      workers: WORKERS,
      clients: CLIENTS,
      offered_rate_per_s: LATENCY_N ? RATE : null,
      succeeded,
      webhook_202_p50_ms: LATENCY_N ? pct(latency, 50) : null,
      webhook_202_p99_ms: LATENCY_N ? pct(latency, 99) : null,
      trigger_to_completion_p50_ms: LATENCY_N
        ? pct(
            phase1.map((r) => Number(r.ms)),
            50,
          )
        : null,
      trigger_to_completion_p99_ms: LATENCY_N
        ? pct(
            phase1.map((r) => Number(r.ms)),
            99,
          )
        : null,
      accepted_per_s: Math.round(N / acceptSeconds),
      completed_per_s: Math.round(N / ((last.getTime() - first.getTime()) / 1000)),
      webhook_202_p99_ms_at_full_load: pct(accepted, 99),
      rows_written_per_execution: Math.round(((rowsAfter - rowsBefore) / (LATENCY_N + N)) * 10) / 10,
      transactions_per_execution: Math.round(((xactAfter - xactBefore) / (LATENCY_N + N)) * 10) / 10,
      ...(CHAOS
        ? {
            chaos_worker_killed: killedAt !== null,
            chaos_lost_executions: N - all,
            chaos_not_succeeded: all - succeeded,
            chaos_side_effects_applied: sink.applied.size,
            chaos_duplicate_side_effects: Math.max(0, sink.applied.size - N),
            chaos_repeated_deliveries_deduplicated_by_key: sink.duplicates(),
            chaos_recovery_s: recovery,
          }
        : {}),
    };
    console.log(`${succeeded}/${LATENCY_N + N} executions succeeded; worker concurrency ${WORKERS}`);
    if (LATENCY_N)
      console.log(
        `at ${RATE} webhooks/s: 202 p50 ${result.webhook_202_p50_ms} ms, p99 ${result.webhook_202_p99_ms} ms; trigger→completion p50 ${result.trigger_to_completion_p50_ms} ms, p99 ${result.trigger_to_completion_p99_ms} ms`,
      );
    console.log(
      `as fast as possible (${CLIENTS} callers): accepted ${result.accepted_per_s}/s, completed ${result.completed_per_s}/s (202 p99 ${result.webhook_202_p99_ms_at_full_load} ms)`,
    );
    console.log(
      `per execution: ${result.rows_written_per_execution} rows written, ${result.transactions_per_execution} transactions (web, worker and job queue together)`,
    );
    console.log(JSON.stringify(result));
  } finally {
    // SIGTERM (a clean stop writes BENCH_CPU_PROF profiles), then -9 for anything left
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGTERM");
    await sleep(2000);
    for (const c of children) c.kill("SIGKILL");
    sink.close();
    await handles?.close();
    await owner.end();
    await sleep(200);
    await dropDatabase(ownerUrl, name).catch(() => {});
    await embedded?.stop();
  }
}

/** Transactions committed or rolled back so far in database `name` (all backends; flushed first). */
async function countTransactions(owner: postgres.Sql, name: string): Promise<number> {
  await owner`select pg_stat_force_next_flush()`.catch(() => {});
  const [{ n }] = await owner<{ n: number }[]>`select (xact_commit + xact_rollback)::int as n from pg_stat_database where datname = ${name}`;
  return n;
}

/** Rows inserted so far into the tables an execution writes (pg_stat n_tup_ins, flushed first). */
async function countRows(owner: postgres.Sql): Promise<number> {
  await sleep(1500); // other backends flush their counters at most once a second
  await owner`select pg_stat_force_next_flush()`.catch(() => {});
  const [{ n }] = await owner<{ n: number }[]>`
    select coalesce(sum(n_tup_ins), 0)::int as n from pg_stat_all_tables
    where (schemaname = 'public' and relname in ('workflow_executions','workflow_step_runs','domain_events','event_consumptions','audit_log','ingested_events'))
       or (schemaname = 'graphile_worker' and relname = '_private_jobs')`;
  return n;
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
