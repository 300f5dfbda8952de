#!/usr/bin/env node
/**
 * `pnpm bench:idle`: what an idle `pnpm start` costs.
 *
 * Builds (turbo, cached), then RUNS times (default 3): starts the suite as `pnpm start` does
 * (`node scripts/start.mjs`, embedded PostgreSQL under DATA_DIR, default `.data/bench-idle`, on
 * PORT 8097 and NHOOD_PG_PORT 54397 so it does not collide with a running suite), waits for
 * `GET /api/health` to answer `database: "ok"` (start-up time: spawn → first healthy answer, ms),
 * lets it settle SETTLE_S seconds (default 10), then measures DURATION_S seconds (default 180):
 * CPU seconds (utime + stime from /proc/<pid>/stat) of the Node processes and, separately, of the
 * PostgreSQL processes (the postmaster with its reaped children, and every backend), and the
 * server process's resident memory (VmRSS) at the end. Then SIGTERM, and the next run.
 *
 * The first start on a new DATA_DIR initialises the cluster, migrates and seeds the demo: that
 * start is a warm-up and not counted. NHOOD_FROM_SOURCE=1 measures the BFF run from its TypeScript
 * sources through tsx (as before decision 019) instead of its build. Prints one line per run, then one JSON object on the last
 * line with every run and the medians. CPU % is of one core.
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const RUNS = Number(process.env.RUNS ?? 3);
const DURATION_S = Number(process.env.DURATION_S ?? 180);
const SETTLE_S = Number(process.env.SETTLE_S ?? 10);
const PORT = process.env.PORT ?? "8097";
const DATA_DIR = path.resolve(root, process.env.DATA_DIR ?? ".data/bench-idle");
const TICK = 100; // USER_HZ: clock ticks per second of /proc/<pid>/stat on Linux
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Every process as { pid, ppid, comm, ticks (utime+stime), childTicks (cutime+cstime) }. */
function processes() {
  const out = [];
  for (const d of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    let stat;
    try {
      stat = fs.readFileSync(`/proc/${d}/stat`, "utf8");
    } catch {
      continue;
    }
    const close = stat.lastIndexOf(")");
    const comm = stat.slice(stat.indexOf("(") + 1, close);
    const f = stat.slice(close + 2).split(" "); // f[0] = state (field 3)
    out.push({ pid: Number(d), ppid: Number(f[1]), comm, ticks: Number(f[11]) + Number(f[12]), childTicks: Number(f[13]) + Number(f[14]) });
  }
  return out;
}

/** The processes descended from `pid` (itself included), split into node and postgres. */
function tree(pid) {
  const all = processes();
  const kids = new Map();
  for (const p of all) kids.set(p.ppid, [...(kids.get(p.ppid) ?? []), p]);
  const self = all.find((p) => p.pid === pid);
  const found = [];
  const walk = (p) => {
    found.push(p);
    for (const k of kids.get(p.pid) ?? []) walk(k);
  };
  if (self) walk(self);
  return found;
}

const isNode = (p) => p.comm.startsWith("node") || p.comm === "MainThread";

/** Ticks per class; a postgres process counts its reaped children too (backends that ended). */
function ticksByClass(procs) {
  const t = new Map();
  // Node 24 names its main thread, so a Node process's comm is "MainThread" there
  for (const p of procs)
    t.set(p.pid, { cls: p.comm === "postgres" ? "postgres" : isNode(p) ? "node" : "other", ticks: p.ticks + (p.comm === "postgres" ? p.childTicks : 0) });
  return t;
}

function rssKb(pid) {
  const m = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) : null;
}

async function healthy(base) {
  try {
    const res = await fetch(`${base}/api/health`);
    return res.ok && (await res.json()).database === "ok";
  } catch {
    return false;
  }
}

async function once({ measure }) {
  const env = {
    ...process.env,
    NHOOD_SKIP_BUILD: "1",
    PORT,
    NHOOD_DATA_DIR: DATA_DIR,
    NHOOD_PG_PORT: process.env.NHOOD_PG_PORT ?? "54397",
    LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
  };
  delete env.DATABASE_URL;
  const t0 = performance.now();
  const child = spawn(process.execPath, [path.join(root, "scripts/start.mjs")], { cwd: root, env, stdio: ["ignore", "pipe", "inherit"], detached: true });
  let output = "";
  child.stdout.on("data", (d) => {
    output = (output + d).slice(-4000);
  }); // the last lines, for a failed start
  const base = `http://127.0.0.1:${PORT}`;
  let startupMs = null;
  try {
    while (performance.now() - t0 < 180_000) {
      if (child.exitCode !== null) throw new Error(`the suite exited (${child.exitCode}) before it was healthy:\n${output}`);
      if (await healthy(base)) {
        startupMs = Math.round(performance.now() - t0);
        break;
      }
      await sleep(50);
    }
    if (startupMs === null) throw new Error("no healthy answer in 180 s");
    if (!measure) return null;
    await sleep(SETTLE_S * 1000);
    const before = ticksByClass(tree(child.pid));
    const m0 = performance.now();
    await sleep(DURATION_S * 1000);
    const procs = tree(child.pid);
    const seconds = (performance.now() - m0) / 1000;
    const after = ticksByClass(procs);
    const cpu = { node: 0, postgres: 0, other: 0 }; // other: e.g. tsx's esbuild service
    for (const [pid, a] of after) if (a.cls in cpu) cpu[a.cls] += (a.ticks - (before.get(pid)?.ticks ?? 0)) / TICK;
    // the server: the node process whose parent is the start script
    const server = procs.find((p) => p.ppid === child.pid && isNode(p));
    return {
      startup_ms: startupMs,
      seconds: Math.round(seconds),
      node_cpu_s: +cpu.node.toFixed(2),
      node_cpu_pct: +((100 * cpu.node) / seconds).toFixed(2),
      postgres_cpu_s: +cpu.postgres.toFixed(2),
      postgres_cpu_pct: +((100 * cpu.postgres) / seconds).toFixed(2),
      other_cpu_s: +cpu.other.toFixed(2),
      server_rss_mb: server ? Math.round(rssKb(server.pid) / 1024) : null,
      postgres_processes: procs.filter((p) => p.comm === "postgres").length,
    };
  } finally {
    // the start script passes SIGTERM on; the server then stops its embedded PostgreSQL itself
    try {
      child.kill("SIGTERM");
    } catch {}
    const until = performance.now() + 30_000;
    while (child.exitCode === null && child.signalCode === null && performance.now() < until) await sleep(100);
    if (child.exitCode === null && child.signalCode === null)
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {}
    // the next start needs the embedded PostgreSQL's port: wait until its postmaster is gone
    const pidFile = path.join(DATA_DIR, "postgres", "postmaster.pid");
    while (fs.existsSync(pidFile) && performance.now() < until + 30_000) await sleep(200);
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

if (process.env.NHOOD_SKIP_BUILD !== "1") {
  const build = spawnSync("pnpm", ["exec", "turbo", "run", "build", "--output-logs=errors-only"], { cwd: root, stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
if (!fs.existsSync(path.join(DATA_DIR, "postgres", "PG_VERSION"))) {
  console.log(`initialising ${path.relative(root, DATA_DIR)} (cluster, migrations, demo seed): a warm-up start, not counted`);
  await once({ measure: false });
}
const runs = [];
for (let i = 0; i < RUNS; i++) {
  const r = await once({ measure: true });
  runs.push(r);
  console.log(
    `run ${i + 1}: start-up ${r.startup_ms} ms; idle ${r.seconds} s: node ${r.node_cpu_s} s CPU (${r.node_cpu_pct} %), postgres ${r.postgres_cpu_s} s (${r.postgres_cpu_pct} %); server RSS ${r.server_rss_mb} MB`,
  );
}
const keys = ["startup_ms", "node_cpu_pct", "postgres_cpu_pct", "server_rss_mb"];
const medians = Object.fromEntries(keys.map((k) => [k, median(runs.map((r) => r[k]))]));
console.log(
  JSON.stringify({ node: process.version, bff: process.env.NHOOD_FROM_SOURCE === "1" ? "src via tsx" : "dist", duration_s: DURATION_S, runs, median: medians }),
);
