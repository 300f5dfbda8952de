/**
 * Suspension enforcement. A suspended (or soft-deleted) workspace keeps its data, but its API
 * keys, webhooks, sessions and sign-ins are refused with a 403 `workspace-suspended` problem.
 * Platform staff are unaffected. Identity reaches it through its workspace gate (bound in
 * tenancy/index.ts); the webhook ingress and custom domains call it directly.
 */
import { eq, inArray, sql } from "drizzle-orm";
import type { Database, Tx } from "../../db/client";
import { withWorkspace } from "../../db/tenant";
import { WorkspaceSuspended, type WorkspaceState } from "../identity";
import { workspaces } from "./schema";
import { findFirst } from "../../db/find-first";

export { WorkspaceSuspended };
/** True when a workspace in state `w` may be used (active and not soft-deleted). */
export const isUsable = (w: WorkspaceState): boolean => w.status === "active" && w.deletedAt === null;

/**
 * Throws WorkspaceSuspended when `workspaceId` is suspended or soft-deleted (unknown ids pass:
 * the caller's own lookup answers 404). Give `tx` when already inside a transaction scoped to
 * that workspace; with `db` it opens one. For the webhook ingress `/webhooks/{workspace_id}/…`.
 */
export async function assertWorkspaceActive(db: Database | Tx, workspaceId: string, inScope = false): Promise<void> {
  const read = (tx: Tx | Database) => findFirst(tx, workspaces, eq(workspaces.id, workspaceId), { status: true, deletedAt: true });
  const w = inScope ? await read(db) : await withWorkspace(db as Database, workspaceId, read);
  if (w && !isUsable(w)) throw new WorkspaceSuspended();
}

/**
 * Of `workspaceIds` (a person's memberships), the usable ones, in the given order. Run in a
 * transaction that may read those workspaces (withUser: `workspace_of_member`).
 */
export async function usableWorkspaceIds(tx: Tx, workspaceIds: string[]): Promise<string[]> {
  if (workspaceIds.length === 0) return [];
  const rows = await tx
    .select({ id: workspaces.id, status: workspaces.status, deletedAt: workspaces.deletedAt })
    .from(workspaces)
    .where(inArray(workspaces.id, workspaceIds));
  const ok = new Set(rows.filter(isUsable).map((r) => r.id));
  return workspaceIds.filter((id) => ok.has(id));
}

/** The names of `workspaceIds` that `tx` may read, by id. */
export async function workspaceNames(tx: Tx, workspaceIds: string[]): Promise<Map<string, string>> {
  if (workspaceIds.length === 0) return new Map();
  const rows = await tx.select({ id: workspaces.id, name: workspaces.name }).from(workspaces).where(inArray(workspaces.id, workspaceIds));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Workspaces counted: all, usable (active, not deleted) and the others (platform scope). */
export async function workspaceStatusCounts(tx: Tx): Promise<{ total: number; active: number; suspended: number }> {
  const [ws] = await tx.execute<{ total: number; active: number; suspended: number }>(sql`select count(*)::int as total,
      count(*) filter (where status = 'active' and deleted_at is null)::int as active,
      count(*) filter (where status <> 'active' or deleted_at is not null)::int as suspended from workspaces`);
  return { total: ws?.total ?? 0, active: ws?.active ?? 0, suspended: ws?.suspended ?? 0 };
}
