/**
 * The editor's test data (issue #14 part 5): a sample trigger payload pinned per workflow, which
 * test runs without a payload reuse, and the workflow's last test run with its step runs' inputs
 * and outputs (what the canvas shows on each node and what expression completion offers).
 */
import { and, desc, eq, or } from "drizzle-orm";
import type { SamplePayload, WorkflowTestData } from "@nhood/contracts/workflow-test-data";
import type { Tx } from "../../db/client";
import { appendDomainEvent } from "../../kernel/events";
import { executions, workflows } from "./schema";
import { getExecution } from "./executions";
import { getWorkflow, type Workflow } from "./service";

/** A workflow row's pinned sample payload as the API answers it. */
export function samplePayloadOf(wf: Pick<Workflow, "samplePayload" | "samplePayloadPinnedAt">): SamplePayload {
  return { payload: wf.samplePayload ?? null, pinned_at: wf.samplePayloadPinnedAt?.toISOString() ?? null };
}

/**
 * Pins `payload` as the workflow's sample trigger payload (null unpins it) and appends
 * `workflow.sample_payload_pinned`. Throws NotFound when the workflow is not the workspace's.
 */
export async function pinSamplePayload(tx: Tx, workspaceId: string, id: string, payload: Record<string, unknown> | null): Promise<SamplePayload> {
  await getWorkflow(tx, workspaceId, id, true);
  const [wf] = await tx
    .update(workflows)
    .set({ samplePayload: payload, samplePayloadPinnedAt: payload ? new Date() : null })
    .where(eq(workflows.id, id))
    .returning();
  await appendDomainEvent(tx, {
    workspaceId,
    type: "workflow.sample_payload_pinned",
    subjectId: id,
    payload: { workflow_id: id, pinned: payload !== null },
  });
  return samplePayloadOf(wf!);
}

/**
 * The pinned sample payload and the last test run: the newest execution of the workflow that was
 * started by hand (`manual`, the editor's test run) or is a test execution (test mode), with its
 * step runs; `last_run` null when there is none. Throws NotFound for another workspace's workflow.
 */
export async function getTestData(tx: Tx, workspaceId: string, id: string): Promise<WorkflowTestData> {
  const wf = await getWorkflow(tx, workspaceId, id);
  const [last] = await tx
    .select({ id: executions.id })
    .from(executions)
    .where(and(eq(executions.workflowId, id), or(eq(executions.test, true), eq(executions.triggerType, "manual"))))
    .orderBy(desc(executions.createdAt), desc(executions.id))
    .limit(1);
  return {
    sample_payload: samplePayloadOf(wf),
    last_run: last ? ((await getExecution(tx, workspaceId, last.id)) as WorkflowTestData["last_run"]) : null,
  };
}
