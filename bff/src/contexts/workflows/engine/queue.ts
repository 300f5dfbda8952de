/**
 * The execution queue (docs/decisions/022-execution-queue-and-group-commit.md): the executions
 * table itself, not a job per execution.
 *
 * - An active execution is due at `run_at` (set on insert; a retry due later moves it; null once
 *   the execution has ended). Inserting or re-queueing one sends `NOTIFY nh_executions`.
 * - A worker process claims due executions in batches, in one statement (`claimExecutions`): it
 *   walks the workspaces that have due executions, locks up to `n` of each with `FOR UPDATE SKIP
 *   LOCKED`, and takes them round-robin across workspaces (a workspace's k-th execution comes after
 *   every other workspace's (k−1)-th, counting the executions this process already runs for it),
 *   so one workspace flooding the queue cannot keep another's waiting. It stamps `claimed_by` and
 *   a lease of `NH_EXECUTION_LEASE_MS` (default 5000).
 * - While it runs them the process renews the leases every `NH_LEASE_HEARTBEAT_MS` (default
 *   1000), one statement for all its executions. A lease that has run out means its worker is
 *   gone (`kill -9`, a lost host): the execution is due again and the next claim anywhere takes it
 *   over, re-running the step that was in flight with the same idempotency key. Every round
 *   (run-execution.ts) checks it still holds the claim before writing, so a worker that lost its
 *   lease (stalled past it) stops instead of writing over its successor.
 * - Each process runs up to `NH_EXECUTION_SLOTS` (default 100) executions at once, claiming at most
 *   `NH_CLAIM_BATCH` (default 50) per statement; `NH_WORKSPACE_EXECUTION_SLOTS` (default: no limit)
 *   caps how many of them one workspace may hold in a process, and while more than one workspace
 *   is active in the process (an execution running, or one ended within
 *   `NH_WORKSPACE_ACTIVE_WINDOW_MS`, default 1000) each may hold `NH_CONTENDED_WORKSPACE_SLOTS`
 *   (default 16; decision 038). Idle, it waits for a notification,
 *   looking anyway every `NH_QUEUE_POLL_MS` (default 500) for executions whose retry fell due or
 *   whose lease ran out.
 *
 * graphile-worker keeps the scheduled and rare jobs (schedules, maintenance, e-mails, …).
 */
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { isDatabaseUnavailable, reconnectBackoff, type Database, type Tx } from "../../../db/client";
import { driverOf, INDEX_PLANS, withPlatform, withWorkspace } from "../../../db/tenant";
import { logger } from "../../../lib/logger";
import { executions } from "../schema";

/** The channel a new or re-queued execution is announced on. */
export const QUEUE_CHANNEL = "nh_executions";

const envNumber = (name: string, fallback: number): number => {
  const v = Number(process.env[name]);
  return process.env[name] !== undefined && Number.isFinite(v) && v > 0 ? v : fallback;
};

/** How long a claim holds without a heartbeat (ms). */
export const leaseMs = (): number => envNumber("NH_EXECUTION_LEASE_MS", 5_000);
/** How often a worker renews the leases of the executions it runs (ms). */
export const heartbeatMs = (): number => envNumber("NH_LEASE_HEARTBEAT_MS", 1_000);

/** The most executions one workspace may run at once in a process (`NH_WORKSPACE_EXECUTION_SLOTS`, default: no limit). */
export const workspaceSlots = (): number => envNumber("NH_WORKSPACE_EXECUTION_SLOTS", 1_000_000);

/**
 * The same while more than one workspace is active in the process (decision 038): a workspace's
 * share, `NH_CONTENDED_WORKSPACE_SLOTS` (default 16), so a flooding workspace leaves room (slots,
 * CPU, database) for the others; alone, a workspace may use every slot (work conserving).
 */
export const contendedWorkspaceSlots = (): number => Math.min(workspaceSlots(), envNumber("NH_CONTENDED_WORKSPACE_SLOTS", 16));
/** How long after its last execution ended a workspace still counts as active (ms). */
const activeWindowMs = (): number => envNumber("NH_WORKSPACE_ACTIVE_WINDOW_MS", 1_000);

/** The `NOTIFY` that wakes idle workers, as a SQL expression (delivered at COMMIT, once per transaction). */
export const notifyQueueSql = sql`pg_notify(${QUEUE_CHANNEL}, '')`;

/** A worker id: host, process and a random part (a restarted process is another worker). */
export function newWorkerId(kind = "worker"): string {
  return `${kind}:${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

export interface Claimed {
  id: string;
  workspaceId: string;
  /** it was `queued` (never run) until this claim, which marked it `running` */
  fresh?: boolean;
}

/**
 * Claims up to `n` due executions for `worker` (see the module doc), never one of `exclude`
 * (executions this process already runs), taking them round-robin across workspaces; `running`
 * counts the executions this process already runs per workspace. The claimed ones are marked
 * `running` in the same statement. Answers them.
 */
export async function claimExecutions(
  db: Database,
  worker: string,
  n: number,
  exclude: string[] = [],
  running: Map<string, number> = new Map(),
  cap: number = workspaceSlots(),
): Promise<Claimed[]> {
  if (n <= 0) return [];
  return withPlatform(
    db,
    async (tx) => {
      const rows = await driverOf(tx)!.unsafe<{ id: string; workspace_id: string; fresh: boolean }[]>(CLAIM_SQL, [
        `{${exclude.join(",")}}`,
        n,
        JSON.stringify(Object.fromEntries(running)),
        cap,
        worker,
        `${leaseMs()} milliseconds`,
      ]);
      return rows.map((r) => ({ id: r.id, workspaceId: r.workspace_id, fresh: r.fresh }));
    },
    INDEX_PLANS,
  );
}

// the claim (see claimExecutions), one constant text prepared once per connection: $1 executions
// to leave out (uuid[] literal), $2 how many, $3 executions this process runs per workspace (jsonb),
// $4 the per-workspace cap, $5 the worker, $6 the lease (interval)
export const CLAIM_SQL = `
  with recursive ws(id) as (
    (select workspace_id from workflow_executions where run_at <= now() order by workspace_id limit 1)
    union all
    select (select e.workspace_id from workflow_executions e where e.run_at <= now() and e.workspace_id > ws.id order by e.workspace_id limit 1)
    from ws where ws.id is not null
  ),
  cand as (
    select c.id, c.workspace_id, c.run_at, c.status from (select id from ws where id is not null limit 1000) w
    cross join lateral (
      select e.id, e.workspace_id, e.run_at, e.status from workflow_executions e
      where e.workspace_id = w.id and e.run_at <= now() and (e.lease_until is null or e.lease_until < now()) and e.status in ('queued', 'running')
        and e.id <> all($1::uuid[])
      order by e.run_at limit $2::int
      for update skip locked) c
  ),
  ranked as (
    select id, run_at, status, row_number() over (partition by workspace_id order by run_at)
      + coalesce(($3::jsonb ->> workspace_id::text)::int, 0) as turn
    from cand
  ),
  chosen as (select id, status from ranked where turn <= $4::int order by turn, run_at limit $2::int)
  update workflow_executions e set claimed_by = $5, lease_until = now() + $6::interval,
    status = 'running', started_at = coalesce(e.started_at, now())
  from chosen where e.id = chosen.id
  returning e.id, e.workspace_id, chosen.status = 'queued' as fresh`;

/**
 * Claims one execution for `worker` in `tx` (its workspace's scope), marking it `running`, unless
 * another worker holds a live lease on it or it has ended; answers the claim or null.
 */
export async function claimExecution(tx: Tx, executionId: string, worker: string): Promise<Claimed | null> {
  const rows = await tx.execute<{ id: string; workspace_id: string; fresh: boolean }>(sql`
    with old as (select id, status from ${executions} where id = ${executionId} for update)
    update ${executions} e set claimed_by = ${worker}, lease_until = now() + ${`${leaseMs()} milliseconds`}::interval,
      status = 'running', started_at = coalesce(e.started_at, now())
    from old
    where e.id = old.id and e.run_at is not null and e.status in ('queued', 'running')
      and (e.lease_until is null or e.lease_until < now() or e.claimed_by = ${worker})
    returning e.id, e.workspace_id, old.status = 'queued' as fresh`);
  const r = rows[0];
  return r ? { id: r.id, workspaceId: r.workspace_id, fresh: r.fresh } : null;
}

/**
 * Renews `worker`'s leases on `ids` (those not renewed within the last heartbeat). Rows locked
 * right now (a round of that execution is writing) are skipped, not waited for: the next beat
 * renews them; so a heartbeat never waits on a round, and never deadlocks with another.
 */
export async function renewLeases(db: Database, worker: string, ids: string[]): Promise<void> {
  if (!ids.length) return;
  await withPlatform(
    db,
    (tx) =>
      tx.execute(sql`
      update ${executions} e set lease_until = now() + ${`${leaseMs()} milliseconds`}::interval
      from (select id from ${executions}
        where id = any(${`{${ids.join(",")}}`}::uuid[]) and claimed_by = ${worker}
          and lease_until < now() + ${`${Math.max(0, leaseMs() - heartbeatMs())} milliseconds`}::interval
        order by id for update skip locked) due
      where e.id = due.id`),
    INDEX_PLANS,
  );
}

/** Gives up `worker`'s claim on an execution that is still active; it is due again at `runAt`. */
export async function releaseClaim(db: Database, c: Claimed, worker: string, runAt: Date): Promise<void> {
  await withWorkspace(
    db,
    c.workspaceId,
    (tx) =>
      tx.execute(sql`
      update ${executions} set claimed_by = null, lease_until = null, run_at = greatest(run_at, ${runAt.toISOString()}::timestamptz)
      where id = ${c.id} and claimed_by = ${worker} and run_at is not null`),
    INDEX_PLANS,
  );
}

/** Runs one claimed execution to its end or its next wait (run-execution.ts, injected to avoid a cycle). */
export type RunClaimed = (db: Database, c: Claimed, worker: string, opts: { lastTry: boolean }) => Promise<void>;

let runClaimed: RunClaimed | null = null;
/** Called once by run-execution.ts. */
export function setClaimRunner(fn: RunClaimed): void {
  runClaimed = fn;
}

/** How often an execution whose run threw is tried again, and when its last try counts as such. */
const FAILURE_BACKOFF_MS = (failures: number) => Math.min(60_000, 1_000 * 2 ** Math.min(failures - 1, 6));
const LAST_TRY_AFTER = 8;

export interface ExecutionQueue {
  /** executions this process runs now */
  readonly running: number;
  stop: () => Promise<void>;
}

/**
 * Starts this process's queue worker on `db`, listening for `NOTIFY nh_executions` on its own
 * connection to `url` (see the module doc). `stop()` stops claiming and waits for the executions
 * it runs.
 */
export async function startExecutionQueue(db: Database, url: string, opts: { slots?: number; batch?: number } = {}): Promise<ExecutionQueue> {
  const slots = opts.slots ?? envNumber("NH_EXECUTION_SLOTS", 100);
  const batch = opts.batch ?? envNumber("NH_CLAIM_BATCH", 50);
  const worker = newWorkerId();
  const running = new Map<string, { claim: Claimed; done: Promise<void> }>();
  const perWorkspace = new Map<string, number>();
  // when each workspace last had an execution end here: with more than one active, each gets its share
  const lastEnded = new Map<string, number>();
  const claimCap = () => {
    const now = Date.now();
    let active = perWorkspace.size;
    for (const [ws, at] of lastEnded) {
      if (now - at > activeWindowMs()) lastEnded.delete(ws);
      else if (!perWorkspace.has(ws)) active++;
    }
    return active > 1 ? contendedWorkspaceSlots() : workspaceSlots();
  };
  const failures = new Map<string, number>();
  let stopped = false;
  let pumping = false;
  let again = false;
  let pumpTimer: NodeJS.Timeout | null = null;

  const run = (c: Claimed) => {
    perWorkspace.set(c.workspaceId, (perWorkspace.get(c.workspaceId) ?? 0) + 1);
    const failed = failures.get(c.id) ?? 0;
    const done = (async () => {
      try {
        await runClaimed!(db, c, worker, { lastTry: failed + 1 >= LAST_TRY_AFTER });
        failures.delete(c.id);
      } catch (err) {
        const n = failed + 1;
        if (n >= LAST_TRY_AFTER) failures.delete(c.id);
        else failures.set(c.id, n);
        logger.warn({ execution_id: c.id, err: String(err), failures: n }, "execution run failed; it is due again after a pause");
        await releaseClaim(db, c, worker, new Date(Date.now() + FAILURE_BACKOFF_MS(n))).catch((e) => {
          // the lease runs out on its own
          logger.debug({ execution_id: c.id, err: String(e) }, "could not release the claim");
        });
      } finally {
        running.delete(c.id);
        lastEnded.set(c.workspaceId, Date.now());
        const left = (perWorkspace.get(c.workspaceId) ?? 1) - 1;
        if (left > 0) perWorkspace.set(c.workspaceId, left);
        else perWorkspace.delete(c.workspaceId);
        schedulePump();
      }
    })();
    running.set(c.id, { claim: c, done });
  };

  /** Claims while there are free slots and due executions; coalesced (one claim at a time). */
  const pump = async (): Promise<void> => {
    if (stopped) return;
    if (pumping) {
      again = true;
      return;
    }
    pumping = true;
    try {
      do {
        again = false;
        for (;;) {
          const want = Math.min(batch, slots - running.size);
          if (want <= 0 || stopped) break;
          const claimed = await claimExecutions(db, worker, want, [...running.keys()], perWorkspace, claimCap());
          for (const c of claimed) run(c);
          if (claimed.length < want) break;
        }
      } while (again && !stopped);
    } catch (err) {
      if (!isDatabaseUnavailable(err)) logger.warn({ err: String(err) }, "execution claim failed");
    } finally {
      pumping = false;
    }
  };
  // slots freed within the same moment share one claim
  const schedulePump = () => {
    if (pumpTimer || stopped) return;
    pumpTimer = setTimeout(() => {
      pumpTimer = null;
      void pump();
    }, 1);
  };

  const listener = postgres(url, { max: 1, onnotice: () => {}, backoff: reconnectBackoff, connect_timeout: 10 } as postgres.Options<
    Record<string, postgres.PostgresType>
  >);
  // onlisten runs on every (re)connection: notifications sent meanwhile are lost, so look now
  await listener
    .listen(QUEUE_CHANNEL, schedulePump, schedulePump)
    .catch((err) => logger.warn({ err: String(err) }, "execution queue: LISTEN failed; polling only"));
  const poll = setInterval(() => void pump(), envNumber("NH_QUEUE_POLL_MS", 500));
  let beating = false; // one heartbeat at a time
  const heartbeat = setInterval(() => {
    if (beating) return;
    beating = true;
    renewLeases(db, worker, [...running.keys()])
      .catch((err: Error & { cause?: unknown }) => logger.warn({ err: String(err.cause ?? err) }, "execution lease heartbeat failed"))
      .finally(() => {
        beating = false;
      });
  }, heartbeatMs());
  void pump();
  logger.info({ worker, slots, batch }, "execution queue started");

  return {
    get running() {
      return running.size;
    },
    stop: async () => {
      stopped = true;
      clearInterval(poll);
      if (pumpTimer) clearTimeout(pumpTimer);
      while (pumping) await new Promise((r) => setTimeout(r, 10));
      await Promise.allSettled([...running.values()].map((r) => r.done));
      clearInterval(heartbeat);
      await listener.end({ timeout: 2 }).catch(() => {});
    },
  };
}

/**
 * Runs every due execution in this process until none is left (tests and one-off tools: what
 * the queue workers would do, without listening). Answers how many runs it made.
 */
export async function drainExecutionQueue(db: Database): Promise<number> {
  const worker = newWorkerId("drain");
  let n = 0;
  for (;;) {
    const claimed = await claimExecutions(db, worker, 50);
    if (!claimed.length) return n;
    n += claimed.length;
    const results = await Promise.allSettled(claimed.map((c) => runClaimed!(db, c, worker, { lastTry: false })));
    for (const [i, r] of results.entries()) {
      if (r.status === "fulfilled") continue;
      logger.warn({ execution_id: claimed[i]!.id, err: String(r.reason) }, "execution run failed; it is due again after a pause");
      await releaseClaim(db, claimed[i]!, worker, new Date(Date.now() + 1_000));
    }
  }
}
