/**
 * The DAG scheduler. `advance` runs inside the transaction that changed an execution (its start,
 * a finished step): with the execution row locked it decides which steps are now ready, skips
 * steps on branches not taken, evaluates conditions inline, queues one `workflows.run_step` job
 * per ready action step (parallel branches become parallel jobs; job keys make it idempotent)
 * and finishes the execution when every step is done.
 */
import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "../../../db/client";
import { enqueueJob } from "../../../jobs/queue";
import { appendDomainEvent } from "../../platform/events";
import { executions, stepRuns, workflowVersions } from "../schema";
import { buildGraph, type StepNode, type WorkflowGraph } from "./definition";
import { activation, evaluateCondition, type ExpressionScope } from "./expressions";
import type { WorkflowDefinition } from "@nhood/contracts";

export type Execution = typeof executions.$inferSelect;
type StepRunRow = Pick<typeof stepRuns.$inferSelect, "stepId" | "status" | "output">;

const TERMINAL = new Set(["succeeded", "failed", "skipped", "cancelled"]);
export const ACTIVE_EXECUTION = ["queued", "running"] as const;

const graphs = new Map<string, WorkflowGraph>();

/** The graph of one immutable version (cached per process: versions never change). */
export async function loadGraph(tx: Tx, workflowId: string, version: number): Promise<WorkflowGraph> {
  const key = `${workflowId}:${version}`;
  let g = graphs.get(key);
  if (!g) {
    const [v] = await tx.select({ definition: workflowVersions.definition }).from(workflowVersions)
      .where(and(eq(workflowVersions.workflowId, workflowId), eq(workflowVersions.version, version)));
    if (!v) throw new Error(`workflow ${workflowId} has no version ${version}`);
    g = buildGraph(v.definition as unknown as WorkflowDefinition);
    if (graphs.size > 2000) graphs.clear();
    graphs.set(key, g);
  }
  return g;
}

/** The expression scope of an execution given its succeeded step runs. */
export function scopeOf(exec: Execution, runs: StepRunRow[]): ExpressionScope {
  const steps: ExpressionScope["steps"] = {};
  for (const r of runs) if (r.status === "succeeded") steps[r.stepId] = { output: r.output ?? null };
  return { trigger: exec.triggerPayload, steps, end_user: exec.endUserId ? { id: exec.endUserId } : null, vars: {} };
}

/** Locks and answers an execution row (null when absent). */
export async function lockExecution(tx: Tx, executionId: string): Promise<Execution | null> {
  const [e] = await tx.select().from(executions).where(eq(executions.id, executionId)).for("update");
  return e ?? null;
}

/** Ends an active execution and appends `execution.succeeded|failed|cancelled`. */
export async function finishExecution(tx: Tx, exec: Execution, status: "succeeded" | "failed" | "cancelled", error: string | null): Promise<void> {
  const done = await tx.update(executions).set({ status, error, finishedAt: new Date(), startedAt: exec.startedAt ?? new Date() })
    .where(and(eq(executions.id, exec.id), sql`${executions.status} in ('queued','running')`)).returning({ id: executions.id });
  if (!done.length) return;
  if (status !== "succeeded") {
    await tx.update(stepRuns).set({ status: "cancelled", finishedAt: new Date() })
      .where(and(eq(stepRuns.executionId, exec.id), sql`${stepRuns.status} in ('queued','retrying')`));
  }
  await appendDomainEvent(tx, {
    workspaceId: exec.workspaceId, type: `execution.${status}`, subjectId: exec.id,
    payload: { execution_id: exec.id, workflow_id: exec.workflowId, version: exec.version, status, error, end_user_id: exec.endUserId },
  });
}

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

/** Queues one attempt of an action step (job key: one job per execution, step and attempt). */
export async function queueStepAttempt(tx: Tx, exec: Execution, stepId: string, attempt: number, runAt?: Date): Promise<void> {
  await enqueueJob(tx, "workflows.run_step", { workspace_id: exec.workspaceId, execution_id: exec.id, step_id: stepId, attempt },
    { jobKey: `step:${exec.id}:${stepId}:${attempt}`, runAt, maxAttempts: 5 });
}

/**
 * Moves a locked, active execution forward (see the module doc). `graph` is its version's graph.
 * Answers the execution's status afterwards.
 */
export async function advance(tx: Tx, exec: Execution, graph: WorkflowGraph): Promise<Execution["status"]> {
  if (exec.status !== "queued" && exec.status !== "running") return exec.status;
  const rows = await tx.select({ stepId: stepRuns.stepId, status: stepRuns.status, output: stepRuns.output }).from(stepRuns).where(eq(stepRuns.executionId, exec.id));
  const runs = new Map(rows.map((r) => [r.stepId, r]));
  let started = false;
  for (let changed = true; changed;) {
    changed = false;
    for (const step of graph.steps) {
      if (runs.has(step.id)) continue;
      const d = decide(step, runs);
      if (d === "wait") continue;
      changed = true;
      if (d === "skip") {
        await tx.insert(stepRuns).values({ workspaceId: exec.workspaceId, executionId: exec.id, stepId: step.id, status: "skipped", finishedAt: new Date() }).onConflictDoNothing();
        runs.set(step.id, { stepId: step.id, status: "skipped", output: null });
      } else if (step.kind === "condition") {
        const at = new Date();
        let result: boolean;
        try {
          result = evaluateCondition(step.condition, activation(scopeOf(exec, [...runs.values()])));
        } catch (e) {
          const error = (e as Error).message;
          await tx.insert(stepRuns).values({ workspaceId: exec.workspaceId, executionId: exec.id, stepId: step.id, status: "failed", input: { condition: step.condition }, error, attempts: 1, startedAt: at, finishedAt: at, durationMs: 0 }).onConflictDoNothing();
          await finishExecution(tx, exec, "failed", `step ${step.id}: ${error}`);
          return "failed";
        }
        const output = { result, branch: result ? "then" : "else" };
        await tx.insert(stepRuns).values({ workspaceId: exec.workspaceId, executionId: exec.id, stepId: step.id, status: "succeeded", input: { condition: step.condition }, output, attempts: 1, startedAt: at, finishedAt: at, durationMs: 0 }).onConflictDoNothing();
        runs.set(step.id, { stepId: step.id, status: "succeeded", output });
      } else {
        const inserted = await tx.insert(stepRuns).values({ workspaceId: exec.workspaceId, executionId: exec.id, stepId: step.id, status: "queued" }).onConflictDoNothing().returning({ id: stepRuns.id });
        if (inserted.length) await queueStepAttempt(tx, exec, step.id, 1);
        runs.set(step.id, { stepId: step.id, status: "queued", output: null });
        started = true;
      }
    }
  }
  if (graph.steps.every((s) => runs.get(s.id)?.status === "succeeded" || runs.get(s.id)?.status === "skipped")) {
    await finishExecution(tx, exec, "succeeded", null);
    return "succeeded";
  }
  if (exec.status === "queued" && started) {
    await tx.update(executions).set({ status: "running", startedAt: exec.startedAt ?? new Date() }).where(eq(executions.id, exec.id));
    return "running";
  }
  return exec.status;
}
