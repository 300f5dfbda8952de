/**
 * Starting an execution inside the caller's transaction (webhook request, schedule tick, domain
 * event, re-run): the execution row (pinned to a version), any reused step runs, and the
 * execution's job (`workflows.run_execution`, run-execution.ts) commit together, or not at all.
 */
import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "../../../db/client";
import { executions, stepRuns } from "../schema";
import { loadGraph, queueExecution } from "./advance";
import { addJobSql } from "../../../kernel/jobs";
import { RUN_EXECUTION_JOB } from "../jobs";
import { workspaceTestModeSql } from "../../tenancy";

export interface StartExecution {
  workspaceId: string;
  workflowId: string;
  version: number;
  triggerType: "webhook" | "schedule" | "event" | "manual" | "rerun";
  /** de-duplication key within the workflow; a second start with it answers the first execution */
  triggerKey?: string | null;
  payload: unknown;
  endUserId?: string | null;
  rerunOf?: string | null;
  /**
   * a test execution (started with a `nhood_sk_test_` key, or a re-run of one); an execution of a
   * workspace in test mode is a test execution in any case (decision 020)
   */
  test?: boolean;
  /** succeeded step runs copied from an earlier execution (re-run from the failed step) */
  reuse?: { stepId: string; input: unknown; output: unknown }[];
}

/** Answers the execution id and whether this call created it. */
export async function startExecution(tx: Tx, s: StartExecution): Promise<{ id: string; created: boolean }> {
  const graph = await loadGraph(tx, s.workflowId, s.version);
  const values = {
    workspaceId: s.workspaceId,
    workflowId: s.workflowId,
    version: s.version,
    triggerType: s.triggerType,
    triggerKey: s.triggerKey ?? null,
    triggerPayload: s.payload ?? {},
    endUserId: s.endUserId ?? null,
    rerunOf: s.rerunOf ?? null,
    deadlineAt: new Date(Date.now() + graph.timeoutMs),
    test: sql<boolean>`(${s.test === true} or ${workspaceTestModeSql(s.workspaceId)})`,
  };
  let id: string | undefined;
  if (!s.reuse?.length) {
    // the common case (every trigger) in one statement: the row and, only if it is new, its job
    const rows = await tx.execute<{ id: string }>(sql`
      with e as (
        insert into ${executions} (workspace_id, workflow_id, version, trigger_type, trigger_key, trigger_payload, end_user_id, rerun_of, deadline_at, test)
        values (${values.workspaceId}, ${values.workflowId}, ${values.version}, ${values.triggerType}, ${values.triggerKey},
          ${JSON.stringify(values.triggerPayload)}::jsonb, ${values.endUserId}, ${values.rerunOf}, ${values.deadlineAt.toISOString()}::timestamptz, ${values.test})
        on conflict do nothing returning id, workspace_id),
      j as (
        select ${addJobSql(RUN_EXECUTION_JOB, sql`json_build_object('workspace_id', e.workspace_id, 'execution_id', e.id)`, sql`e.id`)} from e)
      select e.id, (select count(*) from j) as queued from e`);
    id = rows[0]?.id;
  } else {
    const [row] = await tx.insert(executions).values(values).onConflictDoNothing().returning();
    if (row) {
      const now = new Date();
      await tx.insert(stepRuns).values(
        s.reuse
          .filter((r) => graph.byId.has(r.stepId))
          .map((r) => ({
            workspaceId: s.workspaceId,
            executionId: row.id,
            stepId: r.stepId,
            status: "succeeded" as const,
            input: r.input,
            output: r.output,
            attempts: 0,
            reused: true,
            startedAt: now,
            finishedAt: now,
            durationMs: 0,
          })),
      );
      await queueExecution(tx, row);
      id = row.id;
    }
  }
  if (id) return { id, created: true };
  const [existing] = await tx
    .select({ id: executions.id })
    .from(executions)
    .where(and(eq(executions.workflowId, s.workflowId), eq(executions.triggerKey, s.triggerKey!)));
  return { id: existing!.id, created: false };
}
