/**
 * One attempt of one action step (`workflows.run_step` job). Durable in three moves:
 * 1. in a transaction: skip when the execution is no longer active or the step already ended;
 *    fail on a passed execution deadline; yield (re-queue in 250 ms) when the workspace already
 *    runs its share of attempts (per-workspace fairness); render the input and store `running`
 *    + attempt + input + lease;
 * 2. outside any transaction: call the action with the step timeout (bounded by the execution's
 *    deadline), an AbortSignal that cancellation also fires, and the idempotency key
 *    `<execution id>:<step id>` (the same for every attempt, so targets can de-duplicate);
 * 3. in a transaction with the execution locked: store output or error, then either queue the
 *    next attempt (exponential backoff with jitter, via the job's `run_at`), fail the execution,
 *    or `advance` it.
 */
import { withSpan } from "../../../lib/tracing";
import { integrationCalls } from "../../../lib/metrics";
import { and, eq, gt } from "drizzle-orm";
import type { Database, Tx } from "../../../db/client";
import { withWorkspace } from "../../../db/tenant";
import { logger } from "../../../lib/logger";
import { ActionFailed, findAction } from "../../integrations/actions";
import { stepRuns } from "../schema";
import { advance, finishExecution, loadGraph, lockExecution, queueStepAttempt, scopeOf } from "./advance";
import type { ActionNode } from "./definition";
import { activation, ExpressionError, render } from "./expressions";
import { redactSecrets } from "./redact";
import { retryDelayMs } from "./retry";

/** How long past its timeout a running attempt may stay silent before its worker counts as dead. */
export const LEASE_GRACE_MS = 15_000;

export interface RunStepPayload {
  workspace_id: string;
  execution_id: string;
  step_id: string;
  attempt: number;
}

/** Step attempts one workspace may run at once (env NH_WORKSPACE_STEP_CONCURRENCY, default 20). */
export function workspaceStepConcurrency(): number {
  return Number(process.env.NH_WORKSPACE_STEP_CONCURRENCY ?? 20);
}
const CAPACITY_RETRY_MS = 250;

async function workspaceAtCapacity(tx: Tx, workspaceId: string): Promise<boolean> {
  const limit = workspaceStepConcurrency();
  const running = await tx.select({ id: stepRuns.id }).from(stepRuns)
    .where(and(eq(stepRuns.workspaceId, workspaceId), eq(stepRuns.status, "running"), gt(stepRuns.leaseUntil, new Date()))).limit(limit);
  return running.length >= limit;
}

/** Aborts in-flight steps of an execution in this process (cancellation). */
const inFlight = new Map<string, Set<AbortController>>();

export function abortInFlight(executionId: string): void {
  for (const c of inFlight.get(executionId) ?? []) c.abort(new Error("execution cancelled"));
}

type Prepared =
  | { kind: "stop" }
  | { kind: "run"; step: ActionNode; input: unknown; timeoutMs: number; endUserId: string | null };

async function prepare(db: Database, p: RunStepPayload): Promise<Prepared> {
  return withWorkspace(db, p.workspace_id, async (tx) => {
    const exec = await lockExecution(tx, p.execution_id);
    if (!exec || (exec.status !== "queued" && exec.status !== "running")) return { kind: "stop" };
    const runs = await tx.select({ stepId: stepRuns.stepId, status: stepRuns.status, output: stepRuns.output, attempts: stepRuns.attempts }).from(stepRuns).where(eq(stepRuns.executionId, exec.id));
    const me = runs.find((r) => r.stepId === p.step_id);
    if (!me || ["succeeded", "failed", "skipped", "cancelled"].includes(me.status) || me.attempts > p.attempt || (me.attempts === p.attempt && me.status === "retrying")) return { kind: "stop" };
    const graph = await loadGraph(tx, exec.workflowId, exec.version);
    const step = graph.byId.get(p.step_id);
    const fail = async (error: string) => {
      await tx.update(stepRuns).set({ status: "failed", error, attempts: p.attempt, finishedAt: new Date() }).where(and(eq(stepRuns.executionId, exec.id), eq(stepRuns.stepId, p.step_id)));
      await finishExecution(tx, exec, "failed", `step ${p.step_id}: ${error}`);
      return { kind: "stop" } as const;
    };
    if (!step || step.kind !== "action") return fail("the step is not in this version");
    const left = exec.deadlineAt.getTime() - Date.now();
    if (left <= 0) return fail("the execution timed out");
    if (me.status !== "running" && (await workspaceAtCapacity(tx, exec.workspaceId))) {
      // fairness: a workspace's burst yields its turn instead of holding every worker slot
      await queueStepAttempt(tx, exec, p.step_id, p.attempt, new Date(Date.now() + CAPACITY_RETRY_MS));
      return { kind: "stop" };
    }
    let input: unknown;
    try {
      input = render(step.config, activation(scopeOf(exec, runs)));
    } catch (e) {
      if (e instanceof ExpressionError) return fail(e.message);
      throw e;
    }
    const timeoutMs = Math.min(step.timeoutMs, left);
    await tx.update(stepRuns).set({ status: "running", attempts: p.attempt, input: redactSecrets(input), startedAt: new Date(), error: null, leaseUntil: new Date(Date.now() + timeoutMs + LEASE_GRACE_MS) })
      .where(and(eq(stepRuns.executionId, exec.id), eq(stepRuns.stepId, p.step_id)));
    if (exec.status === "queued") await advance(tx, exec, graph);
    return { kind: "run", step, input, timeoutMs, endUserId: exec.endUserId };
  });
}

type Outcome = { ok: true; output: unknown } | { ok: false; error: string; retryable: boolean };

async function callAction(p: RunStepPayload, step: ActionNode, input: unknown, timeoutMs: number, endUserId: string | null): Promise<Outcome> {
  const def = findAction(step.provider, step.action);
  if (!def) return { ok: false, error: `unknown action ${step.provider}.${step.action}`, retryable: false };
  const parsed = def.input.safeParse(input);
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    return { ok: false, error: `invalid input at /${i.path.join("/")}: ${i.message}`, retryable: false };
  }
  const controller = new AbortController();
  const set = inFlight.get(p.execution_id) ?? new Set();
  set.add(controller);
  inFlight.set(p.execution_id, set);
  const timer = setTimeout(() => controller.abort(new Error(`the step timed out after ${timeoutMs} ms`)), timeoutMs);
  const aborted = new Promise<never>((_, reject) => controller.signal.addEventListener("abort", () => reject(controller.signal.reason), { once: true }));
  try {
    const result = await withSpan(`step ${p.step_id}`, { "nh.execution_id": p.execution_id, "nh.step_id": p.step_id, "nh.action": `${step.provider}.${step.action}`, "nh.workspace_id": p.workspace_id }, () => Promise.race([
      def.run(parsed.data, { workspaceId: p.workspace_id, endUserId, idempotencyKey: `${p.execution_id}:${p.step_id}`, signal: controller.signal }),
      aborted,
    ]));
    integrationCalls.inc({ provider: step.provider, action: step.action, outcome: "succeeded" });
    return { ok: true, output: result.output ?? null };
  } catch (e) {
    const failure: Outcome = e instanceof ActionFailed
      ? { ok: false, error: e.message, retryable: e.retryable }
      : { ok: false, error: e instanceof Error ? e.message : String(e), retryable: !controller.signal.aborted || /timed out/.test(String(controller.signal.reason)) };
    integrationCalls.inc({ provider: step.provider, action: step.action, outcome: failure.retryable ? "retryable" : "failed" });
    return failure;
  } finally {
    clearTimeout(timer);
    set.delete(controller);
    if (!set.size) inFlight.delete(p.execution_id);
  }
}

/** Runs one attempt (see the module doc). Safe to repeat: a finished step is never run again. */
export async function runStepAttempt(db: Database, p: RunStepPayload, opts: { lastTry?: boolean } = {}): Promise<void> {
  const prepared = await prepare(db, p);
  if (prepared.kind === "stop") return;
  if (!findAction(prepared.step.provider, prepared.step.action) && !opts.lastTry) {
    // published versions only use known actions, so this worker lacks one (e.g. mid-deploy):
    // fail the job so graphile-worker retries it, possibly on another worker
    throw new Error(`action ${prepared.step.provider}.${prepared.step.action} is not installed on this worker`);
  }
  const started = Date.now();
  const outcome = await callAction(p, prepared.step, prepared.input, prepared.timeoutMs, prepared.endUserId);
  const durationMs = Date.now() - started;
  await withWorkspace(db, p.workspace_id, async (tx) => {
    const exec = await lockExecution(tx, p.execution_id);
    if (!exec) return;
    const where = and(eq(stepRuns.executionId, exec.id), eq(stepRuns.stepId, p.step_id));
    const active = exec.status === "queued" || exec.status === "running";
    if (outcome.ok) {
      await tx.update(stepRuns).set({ status: active ? "succeeded" : "cancelled", output: outcome.output as object, error: null, finishedAt: new Date(), durationMs, leaseUntil: null }).where(where);
      if (active) await advance(tx, exec, await loadGraph(tx, exec.workflowId, exec.version));
      return;
    }
    const policy = prepared.step.retry;
    if (active && outcome.retryable && p.attempt < policy.maxAttempts) {
      const delay = retryDelayMs(policy, p.attempt + 1);
      await tx.update(stepRuns).set({ status: "retrying", error: outcome.error, durationMs, leaseUntil: null }).where(where);
      await queueStepAttempt(tx, exec, p.step_id, p.attempt + 1, new Date(Date.now() + delay));
      logger.info({ execution_id: exec.id, step_id: p.step_id, attempt: p.attempt, delay_ms: delay }, "step attempt failed; retrying");
      return;
    }
    await tx.update(stepRuns).set({ status: active ? "failed" : "cancelled", error: outcome.error, finishedAt: new Date(), durationMs, leaseUntil: null }).where(where);
    if (active) await finishExecution(tx, exec, "failed", `step ${p.step_id}: ${outcome.error}`);
  });
}
