/**
 * Workflow use cases: create (live at version 1 unless a draft), save the draft, publish an
 * immutable version (after `validateDefinition`), disable/enable, delete, versions, compare and
 * roll back. Every change appends a domain event in the same transaction.
 */
import { and, desc, eq, max } from "drizzle-orm";
import diff from "microdiff";
import type { WorkflowDefinition } from "@nhood/contracts";
import type { Tx } from "../../db/client";
import { Conflict, NotFound, ValidationFailed } from "../../lib/errors";
import { enqueueJob } from "../../kernel/jobs";
import { SCHEDULE_TICK_JOB } from "./jobs";
import { appendDomainEvent } from "../../kernel/events";
import { workflows, workflowVersions } from "./schema";
import { validateDefinition } from "./engine/validate";
import { nextTick } from "./engine/schedule";

export type Workflow = typeof workflows.$inferSelect;

/** A webhook path without its leading slash (`/new-customer` → `new-customer`). */
export const normalisePath = (p: string) => p.replace(/^\/+/, "").replace(/\/+$/, "");

export async function getWorkflow(tx: Tx, workspaceId: string, id: string, lock = false): Promise<Workflow> {
  const q = tx
    .select()
    .from(workflows)
    .where(and(eq(workflows.workspaceId, workspaceId), eq(workflows.id, id)));
  const [wf] = lock ? await q.for("update") : await q;
  if (!wf) throw new NotFound("workflow");
  return wf;
}

/** Queues the next schedule tick of a live schedule workflow (one pending job per workflow). */
export async function scheduleNextTick(tx: Tx, wf: Pick<Workflow, "id" | "workspaceId">, def: WorkflowDefinition, from = new Date()): Promise<void> {
  if (def.trigger.type !== "schedule") return;
  await enqueueJob(
    tx,
    SCHEDULE_TICK_JOB,
    { workspace_id: wf.workspaceId, workflow_id: wf.id },
    { runAt: nextTick(def.trigger.cron, def.trigger.timezone, from) },
  );
}

async function makeLive(tx: Tx, wf: Workflow, def: WorkflowDefinition, opts: { check: boolean }): Promise<Workflow> {
  if (opts.check) {
    const errors = validateDefinition(def);
    if (errors.length)
      throw new ValidationFailed(
        errors,
        `The workflow cannot be published: ${errors[0]!.detail}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ""}.`,
      );
  }
  const [{ n }] = (await tx
    .select({ n: max(workflowVersions.version) })
    .from(workflowVersions)
    .where(eq(workflowVersions.workflowId, wf.id))) as [{ n: number | null }];
  const version = (n ?? 0) + 1;
  await tx.insert(workflowVersions).values({ workspaceId: wf.workspaceId, workflowId: wf.id, version, definition: def as unknown as Record<string, unknown> });
  const path = def.trigger.type === "webhook" ? normalisePath(def.trigger.path) : null;
  if (path) {
    const [taken] = await tx
      .select({ id: workflows.id })
      .from(workflows)
      .where(and(eq(workflows.workspaceId, wf.workspaceId), eq(workflows.webhookPath, path)));
    if (taken && taken.id !== wf.id)
      throw new Conflict(`Another workflow already listens on /${path}.`, [{ pointer: "#/trigger/path", detail: `/${path} is taken` }]);
  }
  const [live] = await tx
    .update(workflows)
    .set({
      name: def.name,
      status: "active",
      version,
      draft: def as unknown as Record<string, unknown>,
      draftChanged: false,
      triggerType: def.trigger.type,
      webhookPath: path,
      eventType: def.trigger.type === "event" ? def.trigger.event : null,
      scheduleLastTick: def.trigger.type === "schedule" ? new Date() : null,
      updatedAt: new Date(),
    })
    .where(eq(workflows.id, wf.id))
    .returning();
  await scheduleNextTick(tx, live!, def);
  await appendDomainEvent(tx, { workspaceId: wf.workspaceId, type: "workflow.published", subjectId: wf.id, payload: { workflow_id: wf.id, version } });
  return live!;
}

/** Creates a workflow; live at version 1 unless `draft` (then only validated for shape). */
export async function createWorkflow(tx: Tx, workspaceId: string, def: WorkflowDefinition, opts: { draft?: boolean; check?: boolean } = {}): Promise<Workflow> {
  const [wf] = await tx
    .insert(workflows)
    .values({ workspaceId, name: def.name, status: "draft", version: 0, draft: def as unknown as Record<string, unknown> })
    .returning();
  await appendDomainEvent(tx, { workspaceId, type: "workflow.created", subjectId: wf!.id, payload: { workflow_id: wf!.id, name: def.name } });
  return opts.draft ? wf! : makeLive(tx, wf!, def, { check: opts.check ?? true });
}

export async function saveDraft(tx: Tx, workspaceId: string, id: string, def: WorkflowDefinition): Promise<Workflow> {
  await getWorkflow(tx, workspaceId, id, true);
  const [wf] = await tx
    .update(workflows)
    .set({ draft: def as unknown as Record<string, unknown>, draftChanged: true, name: def.name, updatedAt: new Date() })
    .where(eq(workflows.id, id))
    .returning();
  await appendDomainEvent(tx, { workspaceId, type: "workflow.draft_saved", subjectId: id, payload: { workflow_id: id } });
  return wf!;
}

export async function publishDraft(tx: Tx, workspaceId: string, id: string, parse: (d: unknown) => WorkflowDefinition): Promise<Workflow> {
  const wf = await getWorkflow(tx, workspaceId, id, true);
  return makeLive(tx, wf, parse(wf.draft), { check: true });
}

export async function setEnabled(tx: Tx, workspaceId: string, id: string, enabled: boolean): Promise<Workflow> {
  const wf = await getWorkflow(tx, workspaceId, id, true);
  if (enabled && wf.version === 0) throw new Conflict("Publish the workflow before enabling it.");
  const [row] = await tx
    .update(workflows)
    .set({ status: enabled ? "active" : "disabled", updatedAt: new Date() })
    .where(eq(workflows.id, id))
    .returning();
  if (enabled && wf.triggerType === "schedule") {
    const def = await versionDefinition(tx, id, wf.version);
    await tx.update(workflows).set({ scheduleLastTick: new Date() }).where(eq(workflows.id, id));
    await scheduleNextTick(tx, row!, def);
  }
  await appendDomainEvent(tx, { workspaceId, type: enabled ? "workflow.enabled" : "workflow.disabled", subjectId: id, payload: { workflow_id: id } });
  return row!;
}

export async function deleteWorkflow(tx: Tx, workspaceId: string, id: string): Promise<void> {
  await getWorkflow(tx, workspaceId, id, true);
  await tx.delete(workflows).where(eq(workflows.id, id));
  await appendDomainEvent(tx, { workspaceId, type: "workflow.deleted", subjectId: id, payload: { workflow_id: id } });
}

export async function versionDefinition(tx: Tx, workflowId: string, version: number): Promise<WorkflowDefinition> {
  const [v] = await tx
    .select()
    .from(workflowVersions)
    .where(and(eq(workflowVersions.workflowId, workflowId), eq(workflowVersions.version, version)));
  if (!v) throw new NotFound("version");
  return v.definition as unknown as WorkflowDefinition;
}

export async function listVersions(tx: Tx, workspaceId: string, id: string) {
  const wf = await getWorkflow(tx, workspaceId, id);
  const rows = await tx.select().from(workflowVersions).where(eq(workflowVersions.workflowId, id)).orderBy(desc(workflowVersions.version));
  return rows.map((v) => ({ version: v.version, definition: v.definition, created_at: v.createdAt.toISOString(), live: v.version === wf.version }));
}

/** Differences between two versions as JSON pointers (`#/steps/1/config/text`). */
export async function compareVersions(tx: Tx, workspaceId: string, id: string, from: number, to: number) {
  await getWorkflow(tx, workspaceId, id);
  const [a, b] = [await versionDefinition(tx, id, from), await versionDefinition(tx, id, to)];
  const changes = diff(a as unknown as Record<string, unknown>, b as unknown as Record<string, unknown>).map((d) => ({
    type: d.type,
    pointer: `#/${d.path.map((p) => String(p).replace(/~/g, "~0").replace(/\//g, "~1")).join("/")}`,
    ...("oldValue" in d ? { before: d.oldValue } : {}),
    ...("value" in d ? { after: d.value } : {}),
  }));
  return { from, to, changes };
}

/** Publishes version `version`'s definition again as a new version (versions stay immutable). */
export async function rollback(tx: Tx, workspaceId: string, id: string, version: number): Promise<Workflow> {
  const wf = await getWorkflow(tx, workspaceId, id, true);
  const def = await versionDefinition(tx, id, version);
  const live = await makeLive(tx, wf, def, { check: false });
  await appendDomainEvent(tx, {
    workspaceId,
    type: "workflow.rolled_back",
    subjectId: id,
    payload: { workflow_id: id, to_version: version, new_version: live.version },
  });
  return live;
}
