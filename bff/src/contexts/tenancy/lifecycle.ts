/**
 * Workspace lifecycle for platform staff: detail with members and usage against quotas,
 * create, change plan, suspend, reactivate (also restores a soft-deleted workspace) and soft
 * delete. Every change appends a domain event (`workspace.plan_changed`, `workspace.suspended`,
 * `workspace.reactivated`, `workspace.deleted`) in the same transaction.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { withPlatform } from "../../db/tenant";
import { Conflict, ValidationFailed } from "../../lib/errors";
import { enqueueJob, jobKeyOf } from "../../kernel/jobs";
import { appendDomainEvent } from "../../kernel/events";
import { forgetResolvedApiKeys, workspaceMembers } from "../identity";
import { type plans, usageCounters, workspaces } from "./schema";
import { signUp } from "./service";
import { planById } from "./plans";
import type { CreateWorkspaceResponse, UsageLine, WorkspaceDetail } from "@nhood/contracts";
import { onWorkspace, type WorkspaceRow } from "./staff-scope";
import { PURGE_JOB, purgeAt } from "./purge";

const monthOf = (d: Date) => d.toISOString().slice(0, 7);
const hourOf = (d: Date) => d.toISOString().slice(0, 13);

async function assertPlanExists(db: Database, plan: string): Promise<typeof plans.$inferSelect> {
  const row = await withPlatform(db, (tx) => planById(tx, plan));
  if (!row) throw new ValidationFailed([{ pointer: "#/plan", detail: `unknown plan; use one of the plan ids from GET /api/v1/admin/plans` }]);
  return row;
}

/** The workspace with members, plan and this period's usage against the plan's quotas. 404 when unknown. */
export async function getWorkspaceDetail(db: Database, id: string, now = new Date()): Promise<WorkspaceDetail> {
  return onWorkspace(db, id, async (tx, ws) => {
    const members = await workspaceMembers(tx, id);
    const plan = await planById(tx, ws.plan);
    const counters = await tx
      .select()
      .from(usageCounters)
      .where(and(eq(usageCounters.workspaceId, id), inArray(usageCounters.period, [monthOf(now), hourOf(now)])));
    const used = (metric: string, period: string) => counters.find((c) => c.metric === metric && c.period === period)?.count ?? 0;
    const usage: UsageLine[] = [
      { metric: "events", period: monthOf(now), used: used("events", monthOf(now)), limit: plan?.eventsPerMonth ?? null },
      { metric: "notifications", period: monthOf(now), used: used("notifications", monthOf(now)), limit: plan?.notificationsPerMonth ?? null },
      { metric: "requests", period: hourOf(now), used: used("requests", hourOf(now)), limit: plan?.requestsPerHour ?? null },
      { metric: "users", period: "current", used: members.length, limit: plan?.users ?? null },
    ];
    return {
      id: ws.id,
      name: ws.name,
      plan: ws.plan,
      status: ws.status,
      created_at: ws.createdAt.toISOString(),
      deleted_at: ws.deletedAt?.toISOString() ?? null,
      purge_at: ws.deletedAt ? purgeAt(ws.deletedAt).toISOString() : null,
      members: members.map((m) => ({ ...m, joined_at: m.joined_at.toISOString() })),
      usage,
    };
  });
}

/** Creates a workspace with its owner (a new account); Conflict on `#/owner_email` when it exists. */
export async function createWorkspaceAsStaff(
  db: Database,
  input: { name: string; owner_email: string; owner_password: string; plan: string },
): Promise<CreateWorkspaceResponse> {
  await assertPlanExists(db, input.plan);
  try {
    return await signUp(db, { name: input.name, email: input.owner_email, password: input.owner_password, plan: input.plan }, { byStaff: true });
  } catch (e) {
    if (e instanceof Conflict) throw new Conflict("An account with this email exists already.", [{ pointer: "#/owner_email", detail: "already registered" }]);
    throw e;
  }
}

/** Moves the workspace to `plan` (a row of `plans`; 400 on `#/plan` when unknown). */
export async function changeWorkspacePlan(db: Database, id: string, plan: string): Promise<WorkspaceDetail> {
  await assertPlanExists(db, plan);
  await onWorkspace(db, id, async (tx, ws) => {
    if (ws.plan === plan) return;
    await tx
      .update(workspaces)
      .set({ plan: plan as WorkspaceRow["plan"], trialEndsAt: null }) // staff's choice ends a running trial
      .where(eq(workspaces.id, id));
    await appendDomainEvent(tx, { workspaceId: id, type: "workspace.plan_changed", subjectId: id, payload: { from: ws.plan, to: plan } });
  });
  return getWorkspaceDetail(db, id);
}

/** Suspends an active workspace (409 when it is not active). Its data is kept. */
export async function suspendWorkspace(db: Database, id: string, reason: string | undefined): Promise<WorkspaceDetail> {
  await onWorkspace(db, id, async (tx, ws) => {
    if (ws.status !== "active" || ws.deletedAt) throw new Conflict(`The workspace is already ${ws.deletedAt ? "deleted" : ws.status}.`);
    await tx.update(workspaces).set({ status: "suspended" }).where(eq(workspaces.id, id));
    await appendDomainEvent(tx, { workspaceId: id, type: "workspace.suspended", subjectId: id, payload: { reason: reason ?? null } });
  });
  forgetResolvedApiKeys(); // committed: its API keys are refused from the next request on
  return getWorkspaceDetail(db, id);
}

/** Reactivates a suspended or soft-deleted (not yet purged) workspace and cancels its purge. 409 when active. */
export async function reactivateWorkspace(db: Database, id: string): Promise<WorkspaceDetail> {
  await onWorkspace(db, id, async (tx, ws) => {
    if (ws.status === "active" && !ws.deletedAt) throw new Conflict("The workspace is already active.");
    await tx.update(workspaces).set({ status: "active", deletedAt: null }).where(eq(workspaces.id, id));
    if (ws.deletedAt) await tx.execute(sql`select graphile_worker.remove_job(${jobKeyOf(PURGE_JOB, { workspace_id: id })})`);
    await appendDomainEvent(tx, { workspaceId: id, type: "workspace.reactivated", subjectId: id, payload: { restored: ws.deletedAt !== null } });
  });
  return getWorkspaceDetail(db, id);
}

/**
 * Soft-deletes: the workspace is refused like a suspended one at once, and a job purges its
 * data at `purge_at` (grace period NHOOD_PURGE_GRACE_DAYS, default 30) unless reactivated first.
 */
export async function deleteWorkspace(db: Database, id: string): Promise<WorkspaceDetail> {
  await onWorkspace(db, id, async (tx, ws) => {
    if (ws.deletedAt) throw new Conflict("The workspace is already deleted.");
    const deletedAt = new Date();
    await tx.update(workspaces).set({ status: "suspended", deletedAt }).where(eq(workspaces.id, id));
    const at = purgeAt(deletedAt);
    await enqueueJob(tx, PURGE_JOB, { workspace_id: id }, { runAt: at });
    await appendDomainEvent(tx, { workspaceId: id, type: "workspace.deleted", subjectId: id, payload: { purge_at: at.toISOString() } });
  });
  forgetResolvedApiKeys();
  return getWorkspaceDetail(db, id);
}

/** Workspaces counted per plan (for the plans screen). */
export async function workspaceCountsByPlan(db: Database): Promise<Map<string, number>> {
  const rows = await withPlatform(db, (tx) =>
    tx
      .select({ plan: workspaces.plan, n: sql<number>`count(*)`.mapWith(Number) })
      .from(workspaces)
      .groupBy(workspaces.plan),
  );
  return new Map(rows.map((r) => [r.plan, r.n]));
}
