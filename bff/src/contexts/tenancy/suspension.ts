/**
 * Suspension enforcement. A suspended (or soft-deleted) workspace keeps its data, but its API
 * keys, webhooks, sessions and sign-ins are refused with a 403 `workspace-suspended` problem.
 * Platform staff are unaffected. Used by identity (sign-in, guards) and the webhook ingress.
 */
import { eq, inArray } from "drizzle-orm";
import type { Database, Tx } from "../../../db/client";
import { withWorkspace } from "../../../db/tenant";
import { DomainError } from "../../../lib/errors";
import { workspaces } from "../../tenancy/schema";

/** 403 problem `workspace-suspended`: the workspace exists but may not be used now. */
export class WorkspaceSuspended extends DomainError {
  constructor(detail = "This workspace is suspended. Its data is kept; contact NeighbourHood support to reactivate it.") {
    super(403, "workspace-suspended", "Workspace suspended", detail);
  }
}

type WorkspaceState = { status: "active" | "suspended"; deletedAt: Date | null };
/** True when a workspace in state `w` may be used (active and not soft-deleted). */
export const isUsable = (w: WorkspaceState): boolean => w.status === "active" && w.deletedAt === null;

/**
 * Throws WorkspaceSuspended when `workspaceId` is suspended or soft-deleted (unknown ids pass:
 * the caller's own lookup answers 404). Give `tx` when already inside a transaction scoped to
 * that workspace; with `db` it opens one. For the webhook ingress `/webhooks/{workspace_id}/…`.
 */
export async function assertWorkspaceActive(db: Database | Tx, workspaceId: string, inScope = false): Promise<void> {
  const read = (tx: Tx | Database) => tx.query.workspaces.findFirst({ where: eq(workspaces.id, workspaceId), columns: { status: true, deletedAt: true } });
  const w = inScope ? await read(db) : await withWorkspace(db as Database, workspaceId, read);
  if (w && !isUsable(w)) throw new WorkspaceSuspended();
}

/**
 * Of `workspaceIds` (a person's memberships), the usable ones, in the given order. Run in a
 * transaction that may read those workspaces (withUser: `workspace_of_member`).
 */
export async function usableWorkspaceIds(tx: Tx, workspaceIds: string[]): Promise<string[]> {
  if (workspaceIds.length === 0) return [];
  const rows = await tx.select({ id: workspaces.id, status: workspaces.status, deletedAt: workspaces.deletedAt }).from(workspaces).where(inArray(workspaces.id, workspaceIds));
  const ok = new Set(rows.filter(isUsable).map((r) => r.id));
  return workspaceIds.filter((id) => ok.has(id));
}
