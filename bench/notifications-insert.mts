/**
 * The fan-out's inbox insert alone (decision 036, session 9):
 * `DATABASE_URL=postgres://… pnpm --filter @nhood/bff exec tsx ../bench/notifications-insert.mts`.
 * Creates a fresh database `nhood_bench_insert_<stamp>` on the server in DATABASE_URL (owner
 * rights, a PostgreSQL on this machine: the backend's CPU is read from /proc), migrates it, then
 * runs BATCHES (default 60) transactions of `deliverNotifications` (through the notifications
 * context's entry point) with BATCH (default 5,000) rows each
 * (1,000 end users × BATCH/1,000 events) as the app role, and prints every REPORT (default 20)
 * batches the PostgreSQL CPU (the transaction's backend, COMMIT included), Node CPU and wall time
 * per row. NO_STATS=1 runs with the notifications table never analysed (autovacuum off for it),
 * as on a fresh instance; ANALYZE_AT=<n> analyses it before batch n. The database is dropped after.
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import { bootstrapDatabase, dropDatabase } from "../bff/src/db/bootstrap";
import { openDatabase } from "../bff/src/db/client";
import { withWorkspace } from "../bff/src/db/tenant";
import { deliverNotifications, type NewNotification } from "../bff/src/contexts/notifications";

// the BFF's own postgres.js (this folder has no node_modules of its own)
const postgres = createRequire(new URL("../bff/package.json", import.meta.url))("postgres") as typeof import("postgres");

const base = process.env.DATABASE_URL;
if (!base) throw new Error("DATABASE_URL (owner rights) is required");
const BATCHES = Number(process.env.BATCHES ?? 60);
const BATCH = Number(process.env.BATCH ?? 5000);
const REPORT = Number(process.env.REPORT ?? 20);
const ANALYZE_AT = Number(process.env.ANALYZE_AT ?? -1);
const name = `nhood_bench_insert_${Date.now().toString(36)}`;
const u = new URL(base);
u.pathname = `/${name}`;
const ownerUrl = u.toString();

/** CPU seconds (user + system) of process `pid` so far. */
const cpuOf = (pid: number) => {
  const s = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  const f = s.slice(s.lastIndexOf(")") + 2).split(" ");
  return (Number(f[11]) + Number(f[12])) / 100;
};

async function main() {
  const appUrl = await bootstrapDatabase(ownerUrl);
  const owner = postgres(ownerUrl, { max: 1, onnotice: () => {} });
  const { db, close } = openDatabase(appUrl, 1);
  try {
    if (process.env.NO_STATS === "1") {
      await owner`alter table notifications set (autovacuum_enabled = false)`;
      await owner`delete from pg_statistic where starelid = 'notifications'::regclass`;
    }
    const ws = randomUUID();
    const users = Array.from({ length: 1000 }, () => randomUUID());
    let pid = 0;
    let win = { pg: 0, node: 0, wall: 0, rows: 0 };
    for (let b = 0; b < BATCHES; b++) {
      if (b === ANALYZE_AT) await owner`analyze notifications`;
      const items: NewNotification[] = [];
      for (let e = 0; e < BATCH / 1000; e++) {
        const eventId = randomUUID();
        for (const endUserId of users) items.push({ title: `Fan ${b}-${e}`, message: "", priority: "normal", ruleId: ws, eventId, userId: null, endUserId });
      }
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      let p0 = 0;
      await withWorkspace(db, ws, async (tx) => {
        // the app pool's one connection: its backend
        pid ||= (await owner<{ pid: number }[]>`select pid from pg_stat_activity where datname = ${name} and usename = 'nhood_app'`)[0]!.pid;
        p0 = cpuOf(pid);
        await deliverNotifications(tx, ws, items, { count: false, webhooks: false }); // takes the inbox lock itself
      });
      const c = process.cpuUsage(c0);
      win = {
        pg: win.pg + cpuOf(pid) - p0,
        node: win.node + (c.user + c.system) / 1e6,
        wall: win.wall + (performance.now() - t0) / 1000,
        rows: win.rows + items.length,
      };
      if ((b + 1) % REPORT === 0) {
        const us = (s: number) => ((s / win.rows) * 1e6).toFixed(1);
        console.log(
          `batches ${b + 1 - REPORT}-${b}: PostgreSQL ${us(win.pg)} µs/row, Node ${us(win.node)} µs/row, wall ${us(win.wall)} µs/row; ${(b + 1) * BATCH} rows`,
        );
        win = { pg: 0, node: 0, wall: 0, rows: 0 };
      }
    }
  } finally {
    await owner.end();
    await close();
    await dropDatabase(ownerUrl, name);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
