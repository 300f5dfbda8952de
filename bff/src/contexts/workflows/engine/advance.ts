/**
 * The DAG scheduler. `advance` runs inside a transaction that holds the execution row lock (a
 * round of the execution's job, see run-execution.ts): it skips steps on branches not taken,
 * evaluates conditions and pure actions (`core.transform`) inline, marks every action step whose
 * dependencies have ended as ready (`queued`, stored by the caller as it starts it), and finishes
 * the execution when every step has succeeded or been skipped.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Tx } from "../../../db/client";
import { driverOf } from "../../../db/tenant";
import { findAction, invokeAction, NEVER_ABORTED } from "../../integrations";
import { appendDomainEvent, appendDomainEvents } from "../../../kernel/events";
import { executions, stepRuns } from "../schema";
import type { ActionNode, StepNode, WorkflowGraph } from "./definition";
import { cachedVersion } from "./versions";
import { activation, evaluateCondition, render, type ExpressionScope } from "./expressions";
import { redactSecrets } from "./redact";
import { notifyQueueSql } from "./queue";

export type Execution = typeof executions.$inferSelect;
/** The parts of a step run the scheduler reads. `leaseUntil`: see `stepRuns.leaseUntil`. */
export type StepRunRow = Pick<typeof stepRuns.$inferSelect, "stepId" | "status" | "output" | "attempts" | "leaseUntil">;

const TERMINAL = new Set(["succeeded", "failed", "skipped", "cancelled"]);
export const ACTIVE_EXECUTION = ["queued", "running"] as const;
export const isActive = (e: Pick<Execution, "status">) => e.status === "queued" || e.status === "running";

/** The graph of one immutable version (from the version cache, versions.ts). */
export async function loadGraph(tx: Tx, workflowId: string, version: number): Promise<WorkflowGraph> {
  return (await cachedVersion(tx, workflowId, version)).graph;
}

/** The expression scope of an execution given its step runs (only succeeded ones have outputs). */
export function scopeOf(exec: Execution, runs: Iterable<Pick<StepRunRow, "stepId" | "status" | "output">>): ExpressionScope {
  const steps: ExpressionScope["steps"] = {};
  for (const r of runs) if (r.status === "succeeded") steps[r.stepId] = { output: r.output ?? null };
  return { trigger: exec.triggerPayload, steps, end_user: exec.endUserId ? { id: exec.endUserId } : null, vars: {} };
}

/** Locks and answers an execution row (null when absent). */
export async function lockExecution(tx: Tx, executionId: string): Promise<Execution | null> {
  const [e] = await tx.select().from(executions).where(eq(executions.id, executionId)).for("update");
  return e ?? null;
}

/** The step runs of an execution, keyed by step id. */
export async function loadRuns(tx: Tx, executionId: string): Promise<Map<string, StepRunRow>> {
  const rows = await tx
    .select({ stepId: stepRuns.stepId, status: stepRuns.status, output: stepRuns.output, attempts: stepRuns.attempts, leaseUntil: stepRuns.leaseUntil })
    .from(stepRuns)
    .where(eq(stepRuns.executionId, executionId));
  return new Map(rows.map((r) => [r.stepId, r]));
}

/** Locks and answers several execution rows, by id (in id order, so two lockers never deadlock); absent ones are missing. */
export async function lockExecutions(tx: Tx, ids: string[]): Promise<Map<string, Execution>> {
  const rows = await raw(tx).unsafe<RawExecution[]>(LOCK_EXECUTIONS_SQL, [ids]);
  return new Map(rows.map((r) => [r.id, executionOf(r)]));
}

/** The postgres.js client of `tx`, for the engine's hot statements (constant text, prepared per connection). */
function raw(tx: Tx) {
  const client = driverOf(tx);
  if (!client) throw new Error("the engine needs drizzle's postgres-js driver");
  return client;
}

export const LOCK_EXECUTIONS_SQL = "select * from workflow_executions where id = any($1::uuid[]) order by id for update";

/** A `workflow_executions` row as postgres.js answers it through drizzle's client (timestamps as text). */
type RawExecution = {
  id: string;
  workspace_id: string;
  workflow_id: string;
  version: number;
  status: Execution["status"];
  trigger_type: string;
  trigger_key: string | null;
  trigger_payload: unknown;
  end_user_id: string | null;
  error: string | null;
  rerun_of: string | null;
  deadline_at: string;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  test: boolean;
  run_at: string | null;
  lease_until: string | null;
  claimed_by: string | null;
};

const dateOf = (s: string | null): Date | null => (s === null ? null : new Date(s));

function executionOf(r: RawExecution): Execution {
  return {
    id: r.id,
    workspaceId: r.workspace_id,
    workflowId: r.workflow_id,
    version: r.version,
    status: r.status,
    triggerType: r.trigger_type,
    triggerKey: r.trigger_key,
    triggerPayload: r.trigger_payload,
    endUserId: r.end_user_id,
    error: r.error,
    rerunOf: r.rerun_of,
    deadlineAt: new Date(r.deadline_at),
    createdAt: new Date(r.created_at),
    startedAt: dateOf(r.started_at),
    finishedAt: dateOf(r.finished_at),
    test: r.test,
    runAt: dateOf(r.run_at),
    leaseUntil: dateOf(r.lease_until),
    claimedBy: r.claimed_by,
  };
}

/** The step runs of several executions in one query: execution id → step id → run (an execution without runs has an empty map). */
export async function loadRunsOf(tx: Tx, executionIds: string[]): Promise<Map<string, Map<string, StepRunRow>>> {
  const out = new Map<string, Map<string, StepRunRow>>(executionIds.map((id) => [id, new Map()]));
  if (!executionIds.length) return out;
  const rows = await raw(tx).unsafe<
    { execution_id: string; step_id: string; status: StepRunRow["status"]; output: unknown; attempts: number; lease_until: string | null }[]
  >("select execution_id, step_id, status, output, attempts, lease_until from workflow_step_runs where execution_id = any($1::uuid[])", [executionIds]);
  for (const r of rows) {
    out.get(r.execution_id)?.set(r.step_id, { stepId: r.step_id, status: r.status, output: r.output, attempts: r.attempts, leaseUntil: dateOf(r.lease_until) });
  }
  return out;
}

/**
 * Makes the execution due for a worker now (with a `NOTIFY` to wake one) or at `runAt` (queue.ts);
 * `release`: the worker running it gives up its claim (it stops until then).
 */
export async function queueExecution(tx: Tx, exec: Pick<Execution, "id" | "workspaceId">, runAt?: Date, opts: { release?: boolean } = {}): Promise<void> {
  const release = opts.release ? sql`, claimed_by = null, lease_until = null` : sql``;
  if (!runAt) {
    await tx.execute(sql`with u as (update ${executions} set run_at = now()${release} where id = ${exec.id} returning id)
      select ${notifyQueueSql} from u`);
    return;
  }
  await tx.execute(sql`update ${executions} set run_at = ${runAt.toISOString()}::timestamptz${release} where id = ${exec.id}`);
}

/** Ends an active execution and appends `execution.succeeded|failed|cancelled`. Mutates `exec.status`. */
export async function finishExecution(tx: Tx, exec: Execution, status: "succeeded" | "failed" | "cancelled", error: string | null): Promise<void> {
  const done = await tx
    .update(executions)
    .set({ status, error, finishedAt: new Date(), startedAt: exec.startedAt ?? new Date(), runAt: null, claimedBy: null, leaseUntil: null })
    .where(and(eq(executions.id, exec.id), sql`${executions.status} in ('queued','running')`))
    .returning({ id: executions.id });
  if (!done.length) return;
  exec.status = status;
  if (status !== "succeeded") {
    await tx
      .update(stepRuns)
      .set({ status: "cancelled", finishedAt: new Date(), leaseUntil: null })
      .where(and(eq(stepRuns.executionId, exec.id), sql`${stepRuns.status} in ('queued','retrying')`));
  }
  await appendDomainEvent(tx, {
    workspaceId: exec.workspaceId,
    type: `execution.${status}`,
    subjectId: exec.id,
    payload: { execution_id: exec.id, workflow_id: exec.workflowId, version: exec.version, status, error, end_user_id: exec.endUserId },
  });
}

/** An execution a batch of rounds ends (see `finishExecutions`). */
export interface Finish {
  exec: Execution;
  status: "succeeded" | "failed" | "cancelled";
  error: string | null;
}

/**
 * `finishExecutions`' update: $1 the executions' outcomes (jsonb array of {id, status, error}), $2
 * the end time, $3 their ids (uuid[] literal), which bound every plan to those rows (see
 * `STEP_OUTCOMES_SQL`).
 */
export const FINISH_EXECUTIONS_SQL = `update workflow_executions e set status = v.status, error = v.error, finished_at = $2::timestamptz,
      started_at = coalesce(e.started_at, $2::timestamptz), run_at = null, claimed_by = null, lease_until = null
    from jsonb_to_recordset($1::jsonb) as v(id uuid, status text, error text)
    where e.id = v.id and e.status in ('queued', 'running') and e.id = any($3::uuid[])
    returning e.id`;

/**
 * Ends, in `tx`, executions whose rows the caller holds locked and has seen active (a batch of
 * rounds, run-execution.ts): the same as `finishExecution` for each, in three statements for the
 * whole list — one `update … from jsonb_to_recordset(…)` of the executions, one update cancelling
 * the waiting step runs of those that did not succeed, and one multi-row append of their domain
 * events (`appendDomainEvents`). An execution no longer active by then is left alone.
 */
export async function finishExecutions(tx: Tx, list: Finish[]): Promise<void> {
  if (!list.length) return;
  const at = new Date().toISOString();
  const rows = list.map((f) => ({ id: f.exec.id, status: f.status, error: f.error }));
  const done = await raw(tx).unsafe<{ id: string }[]>(FINISH_EXECUTIONS_SQL, [JSON.stringify(rows), at, `{${rows.map((r) => r.id).join(",")}}`]);
  const ended = new Set([...done].map((r) => r.id));
  const finished = list.filter((f) => ended.has(f.exec.id));
  for (const f of finished) f.exec.status = f.status;
  const cancel = finished.filter((f) => f.status !== "succeeded").map((f) => f.exec.id);
  if (cancel.length) {
    await tx
      .update(stepRuns)
      .set({ status: "cancelled", finishedAt: new Date(at), leaseUntil: null })
      .where(and(inArray(stepRuns.executionId, cancel), sql`${stepRuns.status} in ('queued','retrying')`));
  }
  await appendDomainEvents(
    tx,
    finished.map(({ exec, status, error }) => ({
      workspaceId: exec.workspaceId,
      type: `execution.${status}`,
      subjectId: exec.id,
      payload: { execution_id: exec.id, workflow_id: exec.workflowId, version: exec.version, status, error, end_user_id: exec.endUserId },
    })),
  );
}

/** How `advance` ends an execution: at once (`finishExecution`) or deferred to the end of a batch of rounds. */
export type EndExecution = (exec: Execution, status: "succeeded" | "failed" | "cancelled", error: string | null) => Promise<void>;

/** Marks, in `runs`, a ready action step that has no step run row yet (see `advance`). */
export const NEW_RUN = new Date(0);

type Decision = "wait" | "skip" | "run";

function decide(step: StepNode, runs: Map<string, StepRunRow>): Decision {
  const deps = step.deps.map((d) => runs.get(d));
  if (deps.some((r) => !r || !TERMINAL.has(r.status))) return "wait";
  for (const gate of step.gates) {
    const c = runs.get(gate.condition)!;
    if (c.status !== "succeeded" || (c.output as { branch?: string } | null)?.branch !== gate.branch) return "skip";
  }
  if (deps.length > 0 && deps.every((r) => r!.status === "skipped")) return "skip";
  return "run";
}

/** The trace attributes of one attempt of an action step. */
export const stepTrace = (exec: Pick<Execution, "id" | "workspaceId">, step: ActionNode, attempt: number): Record<string, string | number> => ({
  "nh.execution_id": exec.id,
  "nh.step_id": step.id,
  "nh.action": `${step.provider}.${step.action}`,
  "nh.workspace_id": exec.workspaceId,
  "nh.attempt": attempt,
});

/** Step run rows a round writes in one statement at its end (`flushStepRuns`). */
export type NewStepRun = typeof stepRuns.$inferInsert;

/**
 * Writes `rows` (step runs of one round, each new or replacing its step's row) in one multi-row
 * statement, and empties `rows`. Only the holder of the execution's claim writes its step runs
 * (queue.ts), so a row already there is this worker's own earlier state of that step.
 */
export async function flushStepRuns(tx: Tx, rows: NewStepRun[]): Promise<void> {
  if (!rows.length) return;
  const values = rows.splice(0, rows.length).map((r) => ({
    workspace_id: r.workspaceId,
    execution_id: r.executionId,
    step_id: r.stepId,
    status: r.status ?? "queued",
    attempts: r.attempts ?? 0,
    input: r.input ?? null,
    output: r.output ?? null,
    error: r.error ?? null,
    started_at: r.startedAt ?? null,
    finished_at: r.finishedAt ?? null,
    duration_ms: r.durationMs ?? null,
    lease_until: r.leaseUntil ?? null,
  }));
  await raw(tx).unsafe(FLUSH_STEP_RUNS_SQL, [JSON.stringify(values)]);
}

// one statement text for every batch (prepared once per connection); the rows travel as one jsonb parameter
const FLUSH_STEP_RUNS_SQL = `
  insert into workflow_step_runs (workspace_id, execution_id, step_id, status, attempts, input, output, error, started_at, finished_at, duration_ms, lease_until)
  select workspace_id, execution_id, step_id, status, attempts, input, output, error, started_at, finished_at, duration_ms, lease_until
  from jsonb_to_recordset($1::jsonb) as r(workspace_id uuid, execution_id uuid, step_id text, status text, attempts int, input jsonb, output jsonb,
    error text, started_at timestamptz, finished_at timestamptz, duration_ms int, lease_until timestamptz)
  on conflict (execution_id, step_id) do update set status = excluded.status, attempts = excluded.attempts, input = excluded.input,
    output = excluded.output, error = excluded.error, started_at = excluded.started_at, finished_at = excluded.finished_at,
    duration_ms = excluded.duration_ms, lease_until = excluded.lease_until`;

/** A step that ends in the scheduling transaction itself (condition or pure action); its row goes to `pending`. */
async function runInline(
  exec: Execution,
  step: StepNode,
  runs: Map<string, StepRunRow>,
  pending: NewStepRun[],
): Promise<{ ok: true } | { ok: false; error: string }> {
  const at = new Date();
  const base = { workspaceId: exec.workspaceId, executionId: exec.id, stepId: step.id, attempts: 1, startedAt: at, finishedAt: at, durationMs: 0 };
  let input: unknown;
  let output: unknown;
  try {
    if (step.kind === "condition") {
      input = { condition: step.condition };
      const result = evaluateCondition(step.condition, activation(scopeOf(exec, runs.values())));
      output = { result, branch: result ? "then" : "else" };
    } else {
      input = render(step.config, activation(scopeOf(exec, runs.values())));
      const ctx = {
        workspaceId: exec.workspaceId,
        endUserId: exec.endUserId,
        idempotencyKey: `${exec.id}:${step.id}`,
        signal: NEVER_ABORTED, // a pure step does no I/O: nothing to time out or cancel
        test: exec.test,
        executionId: exec.id,
        stepId: step.id,
      };
      output = await invokeAction(step, input, ctx, stepTrace(exec, step, 1));
    }
  } catch (e) {
    const error = (e as Error).message;
    pending.push({ ...base, status: "failed", input: input === undefined ? null : redactSecrets(input), error });
    runs.set(step.id, { stepId: step.id, status: "failed", output: null, attempts: 1, leaseUntil: null });
    return { ok: false, error };
  }
  pending.push({ ...base, status: "succeeded", input: redactSecrets(input), output });
  runs.set(step.id, { stepId: step.id, status: "succeeded", output, attempts: 1, leaseUntil: null });
  return { ok: true };
}

const isPure = (step: StepNode): boolean => step.kind === "condition" || findAction(step.provider, step.action)?.pure === true;

/**
 * Moves a locked, active execution forward (see the module doc); `runs` is updated in place. The
 * step runs it ends (skipped, conditions, pure steps) are added to `pending`, for the caller to
 * write with its own (`flushStepRuns`): a pure step needs no write of its own before the round's
 * next one. `end` ends the execution (default: `finishExecution` in `tx` at once; a batch of rounds
 * defers it and sets `exec.status` itself). Answers the execution's status afterwards.
 */
export async function advance(
  tx: Tx,
  exec: Execution,
  graph: WorkflowGraph,
  runs: Map<string, StepRunRow>,
  pending: NewStepRun[],
  end: EndExecution = (e, status, error) => finishExecution(tx, e, status, error),
): Promise<Execution["status"]> {
  if (!isActive(exec)) return exec.status;
  for (let changed = true; changed; ) {
    changed = false;
    for (const step of graph.steps) {
      if (runs.has(step.id)) continue;
      const d = decide(step, runs);
      if (d === "wait") continue;
      changed = true;
      if (d === "skip") {
        pending.push({ workspaceId: exec.workspaceId, executionId: exec.id, stepId: step.id, status: "skipped", finishedAt: new Date() });
        runs.set(step.id, { stepId: step.id, status: "skipped", output: null, attempts: 0, leaseUntil: null });
      } else if (isPure(step)) {
        const r = await runInline(exec, step, runs, pending);
        if (!r.ok) {
          await end(exec, "failed", `step ${step.id}: ${r.error}`);
          return exec.status;
        }
      } else {
        // ready: the caller stores its step run as it starts it (NEW_RUN: no row yet)
        runs.set(step.id, { stepId: step.id, status: "queued", output: null, attempts: 0, leaseUntil: NEW_RUN });
      }
    }
  }
  if (graph.steps.every((s) => runs.get(s.id)?.status === "succeeded" || runs.get(s.id)?.status === "skipped")) {
    await end(exec, "succeeded", null);
  }
  return exec.status;
}

/** The action node of `stepId` in `graph`, or null (a step missing from this version). */
export function actionNode(graph: WorkflowGraph, stepId: string): ActionNode | null {
  const s = graph.byId.get(stepId);
  return s?.kind === "action" ? s : null;
}
