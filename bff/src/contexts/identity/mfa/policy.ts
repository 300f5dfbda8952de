/**
 * Who must use a second factor: platform staff always, and every member of a workspace whose
 * owner switched on `mfa_required` (members without a factor enrol at their next sign-in).
 * Everyone else may enrol one and is then asked for it.
 */
import { and, eq, inArray } from "drizzle-orm";
import type { Database, Tx } from "../../../db/client";
import { withUser, withWorkspace } from "../../../db/tenant";
import { recordDomainEvent } from "../../../kernel/events";
import { findFirst } from "../../../db/find-first";
import { memberships, workspaceAuthSettings } from "../schema";

/** Of `workspaceIds`, those that require MFA of their members (read with the person's scope). */
export async function enforcingWorkspaces(db: Database, userId: string): Promise<string[]> {
  return withUser(db, userId, async (tx) => {
    const own = await tx.select({ id: memberships.workspaceId }).from(memberships).where(eq(memberships.userId, userId));
    if (!own.length) return [];
    const rows = await tx
      .select({ id: workspaceAuthSettings.workspaceId })
      .from(workspaceAuthSettings)
      .where(
        and(
          inArray(
            workspaceAuthSettings.workspaceId,
            own.map((m) => m.id),
          ),
          eq(workspaceAuthSettings.mfaRequired, true),
        ),
      );
    return rows.map((r) => r.id);
  });
}

/** Whether the person must use a second factor (staff, or a member of an enforcing workspace). */
export async function mfaRequiredFor(db: Database, user: { id: string; platform_role: string | null }): Promise<boolean> {
  return !!user.platform_role || (await enforcingWorkspaces(db, user.id)).length > 0;
}

/** The workspace's MFA setting (false when never set), in a transaction scoped to it. */
export async function workspaceMfaRequired(tx: Tx, workspaceId: string): Promise<boolean> {
  const row = await findFirst(tx, workspaceAuthSettings, eq(workspaceAuthSettings.workspaceId, workspaceId), { mfaRequired: true });
  return row?.mfaRequired ?? false;
}

/** Sets the workspace's MFA enforcement (its owner's setting; audited as `workspace.mfa_policy_changed`). */
export async function setWorkspaceMfaRequired(db: Database, workspaceId: string, required: boolean, by: string): Promise<void> {
  await withWorkspace(db, workspaceId, (tx) =>
    tx
      .insert(workspaceAuthSettings)
      .values({ workspaceId, mfaRequired: required })
      .onConflictDoUpdate({ target: workspaceAuthSettings.workspaceId, set: { mfaRequired: required, updatedAt: new Date() } }),
  );
  await recordDomainEvent(db, { workspaceId, type: "workspace.mfa_policy_changed", subjectId: workspaceId, payload: { mfa_required: required, by } });
}
