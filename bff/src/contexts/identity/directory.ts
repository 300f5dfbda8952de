/**
 * Read-only answers about members for the contexts above identity (access, crm,
 * notifications), which must not read users and memberships themselves.
 */
import { and, eq, inArray } from "drizzle-orm";
import type { Database, Tx } from "../../db/client";
import type { WorkspaceRole } from "@nhood/contracts";
import { memberships, users } from "./schema";

export interface MemberName {
  userId: string;
  name: string;
}

/** The role of `userId` in `workspaceId`, or null when not a member (in a transaction that may read the membership). */
export async function memberRole(tx: Tx, userId: string, workspaceId: string): Promise<WorkspaceRole | null> {
  const [m] = await tx
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.workspaceId, workspaceId)));
  return m?.role ?? null;
}

/** For memberships of `workspaceId` among `membershipIds`: the person's user id and name, by membership id. */
export async function memberNames(tx: Tx, workspaceId: string, membershipIds: string[]): Promise<Map<string, MemberName>> {
  if (membershipIds.length === 0) return new Map();
  const rows = await tx
    .select({ id: memberships.id, userId: users.id, name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.workspaceId, workspaceId), inArray(memberships.id, [...new Set(membershipIds)])));
  return new Map(rows.map((r) => [r.id, { userId: r.userId, name: r.name }]));
}

/** The user ids of the workspace's members holding one of `roles`. */
export async function membersWithRoles(tx: Tx, workspaceId: string, roles: string[]): Promise<string[]> {
  if (!roles.length) return [];
  const rows = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), inArray(memberships.role, roles as WorkspaceRole[])));
  return rows.map((r) => r.userId);
}

/** A person's e-mail address, or null when the account is gone. */
export async function userEmail(db: Database | Tx, userId: string): Promise<string | null> {
  const [u] = await db.select({ email: users.email }).from(users).where(eq(users.id, userId));
  return u?.email ?? null;
}
