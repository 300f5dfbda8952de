#!/usr/bin/env node
/**
 * `pnpm bench:scaling`: what a core buys the workflow engine (issue #13). Runs `pnpm
 * bench:workflows` (default mode) RUNS times (default 3) per CPU layout and prints one row per
 * layout with the medians: completed/s, accepted/s, webhook 202 p99 and trigger → completion p50
 * at RATE/s, CPU ms per execution (web / worker / PostgreSQL), transactions per execution.
 *
 * A layout is `CPUS` or `CPUS:WEB:WORKER` (`taskset -c` lists): the whole bench — load generator,
 * sink, the embedded PostgreSQL it starts and the BFF processes — runs on CPUS; WEB and WORKER, when
 * given, pin the web and the worker process inside it (TASKSET_WEB / TASKSET_WORKER). LAYOUTS
 * (space-separated) defaults to `0 0,1 0,1:0:1` (everything on one core; on two; on two with the web
 * process on CPU 0 and the worker on CPU 1), plus `0-2` and `0-2:0:1,2` on a machine with 3 or more
 * cores. Layouts naming a CPU the machine lacks are skipped.
 *
 * PostgreSQL: the embedded one by default (`.data/bench`, NHOOD_BENCH_PG_PORT), so that it runs on
 * the layout's CPUs too. With DATABASE_URL set the server keeps its own CPUs (its backends are
 * forked by a postmaster this script does not start), so the layout only pins the Node side: say
 * so when reporting. Run it on an otherwise idle machine; each run takes about 75 s.
 *
 * Prints a Markdown table, then one JSON object on the last line with every run.
 */
import { spawnSync } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const RUNS = Number(process.env.RUNS ?? 3);
const cores = os.availableParallelism?.() ?? os.cpus().length;
const LAYOUTS = (process.env.LAYOUTS ?? (cores >= 3 ? "0 0,1 0,1:0:1 0-2 0-2:0:1,2" : "0 0,1 0,1:0:1")).split(/\s+/).filter(Boolean);

/** The CPU numbers of a `taskset -c` list ("0-2,4" → [0, 1, 2, 4]). */
const cpusOf = (list) =>
  list.split(",").flatMap((part) => {
    const [a, b] = part.split("-").map(Number);
    return b === undefined ? [a] : Array.from({ length: b - a + 1 }, (_, i) => a + i);
  });
const median = (xs) => {
  const s = xs.filter((x) => typeof x === "number").sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : null;
};

const results = [];
for (const layout of LAYOUTS) {
  const [cpus, web, worker] = layout.split(":");
  if (Math.max(...[cpus, web, worker].filter(Boolean).flatMap(cpusOf)) >= cores) {
    console.log(`skipping ${layout}: this machine has ${cores} cores`);
    continue;
  }
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    const env = { ...process.env, ...(web ? { TASKSET_WEB: web } : {}), ...(worker ? { TASKSET_WORKER: worker } : {}) };
    console.log(`${layout}: run ${i + 1} of ${RUNS} (taskset -c ${cpus} pnpm bench:workflows${web ? `, web on ${web}, worker on ${worker}` : ""})`);
    const r = spawnSync("taskset", ["-c", cpus, "pnpm", "--silent", "bench:workflows"], { cwd: root, env, encoding: "utf8", maxBuffer: 64 << 20 });
    const last = (r.stdout ?? "").trim().split("\n").pop() ?? "";
    try {
      runs.push(JSON.parse(last));
    } catch {
      console.log(`  run failed (exit ${r.status}): ${(r.stderr ?? "").trim().split("\n").slice(-3).join(" | ")}`);
    }
  }
  const m = (f) => median(runs.map(f));
  results.push({
    layout,
    runs,
    completed_per_s: m((r) => r.completed_per_s),
    accepted_per_s: m((r) => r.accepted_per_s),
    webhook_202_p99_ms: m((r) => r.webhook_202_p99_ms),
    trigger_to_completion_p50_ms: m((r) => r.trigger_to_completion_p50_ms),
    cpu_ms: ["web", "worker", "postgres", "total"].map((k) => m((r) => r.cpu_ms_per_execution?.[k])),
    transactions_per_execution: m((r) => r.transactions_per_execution),
  });
}

console.log(`\nmedians of ${RUNS} runs each; PostgreSQL: ${process.env.DATABASE_URL ? "DATABASE_URL (not pinned)" : "embedded (pinned with the bench)"}\n`);
console.log(
  "| CPUs (bench:web:worker) | completed/s | accepted/s | 202 p99 at 200/s (ms) | trigger → completion p50 (ms) | CPU ms per execution (web / worker / PG = total) | transactions per execution |",
);
console.log("|---|---|---|---|---|---|---|");
for (const r of results) {
  const [w, k, p, t] = r.cpu_ms;
  console.log(
    `| ${r.layout} | ${r.completed_per_s} | ${r.accepted_per_s} | ${r.webhook_202_p99_ms} | ${r.trigger_to_completion_p50_ms} | ${w} / ${k} / ${p} = ${t} | ${r.transactions_per_execution} |`,
  );
}
console.log(JSON.stringify({ cores, runs_per_layout: RUNS, database: process.env.DATABASE_URL ? "DATABASE_URL" : "embedded", results }));
