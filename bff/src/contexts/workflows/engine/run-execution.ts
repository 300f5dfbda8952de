/**
 * Runs one execution that this worker has claimed from the execution queue (queue.ts): a loop of
 * rounds, each a transaction holding the execution row lock, with the provider calls between
 * rounds and outside any transaction.
 *
 * A round (1) stores the outcome of every step attempt that ended since the last one (output,
 * or error plus the next attempt's due time, or the execution's failure), (2) `advance`s the DAG
 * (conditions and pure steps run inline), (3) marks every runnable step `running` with its
 * rendered input, attempt number and lease (step timeout + grace), and commits. Then those steps
 * start in parallel; the next round begins as soon as any of them ends, so a fast branch never
 * waits for a slow one.
 *
 * Runnable: `queued` steps, `retrying` steps whose due time has come, and `running` steps that
 * this worker did not start (their worker died and its claim ran out: the attempt runs again with
 * the same idempotency key `<execution id>:<step id>`, so a target that honours keys applies it
 * once). When nothing is runnable and steps wait for a retry, the execution is due again at the
 * earliest due time: a wait up to 2 s happens here, a longer one gives up the claim.
 *
 * Fencing: every round first checks that this worker still holds the execution's claim; one that
 * lost it (its lease ran out while it stalled, and another worker took over) stops without writing.
 * Fairness between workspaces is the queue's (round-robin claims, queue.ts).
 */
import { and, eq } from "drizzle-orm";
import { isDatabaseUnavailable, type Database, type Tx } from "../../../db/client";
import { driverOf, INDEX_PLANS, setWorkspace, withWorkspace } from "../../../db/tenant";
import { integrationCalls } from "../../../lib/metrics";
import { logger } from "../../../lib/logger";
import { withSpan } from "../../../lib/tracing";
import { ActionFailed, type ConnectionOwner, findAction, invokeAction } from "../../integrations";
import { executions, stepRuns } from "../schema";
import {
  actionNode,
  advance,
  type EndExecution,
  type Finish,
  finishExecutions,
  flushStepRuns,
  type NewStepRun,
  stepTrace,
  isActive,
  loadGraph,
  loadRunsOf,
  lockExecutions,
  NEW_RUN,
  queueExecution,
  scopeOf,
  type Execution,
  type StepRunRow,
} from "./advance";
import type { ActionNode, WorkflowGraph } from "./definition";
import { activation, render } from "./expressions";
import { resolveConnection } from "./connection";
import { redactSecrets } from "./redact";
import { retryDelayMs } from "./retry";
import { InFlight, laneTakes } from "./fair-lane";
import { claimExecution, heartbeatMs, newWorkerId, releaseClaim, renewLeases, setClaimRunner } from "./queue";

/** How long past its timeout a running attempt's `lease_until` reaches (informational: the execution's claim decides). */
export const LEASE_GRACE_MS = 15_000;
/** Retries due within this many ms are waited for in the running job instead of a new one. */
const SHORT_WAIT_MS = 2_000;

export interface RunExecutionPayload {
  workspace_id: string;
  execution_id: string;
}

/** Aborts in-flight steps of an execution in this process (cancellation). */
const inFlight = new Map<string, Set<AbortController>>();

export function abortInFlight(executionId: string): void {
  for (const c of inFlight.get(executionId) ?? []) c.abort(new Error("execution cancelled"));
}

type Outcome = { ok: true; output: unknown } | { ok: false; error: string; retryable: boolean };
interface Attempt {
  step: ActionNode;
  attempt: number;
  input: unknown;
  timeoutMs: number;
  connection: ConnectionOwner;
}
interface Ended extends Attempt {
  outcome: Outcome;
  durationMs: number;
}

async function callAction(exec: Execution, a: Attempt): Promise<Outcome> {
  const { step } = a;
  const controller = new AbortController();
  const set = inFlight.get(exec.id) ?? new Set();
  set.add(controller);
  inFlight.set(exec.id, set);
  const timer = setTimeout(() => controller.abort(new Error(`the step timed out after ${a.timeoutMs} ms`)), a.timeoutMs);
  try {
    const ctx = {
      workspaceId: exec.workspaceId,
      endUserId: exec.endUserId,
      idempotencyKey: `${exec.id}:${step.id}`,
      signal: controller.signal,
      connection: a.connection,
      test: exec.test,
      executionId: exec.id,
      stepId: step.id,
    };
    const output = await invokeAction(step, a.input, ctx, stepTrace(exec, step, a.attempt));
    integrationCalls.inc({ provider: step.provider, action: step.action, outcome: "succeeded" });
    return { ok: true, output };
  } catch (e) {
    const failure: Outcome =
      e instanceof ActionFailed
        ? { ok: false, error: e.message, retryable: e.retryable }
        : {
            ok: false,
            error: e instanceof Error ? e.message : String(e),
            retryable: !controller.signal.aborted || /timed out/.test(String(controller.signal.reason)),
          };
    integrationCalls.inc({ provider: step.provider, action: step.action, outcome: failure.retryable ? "retryable" : "failed" });
    return failure;
  } finally {
    clearTimeout(timer);
    set.delete(controller);
    if (!set.size) inFlight.delete(exec.id);
  }
}

/** An ended attempt's step run update, written with the batch's others in one statement (`flushAttempts`). */
interface AttemptWrite {
  execution_id: string;
  step_id: string;
  status: "succeeded" | "retrying" | "failed" | "cancelled";
  output: unknown;
  error: string | null;
  finished_at: Date | null;
  duration_ms: number;
  lease_until: Date | null;
}

/** The writes a batch of rounds defers to its end: each kind in one statement for the whole batch. */
interface Writes {
  /** new or replaced step runs (`flushStepRuns`) */
  pending: NewStepRun[];
  /** ended attempts (`flushAttempts`) */
  attempts: AttemptWrite[];
  /** executions that end (`finishExecutions`) */
  finishes: Finish[];
}

/** Ends an execution at the batch's end (`finishExecutions`); the caller holds its row lock and has seen it active. */
const deferEnd =
  (w: Writes): EndExecution =>
  async (exec, status, error) => {
    if (!isActive(exec)) return;
    exec.status = status;
    w.finishes.push({ exec, status, error });
  };

/**
 * Stores one ended attempt (module doc, round part 1) into the batch's writes and `runs`. The
 * execution stays locked by the caller.
 */
function recordAttempt(w: Writes, exec: Execution, e: Ended, runs: Map<string, StepRunRow>): void {
  const active = isActive(exec);
  const now = new Date();
  const base = { execution_id: exec.id, step_id: e.step.id, duration_ms: e.durationMs };
  if (e.outcome.ok) {
    const status = active ? "succeeded" : "cancelled";
    w.attempts.push({ ...base, status, output: e.outcome.output ?? null, error: null, finished_at: now, lease_until: null });
    runs.set(e.step.id, { stepId: e.step.id, status, output: e.outcome.output, attempts: e.attempt, leaseUntil: null });
    return;
  }
  const policy = e.step.retry;
  if (active && e.outcome.retryable && e.attempt < policy.maxAttempts) {
    const due = new Date(now.getTime() + retryDelayMs(policy, e.attempt + 1));
    w.attempts.push({ ...base, status: "retrying", output: null, error: e.outcome.error, finished_at: null, lease_until: due });
    runs.set(e.step.id, { stepId: e.step.id, status: "retrying", output: null, attempts: e.attempt, leaseUntil: due });
    logger.info({ execution_id: exec.id, step_id: e.step.id, attempt: e.attempt, due_at: due.toISOString() }, "step attempt failed; retrying");
    return;
  }
  const status = active ? "failed" : "cancelled";
  w.attempts.push({ ...base, status, output: null, error: e.outcome.error, finished_at: now, lease_until: null });
  runs.set(e.step.id, { stepId: e.step.id, status, output: null, attempts: e.attempt, leaseUntil: null });
  if (active) {
    exec.status = "failed";
    w.finishes.push({ exec, status: "failed", error: `step ${e.step.id}: ${e.outcome.error}` });
  }
}

/**
 * `flushAttempts`' update: $1 the ended attempts (jsonb array of `AttemptWrite`), $2 their
 * executions' ids (uuid[] literal). The ids bound every plan to the batch's rows: without them a
 * generic plan made before the table had statistics was a full scan of the step runs' index.
 */
export const STEP_OUTCOMES_SQL = `update workflow_step_runs s set status = v.status, output = v.output, error = v.error, finished_at = v.finished_at,
      duration_ms = v.duration_ms, lease_until = v.lease_until
    from jsonb_to_recordset($1::jsonb) as v(execution_id uuid, step_id text, status text, output jsonb, error text,
      finished_at timestamptz, duration_ms int, lease_until timestamptz)
    where s.execution_id = v.execution_id and s.step_id = v.step_id and s.execution_id = any($2::uuid[])`;

/** Writes the ended attempts of a batch of rounds in one `update … from jsonb_to_recordset(…)`, and empties `list`. */
async function flushAttempts(tx: Tx, list: AttemptWrite[]): Promise<void> {
  if (!list.length) return;
  const writes = list.splice(0, list.length);
  const rows = JSON.stringify(writes);
  const ids = `{${[...new Set(writes.map((a) => a.execution_id))].join(",")}}`;
  const client = driverOf(tx);
  if (!client) throw new Error("the engine needs drizzle's postgres-js driver");
  await client.unsafe(STEP_OUTCOMES_SQL, [rows, ids]);
}

type Round = { kind: "stop"; exec: Execution | null } | { kind: "run"; exec: Execution; start: Attempt[]; wakeAt: number | null };

interface RoundState {
  /** the worker holding the claim (queue.ts) */
  worker: string;
  ended: Ended[];
  mine: Set<string>;
  lastTry: boolean;
  /** a round gave up the claim until a later retry */
  released: boolean;
  /** the claim is another worker's now */
  lost: boolean;
  /** the execution has ended */
  over: boolean;
  /** the claim took it from `queued`: it has no step runs unless it is a re-run */
  fresh: boolean;
}

/** One execution's next round, as a batch of rounds takes it. */
interface RoundItem {
  p: RunExecutionPayload;
  st: RoundState;
}

/**
 * Runs the rounds of several executions (any workspaces) in ONE transaction and answers one
 * `Round` per item, in order. Per workspace (its setting switched inside the transaction, so
 * row-level security applies as before) the statements are shared by all its executions: one
 * `select … for update` locks them, one query loads the step runs of those that have any, one
 * update stores every ended attempt, then (in memory) each execution is advanced and its
 * runnable steps started, and finally one multi-row upsert writes every new or changed step run
 * and three statements end the executions that finished (`finishExecutions`). Rare paths
 * (re-queueing for a retry, re-starting a retried or taken-over step) still write per execution,
 * in the same transaction. A side-effecting step's `running` row commits before its call, and its
 * outcome in a later round: the durability rules of a single round hold for each execution.
 */
async function roundBatch(db: Database, items: RoundItem[]): Promise<Round[]> {
  const byWorkspace = new Map<string, number[]>();
  for (const [i, it] of items.entries()) {
    const list = byWorkspace.get(it.p.workspace_id) ?? [];
    list.push(i);
    byWorkspace.set(it.p.workspace_id, list);
  }
  const groups = [...byWorkspace.entries()];
  const out: Round[] = new Array(items.length);
  await withWorkspace(
    db,
    groups[0]![0],
    async (tx) => {
      for (const [g, [workspaceId, idx]] of groups.entries()) {
        if (g > 0) await setWorkspace(tx, workspaceId);
        const rounds = await roundsInWorkspace(
          tx,
          idx.map((i) => items[i]!),
        );
        for (const [k, i] of idx.entries()) out[i] = rounds[k]!;
      }
    },
    INDEX_PLANS,
  );
  return out;
}

/**
 * The rounds of executions of the transaction's workspace (see `roundBatch`). Statements that do
 * not wait for each other's answers go out together (postgres.js pipelines them on the
 * transaction's connection, and PostgreSQL runs them in order): the step runs are read in the
 * same round trip as the lock (each statement reads after the one before it has finished, so
 * after the lock is held), and the writes of ended attempts and step runs are not awaited one by
 * one — a round batch costs 3 round trips fewer. A failed statement fails the batch with its own
 * error, not the "transaction is aborted" of the ones behind it.
 */
async function roundsInWorkspace(tx: Tx, items: RoundItem[]): Promise<Round[]> {
  const w: Writes = { pending: [], attempts: [], finishes: [] };
  const end = deferEnd(w);
  // an execution claimed from `queued` with nothing ended yet has no step runs unless it is a
  // re-run (known only once it is locked: those are read after the lock, rarely)
  const unread = (st: RoundState) => st.fresh && !st.ended.length;
  const sent: Promise<unknown>[] = [];
  const pipelined = <T>(p: Promise<T>): Promise<T> => {
    sent.push(p);
    p.catch(() => {}); // its error is rethrown below, in order
    return p;
  };
  try {
    const lockedP = pipelined(
      lockExecutions(
        tx,
        items.map((it) => it.p.execution_id),
      ),
    );
    const toRead = items.filter((it) => !unread(it.st)).map((it) => it.p.execution_id);
    const readP = toRead.length ? pipelined(loadRunsOf(tx, toRead)) : null;
    const locked = await lockedP;
    const out: Round[] = new Array(items.length);
    const live: { i: number; exec: Execution; st: RoundState }[] = [];
    for (const [i, { p, st }] of items.entries()) {
      const exec = locked.get(p.execution_id);
      if (!exec) out[i] = { kind: "stop", exec: null };
      else if (isActive(exec) && exec.claimedBy !== st.worker) {
        // fenced: our lease ran out and another worker took the execution over
        st.lost = true;
        out[i] = { kind: "stop", exec: null };
      } else live.push({ i, exec, st });
    }
    const runsOf = (await readP) ?? new Map<string, Map<string, StepRunRow>>();
    const reruns = live.filter(({ exec, st }) => unread(st) && exec.rerunOf).map(({ exec }) => exec.id);
    if (reruns.length) for (const [id, runs] of await loadRunsOf(tx, reruns)) runsOf.set(id, runs);
    const going: { i: number; exec: Execution; st: RoundState; runs: Map<string, StepRunRow> }[] = [];
    for (const x of live) {
      const runs = runsOf.get(x.exec.id) ?? new Map<string, StepRunRow>();
      x.st.fresh = false;
      for (const e of x.st.ended) recordAttempt(w, x.exec, e, runs);
      if (!isActive(x.exec)) out[x.i] = { kind: "stop", exec: x.exec };
      else going.push({ ...x, runs });
    }
    void pipelined(flushAttempts(tx, w.attempts));
    for (const x of going) out[x.i] = await advanceOne(tx, x.exec, x.runs, x.st, w, end);
    void pipelined(flushStepRuns(tx, w.pending));
    await finishExecutions(tx, w.finishes);
    await Promise.all(sent);
    return out;
  } catch (e) {
    // the first statement that failed says why; those behind it only say the transaction was aborted
    for (const p of sent) await p;
    throw e;
  }
}

/** Round parts 2 and 3 for one locked, active execution; its writes go to `w`. */
async function advanceOne(tx: Tx, exec: Execution, runs: Map<string, StepRunRow>, st: RoundState, w: Writes, end: EndExecution): Promise<Round> {
  const now = Date.now();
  const graph = await loadGraph(tx, exec.workflowId, exec.version);
  const left = exec.deadlineAt.getTime() - now;
  if (left <= 0) {
    const stuck = graph.steps.find((s) => !["succeeded", "failed", "skipped", "cancelled"].includes(runs.get(s.id)?.status ?? "queued"));
    await end(exec, "failed", stuck ? `step ${stuck.id}: the execution timed out` : "the execution timed out");
    return { kind: "stop", exec };
  }
  await advance(tx, exec, graph, runs, w.pending, end);
  if (!isActive(exec)) return { kind: "stop", exec };
  return startRunnable(tx, exec, graph, runs, st, left, w.pending, end);
}

const envNumber = (name: string, fallback: number): number => {
  const v = Number(process.env[name]);
  return process.env[name] !== undefined && Number.isFinite(v) && v > 0 ? v : fallback;
};

interface WaitingRound {
  item: RoundItem;
  resolve: (r: Round) => void;
  reject: (e: unknown) => void;
}

/**
 * The process's batcher of rounds on one database handle (group commit for rounds, decision
 * 022): a round asked for while `NH_ROUND_BATCH_CONCURRENCY` (default 2) batch transactions are
 * in flight waits and goes with every other waiting round into the next one (at most
 * `NH_ROUND_BATCH_MAX` (default 200) rounds per transaction); an idle process runs a lone round
 * at once. A batch that fails for any reason but an unavailable database is retried round by
 * round, so one execution's failure (an action missing on this worker, a bad row) fails only its
 * own round.
 *
 * When both batch slots are taken, or one is and the waiting rounds mix workspaces, the rounds of
 * workspaces with none in flight take the fair lane (fair-lane.ts, decision 038) instead of
 * waiting behind (or inside) a flooding workspace's batches.
 */
class RoundBatcher {
  /** batch transactions committed, the rounds they carried, and batches of several rounds that failed and were retried round by round (for tests and metrics) */
  readonly stats = { batches: 0, rounds: 0, failedBatches: 0 };
  private waiting: WaitingRound[] = [];
  private inFlight = 0;
  /** the fair lane's transaction is in flight (fair-lane.ts) */
  private laneBusy = false;
  private readonly busy = new InFlight();

  constructor(private readonly db: Database) {}

  submit(item: RoundItem): Promise<Round> {
    return new Promise<Round>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.kick();
    });
  }

  private kick(): void {
    // quiet workspaces' rounds apart from those of a workspace with batches in flight (fair-lane.ts)
    if (this.inFlight > 0) this.lane(false);
    while (this.waiting.length && this.inFlight < envNumber("NH_ROUND_BATCH_CONCURRENCY", 2)) {
      const batch = this.waiting.splice(0, envNumber("NH_ROUND_BATCH_MAX", 200));
      this.inFlight++;
      void this.start(batch).finally(() => {
        this.inFlight--;
        this.kick();
      });
    }
    this.lane(true);
  }

  /** Starts the fair lane's transaction if it is free and `laneTakes` gives it rounds. */
  private lane(slotsFull: boolean): void {
    if (this.laneBusy) return;
    const split = laneTakes(this.busy, this.waiting, workspaceOfRound, envNumber("NH_ROUND_BATCH_MAX", 200), slotsFull);
    if (!split) return;
    this.waiting = split.rest;
    this.laneBusy = true;
    void this.start(split.quiet).finally(() => {
      this.laneBusy = false;
      this.kick();
    });
  }

  private start(batch: WaitingRound[]): Promise<void> {
    return this.busy.during(batch, workspaceOfRound, () => this.run(batch));
  }

  private async run(batch: WaitingRound[]): Promise<void> {
    // what a failed batch may have changed in a round's state, to undo before it runs alone
    const saved = batch.map(({ item: { st } }) => ({ fresh: st.fresh, released: st.released, lost: st.lost }));
    try {
      const rounds = await roundBatch(
        this.db,
        batch.map((w) => w.item),
      );
      this.stats.batches++;
      this.stats.rounds += batch.length;
      for (const [i, w] of batch.entries()) w.resolve(rounds[i]!);
    } catch (e) {
      for (const [i, w] of batch.entries()) Object.assign(w.item.st, saved[i]);
      if (batch.length === 1 || isDatabaseUnavailable(e)) {
        for (const w of batch) w.reject(e);
        return;
      }
      this.stats.failedBatches++;
      await Promise.all(batch.map((w) => this.run([w])));
    }
  }
}

const workspaceOfRound = (w: WaitingRound): string => w.item.p.workspace_id;

const batchers = new WeakMap<Database, RoundBatcher>();

function batcherOf(db: Database): RoundBatcher {
  let b = batchers.get(db);
  if (!b) {
    b = new RoundBatcher(db);
    batchers.set(db, b);
  }
  return b;
}

/** Batch transactions of rounds committed on `db` so far, the rounds they carried, and failed batches retried round by round. */
export function roundBatchStats(db: Database): { batches: number; rounds: number; failedBatches: number } {
  return { ...batcherOf(db).stats };
}

/** One round of one execution, through the process's batcher of rounds (see `RoundBatcher`). */
function round(db: Database, p: RunExecutionPayload, st: RoundState): Promise<Round> {
  return batcherOf(db).submit({ p, st });
}

/** Adds, to the round's rows, a step run that failed before its call (the row may not exist yet). */
function storeFailure(pending: NewStepRun[], exec: Execution, stepId: string, error: string, attempt: number): void {
  pending.push({
    workspaceId: exec.workspaceId,
    executionId: exec.id,
    stepId,
    status: "failed",
    error,
    attempts: attempt,
    finishedAt: new Date(),
    leaseUntil: null,
  });
}

/**
 * Marks the runnable steps `running` (see the module doc). New step runs are added to `pending`,
 * which the caller writes in one statement with the rows `advance` ended; `end` ends the execution
 * (deferred to the end of the batch).
 */
async function startRunnable(
  tx: Tx,
  exec: Execution,
  graph: WorkflowGraph,
  runs: Map<string, StepRunRow>,
  st: RoundState,
  left: number,
  pending: NewStepRun[],
  end: EndExecution,
): Promise<Round> {
  const now = Date.now();
  const start: Attempt[] = [];
  let wakeAt: number | null = null;
  const fresh = new Set<string>();
  for (const r of runs.values()) {
    if (st.mine.has(r.stepId)) continue;
    let attempt: number;
    if (r.status === "queued") {
      attempt = r.attempts + 1;
      if (r.leaseUntil === NEW_RUN) fresh.add(r.stepId);
    } else if (r.status === "retrying") {
      const due = r.leaseUntil?.getTime() ?? 0;
      if (due > now) {
        wakeAt = Math.min(wakeAt ?? due, due);
        continue;
      }
      attempt = r.attempts + 1;
    } else if (r.status === "running") {
      // not ours (`mine` was skipped above): its worker died mid-attempt and we hold the claim now,
      // so the same attempt runs again
      attempt = Math.max(1, r.attempts);
    } else continue;
    const step = actionNode(graph, r.stepId);
    if (!step) {
      storeFailure(pending, exec, r.stepId, "the step is not in this version", attempt);
      await end(exec, "failed", `step ${r.stepId}: the step is not in this version`);
      return { kind: "stop", exec };
    }
    if (!findAction(step.provider, step.action) && !st.lastTry) {
      // published versions only use known actions, so this worker lacks one (e.g. mid-deploy):
      // fail the job so graphile-worker retries it, possibly on another worker
      throw new Error(`action ${step.provider}.${step.action} is not installed on this worker`);
    }
    let input: unknown;
    let connection: ConnectionOwner;
    try {
      const act = activation(scopeOf(exec, runs.values()));
      input = render(step.config, act);
      connection = resolveConnection(step, exec.endUserId, act);
    } catch (e) {
      const error = (e as Error).message;
      storeFailure(pending, exec, r.stepId, error, attempt);
      await end(exec, "failed", `step ${r.stepId}: ${error}`);
      return { kind: "stop", exec };
    }
    start.push({ step, attempt, input, timeoutMs: Math.min(step.timeoutMs, left), connection });
  }
  if (start.length) {
    const at = new Date();
    const running = (a: Attempt) => ({
      status: "running" as const,
      attempts: a.attempt,
      input: redactSecrets(a.input),
      startedAt: at,
      error: null,
      leaseUntil: new Date(at.getTime() + a.timeoutMs + LEASE_GRACE_MS),
    });
    for (const a of start) {
      if (fresh.has(a.step.id)) pending.push({ workspaceId: exec.workspaceId, executionId: exec.id, stepId: a.step.id, ...running(a) });
    }
    for (const a of start) {
      if (fresh.has(a.step.id)) continue;
      await tx
        .update(stepRuns)
        .set(running(a))
        .where(and(eq(stepRuns.executionId, exec.id), eq(stepRuns.stepId, a.step.id)));
    }
    if (exec.status === "queued") {
      await tx
        .update(executions)
        .set({ status: "running", startedAt: exec.startedAt ?? at })
        .where(eq(executions.id, exec.id));
      exec.status = "running";
    }
  }
  // due again at the earliest retry; a wait longer than SHORT_WAIT_MS gives the claim up meanwhile
  if (!start.length && !st.mine.size && wakeAt !== null) {
    const release = wakeAt - Date.now() > SHORT_WAIT_MS;
    await queueExecution(tx, exec, new Date(wakeAt), { release });
    st.released = release;
  }
  return { kind: "run", exec, start, wakeAt };
}

/** How long a job holding in-flight attempts waits for the database to come back. */
const OUTAGE_PATIENCE_MS = 120_000;

/**
 * A round; while attempts of this job are in flight (it owns their leases) a database outage is
 * waited out (every 500 ms, up to 2 min) instead of failing the job, so the outcomes it holds are
 * stored as soon as the database is back rather than re-run after the lease runs out.
 */
async function roundSurvivingOutages(db: Database, p: RunExecutionPayload, st: RoundState, holding: boolean): Promise<Round> {
  const until = Date.now() + OUTAGE_PATIENCE_MS;
  for (;;) {
    try {
      return await round(db, p, st);
    } catch (e) {
      if (!(holding || st.ended.length) || !isDatabaseUnavailable(e) || Date.now() > until) throw e;
      logger.warn({ execution_id: p.execution_id, err: String(e) }, "database unavailable; holding step outcomes until it is back");
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

/**
 * Runs the execution until it ends or has to wait (see the module doc), as `opts.worker`, which
 * has claimed it (queue.ts); without a worker it claims the execution itself first (and does
 * nothing when another worker holds it) and renews its lease while it runs. Safe to repeat and to
 * run twice at once: a finished step never runs again, and only the claim's holder writes.
 * `lastTry`: the queue's last try of a run that keeps failing (unknown actions then fail the step
 * instead of the run).
 */
export async function runExecution(db: Database, p: RunExecutionPayload, opts: { worker?: string; lastTry?: boolean } = {}): Promise<void> {
  if (opts.worker) return runClaimed(db, p, opts.worker, opts.lastTry ?? false, false);
  const worker = newWorkerId("direct");
  const claim = await withWorkspace(db, p.workspace_id, (tx) => claimExecution(tx, p.execution_id, worker), INDEX_PLANS);
  if (!claim) return;
  const heartbeat = setInterval(() => {
    renewLeases(db, worker, [p.execution_id]).catch((err) => logger.warn({ err: String(err) }, "execution lease heartbeat failed"));
  }, heartbeatMs());
  try {
    await runClaimed(db, p, worker, opts.lastTry ?? false, claim.fresh ?? false);
  } finally {
    clearInterval(heartbeat);
  }
}

/** Runs one claimed execution's rounds until it ends or yields, inside a `run execution` span (OpenTelemetry; a no-op without tracing). */
async function runClaimed(db: Database, p: RunExecutionPayload, worker: string, lastTry: boolean, fresh: boolean): Promise<void> {
  const st: RoundState = { worker, ended: [], mine: new Set(), lastTry, released: false, lost: false, over: false, fresh };
  try {
    await withSpan("run execution", { "nh.execution_id": p.execution_id, "nh.workspace_id": p.workspace_id }, () => rounds(db, p, st));
  } finally {
    // a run that stops while the execution is active and still ours (an error, an odd state):
    // due again in a second instead of when the lease runs out
    if (!st.over && !st.released && !st.lost) {
      await releaseClaim(db, { id: p.execution_id, workspaceId: p.workspace_id }, worker, new Date(Date.now() + 1_000)).catch(() => {});
    }
  }
}

setClaimRunner((db, c, worker, opts) => runClaimed(db, { workspace_id: c.workspaceId, execution_id: c.id }, worker, opts.lastTry, c.fresh ?? false));

async function rounds(db: Database, p: RunExecutionPayload, st: RoundState): Promise<void> {
  const running = new Map<string, Promise<Ended>>();
  for (;;) {
    const r = await roundSurvivingOutages(db, p, st, running.size > 0);
    st.ended = [];
    let wakeIn: number | null = null;
    if (r.exec && !isActive(r.exec)) st.over = true;
    if (r.kind === "stop") {
      if (r.exec && !isActive(r.exec)) abortInFlight(p.execution_id);
      if (st.lost) abortInFlight(p.execution_id);
    } else {
      for (const a of r.start) {
        st.mine.add(a.step.id);
        const t0 = Date.now();
        running.set(
          a.step.id,
          callAction(r.exec, a).then((outcome) => ({ ...a, outcome, durationMs: Date.now() - t0 })),
        );
      }
      if (r.wakeAt !== null) wakeIn = Math.max(0, r.wakeAt - Date.now());
    }
    if (!running.size) {
      // a retry due soon is waited for here (the execution is due then in the queue too); a later
      // one ends this run (the round gave the claim up)
      if (r.kind === "stop" || st.released || wakeIn === null || wakeIn > SHORT_WAIT_MS) return;
      await new Promise((resolve) => setTimeout(resolve, wakeIn));
      continue;
    }
    // the next round starts when any attempt ends (or a retry falls due), with every attempt ended by then
    const timer = wakeIn === null ? null : new Promise<null>((resolve) => setTimeout(() => resolve(null), wakeIn));
    await Promise.race(timer === null ? running.values() : [...running.values(), timer]);
    const settled = await Promise.all([...running.values()].map((pr) => Promise.race([pr, Promise.resolve(null)])));
    for (const e of settled) {
      if (!e) continue;
      running.delete(e.step.id);
      st.mine.delete(e.step.id);
      st.ended.push(e);
    }
  }
}
