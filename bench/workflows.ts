/**
 * `pnpm bench:workflows [mode] [--profile]`: the workflow engine under load, driven only from
 * outside — webhooks over real HTTP, database counters, process signals — so it measures any
 * engine that keeps the webhook API and the `workflow_executions` table. It runs on a real
 * PostgreSQL: the embedded one under `.data/bench` (git-ignored) by default, or the server in
 * DATABASE_URL (owner rights). A fresh database `nhood_bench_<stamp>` is created, migrated and
 * dropped after. The workflow is the issue's 3-step shape: `core.transform` → `http.request`
 * (POST to a local node:http sink, allowed through the SSRF guard by NH_OUTBOUND_ALLOWLIST) → a
 * condition. "Trigger → completion" is from the moment the bench sends the webhook to the
 * execution's `finished_at` (same machine, same clock).
 *
 * Modes (one at a time):
 * - default: a `--web` and a `--worker` process (bff/src/server.ts) as deployed. Phase 1:
 *   WARMUP_S seconds at RATE/s (counted as executions, not in the percentiles: a just-started
 *   process opens its connections and compiles its code), then LATENCY_N webhooks at RATE/s, open
 *   loop (each leaves on schedule, whatever the earlier ones do) → webhook 202 and
 *   trigger→completion p50/p99; BENCH_TRACE (a file) gets one line per measured webhook: when it
 *   left (ms from the first), its 202's time and how long after leaving its group commit's
 *   transaction began (ms), to tell a slow commit from a wait for one. Phase 2: N webhooks sent by CLIENTS
 *   concurrent callers as fast as they are answered → accepted/s and completed/s (first trigger to
 *   last completion).
 * - `--chaos`: phase 2 only, N = 1,000 (step timeout 5 s); the worker is killed with -9 once 30 %
 *   of the executions are final and a new one is started; reports lost executions, side effects
 *   applied (the sink applies each idempotency key once), repeated deliveries it de-duplicated,
 *   and how long after the new worker started every execution was final (target ≤ 10 s).
 * - `--sustained RATE`: one process as `pnpm start` runs it (web and workers, the default job
 *   slots unless WORKERS is set); RATE webhooks/s (default 200) open loop for WARMUP_S + DURATION_S
 *   seconds; percentiles cover the DURATION_S window after the warm-up; reports whether it kept up
 *   (every webhook 202 and at most one second of traffic unfinished when the last answer came) and
 *   passes (kept up and trigger→completion p99 ≤ 500 ms).
 * - `--fairness`: web + worker; after a WARMUP_S warm-up, workspace B sends FAIR_RATE/s for
 *   DURATION_S alone, then again while workspace A floods (CLIENTS callers as fast as answered,
 *   or FLOOD_RATE/s open loop; a closed-loop caller answered 429 waits its Retry-After); pass = B's
 *   trigger→completion p50 with the flood ≤ 2 × alone.
 * - `--profile` (with any mode): every BFF process runs with `--cpu-prof` into
 *   `.data/bench-profiles/<stamp>` (or BENCH_CPU_PROF), stopped with SIGTERM so the profile is
 *   written; prints the top PROFILE_TOP (default 15) self-time functions of each process in the
 *   time the load ran (samples from start-up and the statistics waits are left out).
 *
 * Env: RATE (200), LATENCY_N (2,000), N (3,000; chaos 1,000), CLIENTS (32), WORKERS (job slots of
 * the worker process, 16), DURATION_S (sustained 60, fairness 20), WARMUP_S (5), BENCH_TRACE,
 * BENCH_NODE_FLAGS (extra flags for the BFF processes' node, space-separated: `--trace-gc`),
 * FAIR_RATE (20), FLOOD_RATE (unset: closed loop), TASKSET_WEB / TASKSET_WORKER (a `taskset -c`
 * CPU list for the web process — also the single process of --sustained — and the worker),
 * PROFILE_TOP, BENCH_CPU_PROF, DATABASE_URL, NHOOD_BENCH_PG_PORT (embedded, 54339).
 *
 * The last line is one JSON object. Always: `mode`, `database`, `taskset`. default/chaos:
 * `executions`, `workers`, `clients`, `offered_rate_per_s`, `succeeded`, `not_succeeded` (the most
 * frequent statuses and errors of the others, with counts), `webhook_202_p50_ms`,
 * `webhook_202_p99_ms`, `trigger_to_completion_p50_ms`, `trigger_to_completion_p99_ms`,
 * `accepted_per_s`, `completed_per_s`, `webhook_202_p99_ms_at_full_load`; chaos adds
 * `chaos_worker_killed`, `chaos_killed_after`, `chaos_lost_executions`, `chaos_not_succeeded`,
 * `chaos_side_effects_applied`, `chaos_duplicate_side_effects`,
 * `chaos_repeated_deliveries_deduplicated_by_key`, `chaos_recovery_s` (from the kill) and
 * `chaos_final_within_s_of_new_worker`. sustained: `offered_rate_per_s`, `duration_s`,
 * `warmup_s`, `workers`, `executions`, `not_accepted`, `not_accepted_by` (also default/chaos: by status, and for
 * no answer (0) by the client's error code), `succeeded`, `not_succeeded`, `webhook_202_p50_ms`,
 * `webhook_202_p99_ms`, `trigger_to_completion_p50_ms`, `trigger_to_completion_p99_ms`,
 * `trigger_to_completion_max_ms`, `backlog_at_end`, `drain_s`, `sender_max_lag_ms`, `kept_up`,
 * `target_p99_ms`, `pass`. default/chaos/sustained also: `rows_per_execution` (rows inserted, every
 * table, partitions counted under their parent), `row_updates_per_execution`,
 * `transactions_per_execution` (every process, the job queue's included) and
 * `rows_per_execution_by_table`. fairness: `fair_rate_per_s`, `duration_s`, `flood`,
 * `b_alone_p50_ms`, `b_alone_p99_ms`, `b_flooded_p50_ms`, `b_flooded_p99_ms`,
 * `b_flooded_202_p99_ms`, `p50_ratio`, `b_hops_ms` (alone and flooded: where B's time went, see `hops`), `b_flooded_not_completed`, `a_flood_sent`, `a_flood_accepted_per_s` (while B sent),
 * `a_flood_refused_429` (a closed-loop caller refused waits its Retry-After), `a_completed_per_s` (A's executions
 * that ended while B sent), `a_unfinished_when_b_done`, `pass`. Every mode with an `executions` count: `cpu_ms_per_execution`
 * (user + system CPU of each BFF process and of the bench database's PostgreSQL backends while the
 * load ran, from /proc, per execution: unlike wall-clock figures it hardly moves when the machine
 * is shared). With --profile: `profiles` ({process: {busy_ms, idle_ms, top}}).
 */
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import postgres from "postgres";
import { percentile, summariseCpuProfile } from "./lib.mjs";

const argv = process.argv.slice(2);
const modes = ["--sustained", "--fairness", "--chaos"].filter((m) => argv.includes(m));
if (modes.length > 1) throw new Error(`choose one mode, not ${modes.join(" and ")}`);
const MODE = modes[0]?.slice(2) ?? "default";
const CHAOS = MODE === "chaos";
const num = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const sustainedArg = argv[argv.indexOf("--sustained") + 1];
const RATE = MODE === "sustained" && /^\d+(\.\d+)?$/.test(sustainedArg ?? "") ? Number(sustainedArg) : num("RATE", 200);
const LATENCY_N = CHAOS ? 0 : num("LATENCY_N", 2000);
const N = num("N", CHAOS ? 1000 : 3000);
const CLIENTS = num("CLIENTS", 32);
const WORKERS = num("WORKERS", 16);
const DURATION_S = num("DURATION_S", MODE === "sustained" ? 60 : 20);
const WARMUP_S = num("WARMUP_S", 5);
const FAIR_RATE = num("FAIR_RATE", 20);
const FLOOD_RATE = process.env.FLOOD_RATE ? Number(process.env.FLOOD_RATE) : null;
const TASKSET = { web: process.env.TASKSET_WEB ?? null, worker: process.env.TASKSET_WORKER ?? null };
const repoRoot = path.resolve(__dirname, "..");
const bffDir = path.join(repoRoot, "bff");
const PROFILE_DIR =
  argv.includes("--profile") || process.env.BENCH_CPU_PROF
    ? path.resolve(process.env.BENCH_CPU_PROF ?? path.join(repoRoot, ".data/bench-profiles", stamp()))
    : null;
const FINAL = "('succeeded', 'failed', 'cancelled')";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const now = () => performance.timeOrigin + performance.now(); // epoch ms, comparable with PostgreSQL's clock
const monotonicUs = () => Number(process.hrtime.bigint() / 1000n); // the clock of V8's CPU profiles
const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;
const pct = (xs: number[], p: number) => (xs.length ? round(percentile(xs, p)) : null);
function stamp() {
  return new Date().toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
}

/** One webhook: its execution id (null unless 202), status (0: no answer), when it left and how long the answer took; `error`: why there was no answer. */
interface Sent {
  id: string | null;
  status: number;
  sentAt: number;
  ms: number;
  error?: string;
  /** a 429's Retry-After (seconds) */
  retryAfterS?: number;
}

/** The webhooks not answered 202, counted by status and, for no answer (0), by the client's error code: `{"0 ECONNRESET (reused socket)": 2}`. */
function notAcceptedBy(sent: Sent[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of sent)
    if (s.status !== 202) out[s.status ? String(s.status) : `0 ${s.error ?? "?"}`] = (out[s.status ? String(s.status) : `0 ${s.error ?? "?"}`] ?? 0) + 1;
  return out;
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

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** Sends `count` requests at `rate`/s, each on schedule whatever the earlier ones do; `maxLagMs`: how late the sender fell behind. */
async function openLoop(rate: number, count: number, send: () => Promise<Sent>) {
  const t0 = performance.now();
  const pending: Promise<Sent>[] = [];
  let maxLagMs = 0;
  for (let i = 0; i < count; i++) {
    const due = t0 + (i * 1000) / rate;
    if (due > performance.now()) await sleep(due - performance.now());
    maxLagMs = Math.max(maxLagMs, performance.now() - due);
    pending.push(send());
  }
  return { sent: await Promise.all(pending), maxLagMs: round(maxLagMs) };
}

/** `clients` callers, each sending its next request when the last is answered, while `more()`. */
async function closedLoop(clients: number, more: () => boolean, send: () => Promise<Sent>) {
  const sent: Sent[] = [];
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (more()) sent.push(await send());
    }),
  );
  return sent;
}

/** The database, the sink, the BFF processes and the webhook sender one mode needs; `close()` undoes it all. */
async function openBench() {
  process.env.LOG_LEVEL ??= "warn";
  const { bootstrapDatabase, dropDatabase } = await import("../bff/src/db/bootstrap");
  const { openDatabase } = await import("../bff/src/db/client");
  const { createApp } = await import("../bff/src/app");
  const { startEmbeddedPostgres } = await import("../bff/src/db/embedded");
  let embedded: { url: string; stop: () => Promise<void> } | null = null;
  let base = process.env.DATABASE_URL;
  if (!base) {
    embedded = await startEmbeddedPostgres("bench", num("NHOOD_BENCH_PG_PORT", 54339));
    base = embedded.url;
  }
  const name = `nhood_bench_${Date.now().toString(36)}`;
  const ownerUrl = Object.assign(new URL(base), { pathname: `/${name}` }).toString();
  const appUrl = await bootstrapDatabase(ownerUrl);
  const owner = postgres(ownerUrl, { max: 2, onnotice: () => {} });
  const sink = await startSink();
  const setup = openDatabase(appUrl, 2);
  const app = createApp({ db: setup.db, sql: setup.sql, requestsPerHour: async () => 1e9 });
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1024 });
  const children: { role: string; child: ChildProcess; exited: Promise<void> }[] = [];
  let baseUrl = "";
  let seq = 0;
  const load = { fromUs: 0, toUs: 0 }; // when the mode's load started and ended (monotonic µs), for --profile
  const cpu: { from: Map<string, number>; to: Map<string, number> } = { from: new Map(), to: new Map() }; // CPU ms by process, same moments
  let setupOpen = true;

  /** Signs up a workspace and creates the benchmark workflow in it (through the API, in this process). */
  async function workspace(label: string) {
    const signUp = await app.request("/api/v1/workspaces", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: label, email: `bench-${seq++}-${Date.now()}@bench.test`, password: "bench-password-123" }),
    });
    const ws = (await signUp.json()) as { workspace_id: string; api_key: string };
    const created = await app.request(`/api/v1/workspaces/${ws.workspace_id}/workflows`, {
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
    return { id: ws.workspace_id, path: `/webhooks/${ws.workspace_id}/bench` };
  }

  /** Starts a BFF process (`taskset`-pinned and profiled when asked); `role` names its profile. */
  function spawnBff(role: string, args: string[], env: Record<string, string>) {
    const pin = role === "worker" || role.startsWith("worker-") ? TASKSET.worker : TASKSET.web;
    const prof = PROFILE_DIR ? ["--cpu-prof", `--cpu-prof-dir=${path.join(PROFILE_DIR, role)}`] : []; // one file per thread (tsx's loader has one)
    const node = [
      process.execPath,
      ...prof,
      ...(process.env.BENCH_NODE_FLAGS ? process.env.BENCH_NODE_FLAGS.split(" ") : []),
      "--import",
      "tsx",
      "src/server.ts",
      ...args,
    ];
    const [cmd, ...rest] = pin ? ["taskset", "-c", pin, ...node] : node;
    const child = spawn(cmd!, rest, {
      cwd: bffDir,
      stdio: ["ignore", 2, "inherit"], // its logs (warnings and worse, JSON) go to the bench's stderr
      env: { ...process.env, LOG_LEVEL: "warn", NHOOD_SEED: "0", NH_OUTBOUND_ALLOWLIST: "127.0.0.1/32", DATABASE_URL: ownerUrl, ...env },
    });
    children.push({ role, child, exited: new Promise((r) => child.once("exit", () => r())) });
    return child;
  }

  /** `split`: a web and a worker process (WORKERS job slots); `single`: one process as `pnpm start` runs it. Waits for /api/health. */
  async function start(layout: "split" | "single") {
    if (setupOpen) {
      setupOpen = false;
      await setup.close(); // its backends exit, so their statistics are flushed before the counting starts
    }
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    const web = { PORT: String(port), PUBLIC_URL: baseUrl };
    if (layout === "single") spawnBff("suite", [], { ...web, ...(process.env.WORKERS ? { WORKER_CONCURRENCY: String(WORKERS) } : {}) });
    else {
      spawnBff("web", ["--web"], web);
      spawnWorker();
    }
    const healthy = () =>
      fetch(`${baseUrl}/api/health`).then(
        (r) => r.ok,
        () => false,
      );
    for (const t = performance.now(); !(await healthy()); await sleep(100)) {
      const dead = children.find((c) => c.child.exitCode !== null || c.child.signalCode !== null);
      if (dead) throw new Error(`the ${dead.role} process exited (${dead.child.exitCode ?? dead.child.signalCode}) before the BFF was healthy`);
      if (performance.now() - t > 180_000) throw new Error("the BFF did not become healthy in 3 minutes");
    }
  }

  let workerCount = 0;
  let worker: ChildProcess | null = null;
  const spawnWorker = () => {
    worker = spawnBff(workerCount++ ? `worker-${workerCount}` : "worker", ["--worker"], { WORKER_CONCURRENCY: String(WORKERS) });
  };
  const killWorker = () => worker?.kill("SIGKILL");

  /** POSTs one webhook to `ws`; never throws (a failed request has status 0). */
  function fire(ws: { path: string }): Promise<Sent> {
    const i = seq++;
    const body = JSON.stringify({ customer: { name: `c${i}`, n: i } });
    const sentAt = now();
    return new Promise((resolve) => {
      const done = (status: number, id: string | null, error?: string, retryAfterS = Number.NaN) =>
        resolve({ id, status, sentAt, ms: now() - sentAt, ...(error ? { error } : {}), ...(Number.isFinite(retryAfterS) ? { retryAfterS } : {}) });
      const req = http.request(
        `${baseUrl}${ws.path}`,
        { method: "POST", agent, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) } },
        (res) => {
          let text = "";
          res.setEncoding("utf8");
          res.on("data", (chunk) => (text += chunk));
          res.on("end", () => {
            const retryAfter = res.statusCode === 429 ? Number(res.headers["retry-after"]) : Number.NaN;
            done(res.statusCode ?? 0, res.statusCode === 202 ? (JSON.parse(text) as { execution_id: string }).execution_id : null, undefined, retryAfter);
          });
        },
      );
      req.on("error", (e: NodeJS.ErrnoException) => done(0, null, `${e.code ?? e.message}${req.reusedSocket ? " (reused socket)" : ""}`));
      req.end(body);
    });
  }

  /** Stops every BFF process with SIGTERM (so profiles get written), -9 for any still running after `graceMs`. */
  async function stopProcesses(graceMs = PROFILE_DIR ? 30_000 : 5_000) {
    const running = children.filter((c) => c.child.exitCode === null && c.child.signalCode === null);
    for (const c of running) c.child.kill("SIGTERM");
    await Promise.race([Promise.all(running.map((c) => c.exited)), sleep(graceMs)]);
    for (const c of running) c.child.kill("SIGKILL");
  }

  async function close() {
    await stopProcesses();
    agent.destroy();
    sink.close();
    if (setupOpen) await setup.close();
    await owner.end();
    await sleep(200);
    await dropDatabase(ownerUrl, name).catch(() => {});
    await embedded?.stop();
  }

  const loadStarts = () => {
    load.fromUs = monotonicUs();
    cpu.from = cpuByProcess(children, name);
  };
  const loadDone = () => {
    load.toUs = monotonicUs();
    cpu.to = cpuByProcess(children, name);
  };

  return {
    owner,
    sink,
    name,
    load,
    loadStarts,
    loadDone,
    cpu,
    workspace,
    start,
    spawnWorker,
    killWorker,
    fire,
    stopProcesses,
    close,
    database: embedded ? "embedded" : "DATABASE_URL",
  };
}
type Bench = Awaited<ReturnType<typeof openBench>>;

/** User + system CPU of process `pid` so far (ms, every thread), from /proc (Linux); null elsewhere or when it is gone. */
function cpuMsOf(pid: number | string): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" "); // f[0] is field 3 (state)
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100; // utime + stime, in clock ticks (USER_HZ = 100 on Linux)
  } catch {
    return null;
  }
}

/**
 * CPU ms so far of each BFF process (by role) and, summed as `postgres`, of the PostgreSQL backends
 * connected to the bench database `db` (found by their process title; a backend that exited in
 * between is not counted). CPU time does not grow when other work on the machine slows a run, so
 * per execution it compares runs made on a busy machine.
 */
function cpuByProcess(children: { role: string; child: ChildProcess }[], db: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const c of children) {
    const ms = c.child.pid ? cpuMsOf(c.child.pid) : null;
    if (ms !== null) out.set(c.role, ms);
  }
  let pg = 0;
  try {
    for (const pid of fs.readdirSync("/proc")) {
      if (!/^\d+$/.test(pid)) continue;
      let title = "";
      try {
        title = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8");
      } catch {
        continue;
      }
      if (title.startsWith("postgres:") && title.includes(` ${db} `)) pg += cpuMsOf(pid) ?? 0;
    }
    out.set("postgres", pg);
  } catch {
    /* no /proc */
  }
  return out;
}

/** CPU ms per execution of each process while the load ran (see `cpuByProcess`), or null without /proc. */
function cpuPerExecution(cpu: Bench["cpu"], executions: number) {
  if (!cpu.to.size || !executions) return null;
  const out: Record<string, number> = {};
  let total = 0;
  for (const [role, to] of cpu.to) {
    const d = to - (cpu.from.get(role) ?? 0);
    out[role] = round(d / executions, 2);
    total += d;
  }
  return { ...out, total: round(total / executions, 2) };
}

/** Executions final and not yet final, in one workspace or all. */
async function progress(db: postgres.Sql, workspaceId?: string) {
  const [r] = await db<{ done: number; pending: number }[]>`
    select count(*) filter (where status in ${db.unsafe(FINAL)})::int as done,
           count(*) filter (where status not in ${db.unsafe(FINAL)})::int as pending
    from workflow_executions ${workspaceId ? db`where workspace_id = ${workspaceId}` : db``}`;
  return r!;
}

/** Polls until every execution (of `workspaceId`, or all) is final; `onProgress` sees the final count each time. */
async function waitFinal(db: postgres.Sql, workspaceId?: string, onProgress?: (done: number) => Promise<void> | void) {
  const t = performance.now();
  for (;;) {
    const { done, pending } = await progress(db, workspaceId);
    if (!pending) return;
    await onProgress?.(done);
    if (performance.now() - t > 900_000) throw new Error(`${pending} executions still not final after 15 minutes`);
    await sleep(50);
  }
}

/**
 * Where the time of the accepted webhooks in `sent` went, p50 of each hop (ms): `web` from sending
 * to the start of the group commit's transaction (`created_at`), `to_claim` from there to the
 * claim (`started_at`: the commit, the NOTIFY and any wait for a slot), `round_1` from the claim to
 * the `http.request` step's start (the first round), `call` that step's call, `round_2` from the
 * call's end to `finished_at` (the round that stores it and ends the execution); plus `answer`,
 * the 202's own p50. Clocks: the bench's, PostgreSQL's and the worker's, one machine.
 */
async function hops(db: postgres.Sql, sent: Sent[]) {
  const ids = sent.flatMap((s) => (s.id ? [s.id] : []));
  const rows = await db<{ id: string; created: string; started: string; call_start: string; call_ms: number; finished: string }[]>`
    select e.id, extract(epoch from e.created_at) * 1000 as created, extract(epoch from e.started_at) * 1000 as started,
      extract(epoch from d.started_at) * 1000 as call_start, d.duration_ms as call_ms, extract(epoch from e.finished_at) * 1000 as finished
    from workflow_executions e join workflow_step_runs d on d.execution_id = e.id and d.step_id = 'deliver'
    where e.id = any(${ids}::uuid[]) and e.finished_at is not null`;
  const sentAt = new Map(sent.map((s) => [s.id, s.sentAt]));
  const at = rows.map((r) => ({
    sent: sentAt.get(r.id)!,
    created: Number(r.created),
    started: Number(r.started),
    callStart: Number(r.call_start),
    callMs: r.call_ms,
    finished: Number(r.finished),
  }));
  const p50 = (f: (r: (typeof at)[number]) => number) => pct(at.map(f), 50);
  return {
    answer: pct(
      sent.filter((s) => s.id).map((s) => s.ms),
      50,
    ),
    web: p50((r) => r.created - r.sent),
    to_claim: p50((r) => r.started - r.created),
    round_1: p50((r) => r.callStart - r.started),
    call: p50((r) => r.callMs),
    round_2: p50((r) => r.finished - r.callStart - r.callMs),
  };
}

/** Trigger → completion (ms) of the accepted webhooks in `sent`, from the executions' `finished_at`. */
async function completion(db: postgres.Sql, sent: Sent[]) {
  const ids = sent.flatMap((s) => (s.id ? [s.id] : []));
  const rows = await db<{ id: string; t: string }[]>`
    select id, extract(epoch from finished_at) * 1000 as t from workflow_executions where id = any(${ids}::uuid[]) and finished_at is not null`;
  const finished = new Map(rows.map((r) => [r.id, Number(r.t)]));
  return sent.flatMap((s) => (s.id && finished.has(s.id) ? [finished.get(s.id)! - s.sentAt] : []));
}

/**
 * Rows inserted and updated per table (partitions under their parent) and transactions so far in
 * the bench database, every backend's. An idle backend flushes its statistics within 10 s, so this
 * waits 11 s first: call it when the work is done.
 */
async function counters(b: Bench) {
  // the executions' domain events are dispatched after them: let that catch up (up to 60 s), whether
  // by one graphile job per event (before decision 023) or from the domain_event_queue outbox (after)
  const waiting = (query: Promise<{ n: number }[]>) => query.then((r) => r[0]!.n).catch(() => 0);
  for (let i = 0; i < 600; i++) {
    const jobs = await waiting(b.owner`select count(*)::int as n from graphile_worker.jobs where task_identifier = 'domain_event.dispatch'`);
    const queued = await waiting(b.owner`select count(*)::int as n from domain_event_queue where run_after < 'infinity'`);
    if (!jobs && !queued) break;
    await sleep(100);
  }
  await sleep(11_000);
  await b.owner`select pg_stat_force_next_flush()`.catch(() => {});
  const tables = await b.owner<{ t: string; ins: string; upd: string }[]>`
    select coalesce(p.relname, s.relname) as t, sum(s.n_tup_ins) as ins, sum(s.n_tup_upd) as upd
    from pg_stat_user_tables s left join pg_inherits i on i.inhrelid = s.relid left join pg_class p on p.oid = i.inhparent
    group by 1`;
  const [{ x }] = await b.owner<{ x: string }[]>`select xact_commit + xact_rollback as x from pg_stat_database where datname = ${b.name}`;
  return { tables: new Map(tables.map((r) => [r.t, { ins: Number(r.ins), upd: Number(r.upd) }])), transactions: Number(x) };
}

/** The difference between two `counters()` readings, per execution. */
function perExecution(before: Awaited<ReturnType<typeof counters>>, after: Awaited<ReturnType<typeof counters>>, executions: number) {
  let ins = 0;
  let upd = 0;
  const byTable: Record<string, number> = {};
  for (const [t, a] of after.tables) {
    const d = { ins: a.ins - (before.tables.get(t)?.ins ?? 0), upd: a.upd - (before.tables.get(t)?.upd ?? 0) };
    ins += d.ins;
    upd += d.upd;
    if (d.ins) byTable[t] = round(d.ins / executions, 2);
  }
  return {
    rows_per_execution: round(ins / executions),
    row_updates_per_execution: round(upd / executions),
    transactions_per_execution: round((after.transactions - before.transactions) / executions),
    rows_per_execution_by_table: Object.fromEntries(Object.entries(byTable).sort((a, b) => b[1] - a[1])),
  };
}

async function statusCounts(db: postgres.Sql) {
  const rows = await db<{ status: string; n: number }[]>`select status, count(*)::int as n from workflow_executions group by status`;
  // why the others did not succeed (the most frequent errors), so a run that lost some says so
  const errors = await db<{ status: string; error: string | null; n: number }[]>`
    select status, left(error, 200) as error, count(*)::int as n from workflow_executions where status <> 'succeeded'
    group by 1, 2 order by 3 desc limit 5`;
  return {
    all: rows.reduce((a, r) => a + r.n, 0),
    succeeded: rows.find((r) => r.status === "succeeded")?.n ?? 0,
    not_succeeded: errors.map((e) => `${e.n} ${e.status}: ${e.error ?? "(no error)"}`),
  };
}

/** default and --chaos: latency at RATE/s (open loop), then throughput with CLIENTS callers. */
async function throughputMode(b: Bench) {
  const ws = await b.workspace("Bench Co");
  await b.start("split");
  const before = await counters(b);
  b.loadStarts();
  // a warm-up at the same rate first (its webhooks count as executions, not in the percentiles):
  // the figures describe the steady state, not a just-started process's first connections and JIT
  const warmup = LATENCY_N ? (await openLoop(RATE, Math.round(RATE * WARMUP_S), () => b.fire(ws))).sent : [];
  const latency = LATENCY_N ? (await openLoop(RATE, LATENCY_N, () => b.fire(ws))).sent : [];
  await waitFinal(b.owner);
  if (process.env.BENCH_TRACE) {
    const created = new Map(
      (
        await b.owner<
          { id: string; c: string }[]
        >`select id, extract(epoch from created_at) * 1000 as c from workflow_executions where id = any(${latency.flatMap((s) => (s.id ? [s.id] : []))}::uuid[])`
      ).map((r) => [r.id, Number(r.c)]),
    );
    fs.writeFileSync(
      process.env.BENCH_TRACE,
      latency.map((s) => `${Math.round(s.sentAt - latency[0]!.sentAt)} ${round(s.ms)} ${s.id ? round(created.get(s.id)! - s.sentAt) : "-"}`).join("\n"),
    );
  }
  const latencyDone = await completion(b.owner, latency);

  let left = N;
  const t1 = now();
  const full = await closedLoop(
    CLIENTS,
    () => left-- > 0,
    () => b.fire(ws),
  );
  const acceptSeconds = (now() - t1) / 1000;
  let killedAt: number | null = null;
  let killedAfter: number | null = null;
  let newWorkerAt: number | null = null;
  await waitFinal(b.owner, undefined, (done) => {
    if (!CHAOS || killedAt !== null || done < warmup.length + LATENCY_N + N * 0.3) return;
    b.killWorker(); // mid-run: some steps are in flight
    killedAt = now();
    killedAfter = done;
    console.log(`killed the worker (-9) after ${done} of ${N} executions; starting a new one`);
    b.spawnWorker();
    newWorkerAt = now();
  });
  b.loadDone();
  const allFinalAt = now();
  const ids = full.flatMap((s) => (s.id ? [s.id] : []));
  const [{ last }] = await b.owner<{ last: string }[]>`
    select extract(epoch from max(finished_at)) * 1000 as last from workflow_executions where id = any(${ids}::uuid[])`;
  const totals = await statusCounts(b.owner);
  const per = perExecution(before, await counters(b), totals.all);
  const result = {
    executions: warmup.length + LATENCY_N + N,
    warmup_s: LATENCY_N ? WARMUP_S : null,
    workers: WORKERS,
    clients: CLIENTS,
    offered_rate_per_s: LATENCY_N ? RATE : null,
    succeeded: totals.succeeded,
    not_succeeded: totals.not_succeeded,
    not_accepted_by: notAcceptedBy([...warmup, ...latency, ...full]),
    webhook_202_p50_ms: pct(
      latency.map((s) => s.ms),
      50,
    ),
    webhook_202_p99_ms: pct(
      latency.map((s) => s.ms),
      99,
    ),
    trigger_to_completion_p50_ms: pct(latencyDone, 50),
    trigger_to_completion_p99_ms: pct(latencyDone, 99),
    trigger_to_completion_hops_p50_ms: latency.length ? await hops(b.owner, latency) : null,
    accepted_per_s: Math.round(ids.length / acceptSeconds),
    completed_per_s: Math.round(ids.length / ((Number(last) - t1) / 1000)),
    webhook_202_p99_ms_at_full_load: pct(
      full.map((s) => s.ms),
      99,
    ),
    ...per,
    ...(CHAOS
      ? {
          chaos_worker_killed: killedAt !== null,
          chaos_killed_after: killedAfter,
          chaos_lost_executions: full.length - totals.all,
          chaos_not_succeeded: totals.all - totals.succeeded,
          chaos_side_effects_applied: b.sink.applied.size,
          chaos_duplicate_side_effects: Math.max(0, b.sink.applied.size - totals.all),
          chaos_repeated_deliveries_deduplicated_by_key: b.sink.duplicates(),
          chaos_recovery_s: killedAt === null ? null : round((allFinalAt - killedAt) / 1000),
          chaos_final_within_s_of_new_worker: newWorkerAt === null ? null : round((allFinalAt - newWorkerAt) / 1000),
        }
      : {}),
  };
  console.log(`${result.succeeded}/${result.executions} executions succeeded; worker job slots ${WORKERS}`);
  if (LATENCY_N)
    console.log(
      `at ${RATE} webhooks/s: 202 p50 ${result.webhook_202_p50_ms} ms, p99 ${result.webhook_202_p99_ms} ms; trigger→completion p50 ${result.trigger_to_completion_p50_ms} ms, p99 ${result.trigger_to_completion_p99_ms} ms`,
    );
  console.log(
    `as fast as possible (${CLIENTS} callers): accepted ${result.accepted_per_s}/s, completed ${result.completed_per_s}/s (202 p99 ${result.webhook_202_p99_ms_at_full_load} ms)`,
  );
  if (CHAOS)
    console.log(
      `chaos: ${result.chaos_lost_executions} lost, ${result.chaos_not_succeeded} not succeeded, all final ${result.chaos_final_within_s_of_new_worker} s after the new worker started (${result.chaos_recovery_s} s after the kill)`,
    );
  return result;
}

/** --sustained RATE: one `pnpm start`-like process, RATE webhooks/s for WARMUP_S + DURATION_S. */
async function sustainedMode(b: Bench) {
  const ws = await b.workspace("Bench Co");
  await b.start("single");
  const before = await counters(b);
  b.loadStarts();
  const warmup = Math.round(RATE * WARMUP_S);
  const { sent, maxLagMs } = await openLoop(RATE, warmup + Math.round(RATE * DURATION_S), () => b.fire(ws));
  const lastAnswer = now();
  const { pending: backlog } = await progress(b.owner);
  await waitFinal(b.owner);
  b.loadDone();
  const drainS = round((now() - lastAnswer) / 1000);
  const window = sent.slice(warmup);
  const done = await completion(b.owner, window);
  const totals = await statusCounts(b.owner);
  const notAccepted = sent.filter((s) => s.status !== 202).length;
  const keptUp = notAccepted === 0 && backlog <= RATE;
  const result = {
    offered_rate_per_s: RATE,
    duration_s: DURATION_S,
    warmup_s: WARMUP_S,
    workers: process.env.WORKERS ? WORKERS : "default",
    executions: totals.all,
    not_accepted: notAccepted,
    not_accepted_by: notAcceptedBy(sent),
    succeeded: totals.succeeded,
    not_succeeded: totals.not_succeeded,
    webhook_202_p50_ms: pct(
      window.map((s) => s.ms),
      50,
    ),
    webhook_202_p99_ms: pct(
      window.map((s) => s.ms),
      99,
    ),
    trigger_to_completion_p50_ms: pct(done, 50),
    trigger_to_completion_p99_ms: pct(done, 99),
    trigger_to_completion_max_ms: pct(done, 100),
    trigger_to_completion_hops_p50_ms: await hops(b.owner, window),
    backlog_at_end: backlog,
    drain_s: drainS,
    sender_max_lag_ms: maxLagMs,
    kept_up: keptUp,
    target_p99_ms: 500,
    pass: keptUp && (pct(done, 99) ?? Infinity) <= 500,
    ...perExecution(before, await counters(b), totals.all),
  };
  console.log(
    `${RATE} webhooks/s for ${DURATION_S} s (after ${WARMUP_S} s warm-up), one process: 202 p99 ${result.webhook_202_p99_ms} ms; trigger→completion p50 ${result.trigger_to_completion_p50_ms} ms, p99 ${result.trigger_to_completion_p99_ms} ms; ${backlog} unfinished at the end, drained in ${drainS} s; ${keptUp ? "kept up" : "did NOT keep up"}; ${result.pass ? "PASS" : "FAIL"} (p99 ≤ 500 ms)`,
  );
  return result;
}

/** --fairness: workspace B at FAIR_RATE/s alone, then while workspace A floods; pass = B's p50 at most doubles. */
async function fairnessMode(b: Bench) {
  const a = await b.workspace("Flood Co");
  const steady = await b.workspace("Steady Co");
  await b.start("split");
  b.loadStarts();
  const count = Math.round(FAIR_RATE * DURATION_S);
  await openLoop(FAIR_RATE, Math.round(FAIR_RATE * WARMUP_S), () => b.fire(steady)); // warm-up, not counted
  await waitFinal(b.owner);
  const alone = (await openLoop(FAIR_RATE, count, () => b.fire(steady))).sent;
  await waitFinal(b.owner);
  let flooding = true;
  const floodStart = now();
  const flood = FLOOD_RATE
    ? openLoop(FLOOD_RATE, Math.round(FLOOD_RATE * DURATION_S), () => b.fire(a)).then((r) => r.sent)
    : closedLoop(
        CLIENTS,
        () => flooding,
        // a caller refused with 429 waits as its Retry-After asks (RFC 9110 §10.2.3) before its next request
        async () => {
          const s = await b.fire(a);
          if (s.status === 429) await sleep(Math.min(s.retryAfterS ?? 1, (floodStart + DURATION_S * 1000 - now()) / 1000) * 1000);
          return s;
        },
      );
  const flooded = (await openLoop(FAIR_RATE, count, () => b.fire(steady))).sent;
  flooding = false;
  const floodEnd = now();
  const floodSent = await flood;
  // A's webhooks answered 202 while B was sending
  const floodAccepted = floodSent.filter((s) => s.status === 202 && s.sentAt + s.ms <= floodEnd).length;
  const floodRefused = floodSent.filter((s) => s.status === 429).length;
  await waitFinal(b.owner, steady.id);
  b.loadDone();
  const aUnfinished = (await progress(b.owner, a.id)).pending;
  // A's executions that ended while B sent: the share of the workers the flood got
  const [{ n: aCompleted }] = await b.owner<{ n: number }[]>`
    select count(*)::int as n from workflow_executions
    where workspace_id = ${a.id} and finished_at between to_timestamp(${floodStart / 1000}) and to_timestamp(${floodEnd / 1000})`;
  const [aloneDone, floodedDone] = [await completion(b.owner, alone), await completion(b.owner, flooded)];
  const ratio = round((pct(floodedDone, 50) ?? 0) / (pct(aloneDone, 50) || 1), 2);
  const result = {
    fair_rate_per_s: FAIR_RATE,
    duration_s: DURATION_S,
    flood: FLOOD_RATE ? `${FLOOD_RATE}/s open loop` : `${CLIENTS} callers, closed loop`,
    b_alone_p50_ms: pct(aloneDone, 50),
    b_alone_p99_ms: pct(aloneDone, 99),
    b_flooded_p50_ms: pct(floodedDone, 50),
    b_flooded_p99_ms: pct(floodedDone, 99),
    b_flooded_202_p99_ms: pct(
      flooded.map((s) => s.ms),
      99,
    ),
    p50_ratio: ratio,
    b_hops_ms: { alone: await hops(b.owner, alone), flooded: await hops(b.owner, flooded) },
    // B's webhooks sent during the flood that were not answered 202 or did not finish (pass needs none)
    b_flooded_not_completed: count - floodedDone.length,
    a_flood_sent: floodSent.length,
    a_flood_accepted_per_s: Math.round(floodAccepted / ((floodEnd - floodStart) / 1000)),
    a_flood_refused_429: floodRefused,
    a_completed_per_s: Math.round(aCompleted / ((floodEnd - floodStart) / 1000)),
    a_unfinished_when_b_done: aUnfinished,
    pass: ratio <= 2 && floodedDone.length === count,
  };
  console.log(
    `workspace B at ${FAIR_RATE}/s: trigger→completion p50 ${result.b_alone_p50_ms} ms alone, ${result.b_flooded_p50_ms} ms while A floods (${result.flood}, ${result.a_flood_accepted_per_s}/s accepted, ${floodRefused} refused with 429, ${result.a_completed_per_s}/s of A's completed): ×${ratio} — ${result.pass ? "PASS" : "FAIL"} (≤ 2×)`,
  );
  return result;
}

/** Reads the profiles the processes wrote and prints each one's top self-time functions while the load ran (`window`). */
function readProfiles(window: { fromUs: number; toUs: number }) {
  if (!PROFILE_DIR || !fs.existsSync(PROFILE_DIR)) return {};
  const profiles: Record<string, ReturnType<typeof summariseCpuProfile>> = {};
  const roles = fs.readdirSync(PROFILE_DIR, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? [d.name] : []));
  for (const role of roles) {
    // Node names them CPU.<date>.<time>.<pid>.<thread id>.<seq>.cpuprofile: thread 0 is the main thread
    const main = fs.readdirSync(path.join(PROFILE_DIR, role)).find((f) => /^CPU\.\d+\.\d+\.\d+\.0\.\d+\.cpuprofile$/.test(f));
    if (!main) continue; // killed with -9: no profile
    const file = path.join(PROFILE_DIR, role, main);
    const summary = summariseCpuProfile(JSON.parse(fs.readFileSync(file, "utf8")), num("PROFILE_TOP", 15), repoRoot, window);
    profiles[role] = summary;
    console.log(`\n${role}, while the load ran: ${summary.busy_ms} ms busy, ${summary.idle_ms} ms idle (${path.relative(repoRoot, file)})`);
    for (const r of summary.top) console.log(`  ${String(r.self_ms).padStart(9)} ms ${String(r.pct).padStart(5)} %  ${r.function}  ${r.where}`);
  }
  return profiles;
}

async function main() {
  const b = await openBench();
  let result: Record<string, unknown>;
  try {
    result = await (MODE === "sustained" ? sustainedMode(b) : MODE === "fairness" ? fairnessMode(b) : throughputMode(b));
    await b.stopProcesses();
  } finally {
    await b.close();
  }
  const profiles = readProfiles(b.load);
  const executions = typeof result.executions === "number" ? result.executions : 0;
  const cpu = cpuPerExecution(b.cpu, executions);
  if (cpu) console.log(`CPU per execution while the load ran (ms): ${JSON.stringify(cpu)}`);
  console.log(
    JSON.stringify({ mode: MODE, database: b.database, taskset: TASKSET, ...result, cpu_ms_per_execution: cpu, ...(PROFILE_DIR ? { profiles } : {}) }),
  );
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
