/**
 * The due-job alarm with real graphile-worker workers on the test database, polling only once a
 * minute: a job scheduled for later runs when it falls due, a failed job's retry runs when its
 * back-off ends, several jobs due together run in parallel, and idle workers do not poll.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { run, type Runner } from "graphile-worker";
import pg from "pg";
import { dropDatabase } from "../db/bootstrap";
import { startDueJobAlarm, type DueJobAlarm } from "./due-jobs";
import { workerLogger } from "./runner";

// this file's own database, cloned from the migrated template (only the job queue is used)
const template = new URL(inject("ownerUrl")).pathname.slice(1);
const dbName = `${template.replace(/_tpl$/, "")}_due_${process.pid}`;
const withDb = (url: string) => Object.assign(new URL(url), { pathname: `/${dbName}` }).toString();
let pool: pg.Pool;
let runner: Runner;
let alarm: DueJobAlarm;
let fetches = 0;
const runs: { name: string; attempt: number; at: number }[] = [];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function addJob(name: string, inMs: number, payload: Record<string, unknown> = {}): Promise<number> {
  await pool.query(`select graphile_worker.add_job('test.due_probe', $1::json, run_at := now() + $2::interval)`, [
    JSON.stringify({ name, ...payload }),
    `${inMs} milliseconds`,
  ]);
  return Date.now();
}
async function waitFor(name: string, count: number, withinMs: number) {
  const until = Date.now() + withinMs;
  while (runs.filter((r) => r.name === name).length < count && Date.now() < until) await sleep(20);
  return runs.filter((r) => r.name === name);
}

beforeAll(async () => {
  const admin = new pg.Client({ connectionString: Object.assign(new URL(inject("ownerUrl")), { pathname: "/postgres" }).toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${dbName}" TEMPLATE "${template}"`).finally(() => admin.end());
  pool = new pg.Pool({ connectionString: withDb(inject("appUrl")), max: 6 });
  pool.on("error", () => {});
  alarm = startDueJobAlarm(pool, { tasks: ["test.due_probe"] });
  alarm.events.on("worker:getJob:start", () => {
    fetches++;
  });
  runner = await run({
    pgPool: pool,
    concurrency: 4,
    noHandleSignals: true,
    pollInterval: 60_000,
    logger: workerLogger,
    events: alarm.events,
    taskList: {
      "test.due_probe": async (payload, helpers) => {
        const p = payload as { name: string; fail_first?: boolean; hold_ms?: number };
        runs.push({ name: p.name, attempt: helpers.job.attempts, at: Date.now() });
        if (p.hold_ms) await sleep(p.hold_ms);
        if (p.fail_first && helpers.job.attempts === 1) throw new Error("the first attempt fails");
      },
    },
  });
  await sleep(300); // the workers' first fetches
});

afterAll(async () => {
  await runner?.stop();
  alarm?.stop();
  await pool?.end();
  await dropDatabase(inject("ownerUrl"), dbName);
});

describe("due-job alarm", () => {
  it("runs a job scheduled for later when it falls due, not at the next poll", async () => {
    const added = await addJob("later", 1500);
    const [r] = await waitFor("later", 1, 10_000);
    expect(r).toBeDefined();
    const late = r!.at - added;
    expect(late).toBeGreaterThanOrEqual(1300);
    expect(late).toBeLessThan(2500);
  });

  it("runs a failed job's retry when its back-off ends (about e¹ s after the first attempt)", async () => {
    await addJob("retry", 0, { fail_first: true });
    const rs = await waitFor("retry", 2, 15_000);
    expect(rs.map((r) => r.attempt)).toEqual([1, 2]);
    const gap = rs[1]!.at - rs[0]!.at;
    expect(gap).toBeGreaterThanOrEqual(2400);
    expect(gap).toBeLessThan(4500);
  });

  it("starts jobs due at the same moment in parallel", async () => {
    for (let i = 0; i < 3; i++) await addJob("together", 1000, { hold_ms: 600 });
    const rs = await waitFor("together", 3, 10_000);
    expect(rs).toHaveLength(3);
    // run one after another they would start 600 ms apart
    expect(Math.max(...rs.map((r) => r.at)) - Math.min(...rs.map((r) => r.at))).toBeLessThan(400);
  });

  it("lets idle workers sit: no fetch in 3 s with nothing due", async () => {
    await sleep(1500); // the previous test's jobs end and their workers find nothing
    const before = fetches;
    await sleep(3000);
    expect(fetches - before).toBe(0);
  });
});
