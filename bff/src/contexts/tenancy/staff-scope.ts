/**
 * Platform-staff writes to one workspace: the platform scope (cross-workspace reads) plus that
 * workspace as the transaction's workspace, so the row-level-security WITH CHECK of its domain
 * events and rows holds. Callers must have checked the staff role (roles.ts) first.
 */
import { eq } from "drizzle-orm";
import type { Database, Tx } from "../../db/client";
import { setWorkspace, withPlatform } from "../../db/tenant";
import { NotFound } from "../../lib/errors";
import { workspaces } from "./schema";
import { findFirst } from "../../db/find-first";

export type WorkspaceRow = typeof workspaces.$inferSelect;

/** Runs `fn` on workspace `id` (404 when unknown) as platform staff. */
export function onWorkspace<T>(db: Database, id: string, fn: (tx: Tx, ws: WorkspaceRow) => Promise<T>): Promise<T> {
  return withPlatform(db, async (tx) => {
    const ws = await findFirst(tx, workspaces, eq(workspaces.id, id));
    if (!ws) throw new NotFound("workspace");
    await setWorkspace(tx, id);
    return fn(tx, ws);
  });
}
