/**
 * Execution use cases: list (filters + keyset pages), detail with every step run, manual run,
 * re-run (from the start or from the failed step, on the same or the latest version) and cancel.
 */
import { and, asc, desc, eq, gte, inArray, lte, or, sql } from "drizzle-orm";
import type { ExecutionFilter } from "@nhood/contracts";
import type { Tx } from "../../db/client";
import { Conflict, NotFound } from "../../lib/errors";
import { after, pageOf, PAGE_SIZE } from "../../lib/keyset";
import { executions, stepRuns, workflows } from "./schema";
import { externalUserIdOf } from "../integrations";
import { finishExecution, loadGraph, lockExecution } from "./engine/advance";
import { abortInFlight } from "./engine/run-execution";
import { startExecution } from "./engine/start";
import { getWorkflow } from "./service";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function summary(e: typeof executions.$inferSelect, workflowName: string) {
  return {
    id: e.id,
    workflow_id: e.workflowId,
    workflow_name: workflowName,
    version: e.version,
    status: e.status,
    trigger_type: e.triggerType,
    end_user_id: e.endUserId,
    test: e.test,
    error: e.error,
    rerun_of: e.rerunOf,
    created_at: e.createdAt.toISOString(),
    started_at: iso(e.startedAt),
    finished_at: iso(e.finishedAt),
  };
}

export async function listExecutions(tx: Tx, workspaceId: string, f: ExecutionFilter) {
  const rows = await tx
    .select({ e: executions, name: workflows.name })
    .from(executions)
    .innerJoin(workflows, eq(workflows.id, executions.workflowId))
    .where(
      and(
        eq(executions.workspaceId, workspaceId),
        eq(executions.test, f.mode === "test"),
        f.workflow_id ? eq(executions.workflowId, f.workflow_id) : undefined,
        f.status ? eq(executions.status, f.status) : undefined,
        f.end_user_id ? eq(executions.endUserId, f.end_user_id) : undefined,
        f.since ? gte(executions.createdAt, new Date(f.since)) : undefined,
        f.until ? lte(executions.createdAt, new Date(f.until)) : undefined,
        after(executions.createdAt, executions.id, f.cursor),
      ),
    )
    .orderBy(desc(executions.createdAt), desc(executions.id))
    .limit(PAGE_SIZE + 1);
  return pageOf(
    rows.map((r) => ({ ...r, id: r.e.id })),
    PAGE_SIZE,
    (r) => r.e.createdAt,
    (r) => summary(r.e, r.name),
  );
}

async function findExecution(tx: Tx, workspaceId: string, id: string) {
  const [row] = await tx
    .select({ e: executions, name: workflows.name })
    .from(executions)
    .innerJoin(workflows, eq(workflows.id, executions.workflowId))
    .where(and(eq(executions.workspaceId, workspaceId), eq(executions.id, id)));
  if (!row) throw new NotFound("execution");
  return row;
}

export async function getExecution(tx: Tx, workspaceId: string, id: string) {
  const { e, name } = await findExecution(tx, workspaceId, id);
  const graph = await loadGraph(tx, e.workflowId, e.version);
  const runs = await tx.select().from(stepRuns).where(eq(stepRuns.executionId, id)).orderBy(asc(stepRuns.createdAt));
  const order = new Map(graph.steps.map((s, i) => [s.id, i]));
  runs.sort((a, b) => (order.get(a.stepId) ?? 0) - (order.get(b.stepId) ?? 0));
  return {
    ...summary(e, name),
    trigger_payload: e.triggerPayload,
    steps: graph.steps.map((s) => ({ id: s.id, kind: s.kind, label: s.kind === "condition" ? s.condition : `${s.provider}.${s.action}`, depends_on: s.deps })),
    step_runs: runs.map((r) => ({
      step_id: r.stepId,
      status: r.status,
      input: r.input ?? null,
      output: r.output ?? null,
      error: r.error,
      attempts: r.attempts,
      reused: r.reused,
      started_at: iso(r.startedAt),
      finished_at: iso(r.finishedAt),
      duration_ms: r.durationMs,
    })),
  };
}

/**
 * Starts the live version of a workflow by hand (the editor's test run); `test`: started with a
 * test API key (a workspace in test mode makes it a test execution anyway). Without a `payload`
 * the run takes the workflow's pinned sample payload (test-data.ts), else `{}`.
 */
export async function runNow(tx: Tx, workspaceId: string, workflowId: string, payload: unknown, test = false) {
  const wf = await getWorkflow(tx, workspaceId, workflowId);
  if (wf.version === 0) throw new Conflict("Publish the workflow before running it.");
  if (wf.status === "disabled") throw new Conflict("The workflow is disabled; enable it first.");
  const trigger = payload ?? wf.samplePayload ?? {};
  return startExecution(tx, { workspaceId, workflowId, version: wf.version, triggerType: "manual", payload: trigger, test });
}

export async function rerunExecution(tx: Tx, workspaceId: string, id: string, opts: { from: "start" | "failed_step"; version: "same" | "latest" }) {
  const { e } = await findExecution(tx, workspaceId, id);
  const wf = await getWorkflow(tx, workspaceId, e.workflowId);
  const version = opts.version === "latest" ? wf.version : e.version;
  const reuse =
    opts.from === "failed_step"
      ? (
          await tx
            .select()
            .from(stepRuns)
            .where(and(eq(stepRuns.executionId, id), eq(stepRuns.status, "succeeded")))
        ).map((r) => ({ stepId: r.stepId, input: r.input, output: r.output }))
      : [];
  return startExecution(tx, {
    workspaceId,
    workflowId: e.workflowId,
    version,
    triggerType: "rerun",
    payload: e.triggerPayload,
    endUserId: e.endUserId,
    rerunOf: id,
    reuse,
    test: e.test,
  });
}

/** Re-runs every failed execution of a workflow (at most 500), from the failed step. */
export async function rerunFailed(tx: Tx, workspaceId: string, workflowId: string) {
  await getWorkflow(tx, workspaceId, workflowId);
  const failed = await tx
    .select({ id: executions.id })
    .from(executions)
    .where(
      and(
        eq(executions.workflowId, workflowId),
        eq(executions.status, "failed"),
        sql`not exists (select 1 from ${executions} r where r.rerun_of = ${executions.id})`,
      ),
    )
    .limit(500);
  const ids: string[] = [];
  for (const f of failed) ids.push((await rerunExecution(tx, workspaceId, f.id, { from: "failed_step", version: "same" })).id);
  return ids;
}

export async function cancelExecution(tx: Tx, workspaceId: string, id: string) {
  await findExecution(tx, workspaceId, id);
  const e = await lockExecution(tx, id);
  if (!e || (e.status !== "queued" && e.status !== "running")) throw new Conflict(`The execution has already ${e?.status ?? "ended"}.`);
  await tx
    .update(stepRuns)
    .set({ status: "cancelled", finishedAt: new Date() })
    .where(and(eq(stepRuns.executionId, id), sql`${stepRuns.status} in ('queued','retrying','running')`));
  await finishExecution(tx, e, "cancelled", "cancelled by a user");
  abortInFlight(id);
}

/**
 * An end user's own executions (newest 50) with step statuses only: executions name their end
 * user by the workspace's external id (`end_user_id` in the trigger payload) or our id.
 */
export async function listMyExecutions(tx: Tx, workspaceId: string, endUserId: string) {
  const external = await externalUserIdOf(tx, workspaceId, endUserId);
  if (external === null) return { items: [] };
  const rows = await tx
    .select({ e: executions, name: workflows.name })
    .from(executions)
    .innerJoin(workflows, eq(workflows.id, executions.workflowId))
    .where(and(eq(executions.workspaceId, workspaceId), or(eq(executions.endUserId, external), eq(executions.endUserId, endUserId))))
    .orderBy(desc(executions.createdAt), desc(executions.id))
    .limit(50);
  const runs = rows.length
    ? await tx
        .select({ executionId: stepRuns.executionId, stepId: stepRuns.stepId, status: stepRuns.status })
        .from(stepRuns)
        .where(
          inArray(
            stepRuns.executionId,
            rows.map((r) => r.e.id),
          ),
        )
        .orderBy(asc(stepRuns.createdAt))
    : [];
  return {
    items: rows.map(({ e, name }) => ({
      id: e.id,
      workflow_name: name,
      status: e.status,
      created_at: e.createdAt.toISOString(),
      finished_at: iso(e.finishedAt),
      steps: runs.filter((r) => r.executionId === e.id).map((r) => ({ step_id: r.stepId, status: r.status })),
    })),
  };
}

/** Executions counted by status across workspaces (the `nh_executions` gauge; platform scope). */
export async function executionCountsByStatus(tx: Tx): Promise<{ status: string; n: number }[]> {
  return tx.select({ status: executions.status, n: sql<number>`count(*)::int` }).from(executions).groupBy(executions.status);
}
