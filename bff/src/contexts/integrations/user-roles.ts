/**
 * User roles (seed 003 §5.7): the roles a workspace defines for its app users, which users hold
 * (`end_users.roles`, by key) and rules target (`rules.target_user_roles`). A role's `key` is
 * immutable (users and rules name it); its name and description change. Deleting a role takes it
 * from every user holding it, in one statement.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { isUniqueViolation } from "../../db/client";
import { Conflict, NotFound } from "../../lib/errors";
import { appendDomainEvent } from "../../kernel/events";
import { endUsers, userRoles } from "./schema";
import type { UserRole } from "@nhood/contracts/users";

type RoleRow = typeof userRoles.$inferSelect;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const toUserRole = (r: RoleRow, userCount: number): UserRole => ({
  id: r.id,
  key: r.key,
  name: r.name,
  description: r.description,
  user_count: userCount,
  created_at: r.createdAt.toISOString(),
  updated_at: r.updatedAt.toISOString(),
});

const holders = sql<number>`(select count(*)::int from end_users eu where eu.workspace_id = ${userRoles.workspaceId} and eu.roles @> array[${userRoles.key}] and eu.erased_at is null)`;

/** The workspace's user roles by key, each with how many users hold it. */
export async function listUserRoles(tx: Tx, workspaceId: string): Promise<UserRole[]> {
  const rows = await tx.select({ role: userRoles, n: holders }).from(userRoles).where(eq(userRoles.workspaceId, workspaceId)).orderBy(asc(userRoles.key));
  return rows.map((r) => toUserRole(r.role, r.n));
}

/** One role by its id or its key; NotFound otherwise. */
export async function getUserRole(tx: Tx, workspaceId: string, ref: string): Promise<UserRole> {
  const [r] = await tx
    .select({ role: userRoles, n: holders })
    .from(userRoles)
    .where(
      and(eq(userRoles.workspaceId, workspaceId), UUID.test(ref) ? sql`(${userRoles.id} = ${ref}::uuid or ${userRoles.key} = ${ref})` : eq(userRoles.key, ref)),
    );
  if (!r) throw new NotFound("user role");
  return toUserRole(r.role, r.n);
}

/** Creates a role; Conflict (409, `#/key`) when the key exists. `name` defaults to the key. */
export async function createUserRole(tx: Tx, workspaceId: string, v: { key: string; name?: string; description: string }): Promise<UserRole> {
  const [row] = await tx
    .insert(userRoles)
    .values({ workspaceId, key: v.key, name: v.name ?? v.key, description: v.description })
    .onConflictDoNothing()
    .returning()
    .catch((e) => {
      if (isUniqueViolation(e, "user_roles_ws_key")) return [];
      throw e;
    });
  if (!row) throw new Conflict("This workspace has a user role with this key.", [{ pointer: "#/key", detail: "already exists" }]);
  await appendDomainEvent(tx, { workspaceId, type: "user_role.created", subjectId: row.id, payload: { key: row.key } });
  return toUserRole(row, 0);
}

/** Renames or re-describes a role (its key never changes). */
export async function updateUserRole(tx: Tx, workspaceId: string, ref: string, v: { name?: string; description?: string }): Promise<UserRole> {
  const current = await getUserRole(tx, workspaceId, ref);
  await tx.update(userRoles).set({ name: v.name, description: v.description, updatedAt: new Date() }).where(eq(userRoles.id, current.id));
  await appendDomainEvent(tx, { workspaceId, type: "user_role.updated", subjectId: current.id, payload: { key: current.key, fields: Object.keys(v) } });
  return getUserRole(tx, workspaceId, current.id);
}

/** Deletes a role and takes it from every user holding it. Rules naming it then reach no one through it. */
export async function deleteUserRole(tx: Tx, workspaceId: string, ref: string): Promise<void> {
  const current = await getUserRole(tx, workspaceId, ref);
  await tx.delete(userRoles).where(eq(userRoles.id, current.id));
  await tx
    .update(endUsers)
    .set({ roles: sql`array_remove(${endUsers.roles}, ${current.key})`, updatedAt: new Date() })
    .where(and(eq(endUsers.workspaceId, workspaceId), sql`${endUsers.roles} @> array[${current.key}]`));
  await appendDomainEvent(tx, { workspaceId, type: "user_role.deleted", subjectId: current.id, payload: { key: current.key, users: current.user_count } });
}

/** The keys among `keys` that are not user roles of the workspace (one statement). */
export async function unknownUserRoles(tx: Tx, workspaceId: string, keys: string[]): Promise<Set<string>> {
  const wanted = [...new Set(keys)];
  if (!wanted.length) return new Set();
  const rows = await tx.execute<{ key: string }>(sql`
    select k as key from unnest(${`{${wanted.map((k) => `"${k}"`).join(",")}}`}::text[]) as k
     where not exists (select 1 from user_roles r where r.workspace_id = ${workspaceId} and r.key = k)`);
  return new Set(rows.map((r) => r.key));
}
