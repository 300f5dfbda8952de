/**
 * Outbox atomicity under injected failures: 1,000 trials, each one transaction that makes a
 * domain change (a new end user), appends its domain event and queues the event's dispatch (its
 * `domain_event_queue` row, decision 023) with the real `appendDomainEvent` (kernel/events.ts). Most trials get a failure injected at a
 * random point — before any statement of the transaction (the change, the event, the job: however
 * many statements `appendDomainEvent` takes, counted by a first clean trial) or just before
 * COMMIT — either as a thrown error or by killing the transaction's connection
 * (`pg_terminate_backend` from an owner connection, waiting until the backend is gone). The rest
 * commit.
 *
 * Expected: 0 domain events without their queue row, 0 queue rows without their event, 0 changes
 * without their event (and none of the three for a failed trial). No dispatcher runs in this
 * file, so every committed event's queue row is still there. Prints one JSON line with the figures.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { openHarness, type Harness } from "../testing/harness";
import { signUpWorkspace, type FreshWorkspace } from "../testing/fixtures";
import postgres from "postgres";
import { drizzle } from "drizzle-orm/postgres-js";
import type { DbHandles, Tx } from "../db/client";
import { withWorkspace } from "../db/tenant";
import { endUsers } from "../contexts/integrations/schema";

type AnyFunction = (...args: unknown[]) => unknown;
import { appendDomainEvent } from "../kernel/events";

const TRIALS = 1000;
const CONCURRENCY = 10;
/** statements of one trial's transaction after the tenant settings (measured by the first trial) */
let statements = 0;

let h: Harness;
let ws: FreshWorkspace;
let pool: DbHandles;
beforeAll(async () => {
  h = await openHarness();
  ws = await signUpWorkspace(h, "Atomic Co", "atomic");
  // the app's pool, with a short reconnect backoff: the test kills hundreds of connections, and
  // the default backoff (growing to seconds after many resets) would only make it slow
  const sqlPool = postgres(h.appUrl, { max: CONCURRENCY, onnotice: () => {}, backoff: () => 0.02 });
  pool = { sql: sqlPool, db: drizzle(sqlPool), close: () => sqlPool.end({ timeout: 5 }) };
});
afterAll(async () => {
  await pool?.close();
  await h.close();
});

type Mode = "commit" | "throw" | "kill";
interface Trial {
  external: string;
  mode: Mode;
  point: number;
  failed: boolean;
}

class Injected extends Error {}

/**
 * `tx` whose statements (drizzle builders are thenables that run when awaited, `execute` runs at
 * once) first call `before(n)` with the statement's number — the hook that throws or kills.
 */
function instrumented(tx: Tx, before: (n: number) => Promise<void>): Tx {
  let n = 0;
  const wrapBuilder = (b: object): object =>
    new Proxy(b, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver);
        if (prop === "then") {
          const k = n++;
          return (res: (v: unknown) => unknown, rej: (e: unknown) => unknown) => before(k).then(() => (value as AnyFunction).call(target, res, rej), rej);
        }
        if (typeof value !== "function") return value;
        return (...args: unknown[]) => {
          const out = (value as AnyFunction).apply(target, args);
          if (out === target) return receiver; // fluent builders answer themselves
          return out && typeof out === "object" ? wrapBuilder(out) : out;
        };
      },
    });
  return new Proxy(tx, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (["insert", "update", "delete", "select"].includes(prop as string))
        return (...args: unknown[]) => wrapBuilder((value as AnyFunction).apply(target, args) as object);
      if (prop === "execute")
        return async (...args: unknown[]) => {
          await before(n++);
          return (value as AnyFunction).apply(target, args);
        };
      return value;
    },
  }) as Tx;
}

/** Trial `i`'s plan from the seeded generator: 20 % commit, 40 % throw, 40 % kill, at a random point. */
function plan(i: number, rng: () => number): Trial {
  const r = rng();
  const mode: Mode = i === 0 || r < 0.2 ? "commit" : r < 0.6 ? "throw" : "kill";
  return { external: `atomic-${i}`, mode, point: mode === "commit" ? -1 : Math.floor(rng() * (statements + 1)), failed: false };
}

/** Runs a planned trial; `point` k < statements fails before statement k, k = statements before COMMIT. */
async function runTrial(i: number, trial: Trial): Promise<Trial> {
  const { mode } = trial;
  const inject = async (pid: number) => {
    if (mode === "throw") throw new Injected(`injected at point ${trial.point}`);
    await h.owner`select pg_terminate_backend(${pid})`;
    // gone before the trial goes on (pg_terminate_backend's own wait polls every 100 ms)
    for (let n = 0; (await h.owner`select 1 from pg_stat_activity where pid = ${pid}`).length; n++) {
      if (n > 2500) throw new Error(`backend ${pid} survived pg_terminate_backend`);
      await new Promise((r) => setTimeout(r, 2));
    }
  };
  try {
    await withWorkspace(pool.db, ws.workspaceId, async (raw) => {
      const [{ pid }] = (await raw.execute(sql`select pg_backend_pid() as pid`)) as unknown as [{ pid: number }];
      let seen = 0;
      const tx = instrumented(raw, async (k) => {
        seen = k + 1;
        if (k === trial.point) await inject(pid);
      });
      const [eu] = await tx.insert(endUsers).values({ workspaceId: ws.workspaceId, externalUserId: trial.external }).returning({ id: endUsers.id });
      await appendDomainEvent(tx, {
        workspaceId: ws.workspaceId,
        type: "outbox_trial.created",
        subjectId: eu!.id,
        payload: { external_user_id: trial.external },
      });
      if (i === 0) statements = seen;
      if (trial.point === statements) await inject(pid);
    });
  } catch (e) {
    if (mode === "commit") throw e;
    trial.failed = true;
  }
  return trial;
}

/** Park-Miller, so a failing run can be repeated with the same seed. */
function seeded(seed: number): () => number {
  let s = seed % 2147483647 || 1;
  return () => {
    s = (s * 16807) % 2147483647;
    return s / 2147483647;
  };
}

describe("the transactional outbox under injected failures", () => {
  it(`never splits a domain event from its queue row in ${TRIALS} trials`, async () => {
    const seed = Number(process.env.OUTBOX_SEED ?? Date.now() % 1e9);
    const rng = seeded(seed);
    const started = performance.now();
    const trials: Trial[] = [await runTrial(0, plan(0, rng))];
    expect(statements).toBeGreaterThanOrEqual(2); // the change, then the event and its job
    const plans = Array.from({ length: TRIALS - 1 }, (_, k) => plan(k + 1, rng)); // drawn in order: a seed repeats a run
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < plans.length) {
          const k = next++;
          trials.push(await runTrial(k + 1, plans[k]!));
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;

    const rows = await h.owner<{ external: string; change: boolean; events: number; jobs: number }[]>`
      select t.external, eu.id is not null as change,
        (select count(*)::int from domain_events e where e.type = 'outbox_trial.created' and e.payload->>'external_user_id' = t.external) as events,
        (select count(*)::int from domain_events e join domain_event_queue q on q.event_id = e.id and q.seq = e.seq
          where e.type = 'outbox_trial.created' and e.payload->>'external_user_id' = t.external) as jobs
      from unnest(${trials.map((t) => t.external)}::text[]) as t(external)
      left join end_users eu on eu.workspace_id = ${ws.workspaceId} and eu.external_user_id = t.external`;
    const [orphans] = await h.owner<{ queue_rows_without_event: number; events_without_queue_row: number }[]>`
      select
        (select count(*)::int from domain_event_queue q
          where not exists (select 1 from domain_events e where e.id = q.event_id)) as queue_rows_without_event,
        (select count(*)::int from domain_events e where e.type = 'outbox_trial.created'
          and not exists (select 1 from domain_event_queue q where q.event_id = e.id)) as events_without_queue_row`;
    const byExternal = new Map(rows.map((r) => [r.external, r]));
    const failedWithTrace = trials.filter((t) => t.failed && (byExternal.get(t.external)!.change || byExternal.get(t.external)!.events > 0));
    const committedIncomplete = trials.filter(
      (t) => !t.failed && !(byExternal.get(t.external)!.change && byExternal.get(t.external)!.events === 1 && byExternal.get(t.external)!.jobs === 1),
    );
    const changesWithoutEvent = rows.filter((r) => r.change && r.events === 0).length;
    const figures = {
      figure: "outbox_atomicity",
      seed,
      trials: trials.length,
      committed: trials.filter((t) => !t.failed).length,
      thrown: trials.filter((t) => t.mode === "throw").length,
      killed: trials.filter((t) => t.mode === "kill").length,
      statements_per_trial: statements,
      failed_before_statement_or_commit: Array.from({ length: statements + 1 }, (_, p) => trials.filter((t) => t.failed && t.point === p).length),
      events_without_queue_row: orphans!.events_without_queue_row,
      queue_rows_without_event: orphans!.queue_rows_without_event,
      changes_without_event: changesWithoutEvent,
      failed_trials_leaving_rows: failedWithTrace.length,
      committed_trials_incomplete: committedIncomplete.length,
      seconds: Math.round(seconds * 10) / 10,
    };
    console.log(JSON.stringify(figures));
    expect(trials).toHaveLength(TRIALS);
    expect(figures.killed).toBeGreaterThan(100);
    expect(figures.committed).toBeGreaterThan(100);
    expect(trials.filter((t) => t.mode !== "commit" && !t.failed)).toEqual([]); // every injection really failed its transaction
    expect({
      events_without_queue_row: figures.events_without_queue_row,
      queue_rows_without_event: figures.queue_rows_without_event,
      changes_without_event: changesWithoutEvent,
      failed_trials_leaving_rows: failedWithTrace.length,
      committed_trials_incomplete: committedIncomplete.length,
    }).toEqual({
      events_without_queue_row: 0,
      queue_rows_without_event: 0,
      changes_without_event: 0,
      failed_trials_leaving_rows: 0,
      committed_trials_incomplete: 0,
    });
  }, 120_000);
});
