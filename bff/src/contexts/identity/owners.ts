/**
 * Identity's answers to the contexts above it about a workspace's people: creating the owner of
 * a new workspace (tenancy's sign-up), the owners' addresses (tenancy's billing contact), member
 * counts and the member list (tenancy, the admin back office). Identity owns users and
 * memberships; the others ask here instead of reading those tables.
 */
import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import { isUniqueViolation, type Tx } from "../../db/client";
import { memberships, users } from "./schema";
import { placeInHierarchy } from "./hierarchy";
import type { WorkspaceRole } from "@nhood/contracts";

/** True when an account with `email` exists (case-insensitive). Sign-up asks first, before it writes anything. */
export async function emailRegistered(tx: Tx, email: string): Promise<boolean> {
  const [u] = await tx.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${email.toLowerCase()}`).limit(1);
  return u !== undefined;
}

/**
 * Creates the owner of the new workspace `workspaceId` (in a transaction scoped to it): a new
 * account for `email` (name: `name`, else the email's local part; verified only when
 * `emailVerified`, e.g. made by platform staff) and its `owner` membership, at the top of
 * the hierarchy. Throws `taken()` when a concurrent sign-up took the email (the unique index;
 * check `emailRegistered` first for the common case). Answers the user id.
 */
export async function createWorkspaceOwner(
  tx: Tx,
  workspaceId: string,
  input: { email: string; passwordHash: string; name?: string; emailVerified?: boolean },
  taken: () => Error,
): Promise<string> {
  const [user] = await tx
    .insert(users)
    .values({
      email: input.email,
      name: input.name ?? input.email.split("@")[0]!,
      passwordHash: input.passwordHash,
      emailVerifiedAt: input.emailVerified ? new Date() : null,
    })
    .returning()
    .catch((e: unknown) => {
      throw isUniqueViolation(e, "users_email_key") ? taken() : e;
    });
  const [m] = await tx.insert(memberships).values({ workspaceId, userId: user!.id, role: "owner" }).returning();
  await placeInHierarchy(tx, workspaceId, m!.id, null);
  return user!.id;
}

/** The e-mail addresses of the workspace's owners, sorted. */
export async function ownerEmails(tx: Tx, workspaceId: string): Promise<string[]> {
  const owners = await tx
    .select({ email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.role, "owner")))
    .orderBy(users.email);
  return owners.map((o) => o.email);
}

/** Members per workspace for `workspaceIds` (absent = 0). */
export async function memberCounts(tx: Tx, workspaceIds: string[]): Promise<Map<string, number>> {
  if (workspaceIds.length === 0) return new Map();
  const rows = await tx
    .select({ workspaceId: memberships.workspaceId, n: count() })
    .from(memberships)
    .where(inArray(memberships.workspaceId, workspaceIds))
    .groupBy(memberships.workspaceId);
  return new Map(rows.map((r) => [r.workspaceId, Number(r.n)]));
}

/** The workspace's members with their accounts, oldest membership first. */
export async function workspaceMembers(
  tx: Tx,
  workspaceId: string,
): Promise<{ user_id: string; email: string; name: string; role: WorkspaceRole; joined_at: Date }[]> {
  return tx
    .select({ user_id: users.id, email: users.email, name: users.name, role: memberships.role, joined_at: memberships.createdAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.workspaceId, workspaceId))
    .orderBy(asc(memberships.createdAt));
}
