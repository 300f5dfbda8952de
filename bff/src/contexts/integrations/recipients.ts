/**
 * Who among a workspace's users receives notifications, for the notifications context (decision
 * 024: notifications → integrations): users that are `active` or `unverified` and not erased,
 * found by user role or by the tenant's externalUserId. `pending` and `disabled` users receive
 * nothing.
 */
import { and, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { endUsers } from "./schema";

export interface UserRecipient {
  /** end_users.id */
  id: string;
  externalUserId: string;
}

const receiving = sql`status in ('active', 'unverified') and erased_at is null`;

/**
 * SQL for a statement that asks more (the rule evaluation's one statement per batch): the ids
 * of the workspace's receiving users holding any of `roles` (a text[] SQL expression), as a
 * subquery `select id, external_user_id from end_users …`.
 */
export function endUsersWithRolesSql(workspaceId: SQL | string, roles: SQL): SQL {
  return sql`select id, external_user_id from end_users where workspace_id = ${workspaceId} and roles && ${roles} and ${receiving}`;
}

/** The receiving users holding any of `roles` (one statement). */
export async function endUsersWithRoles(tx: Tx, workspaceId: string, roles: string[]): Promise<UserRecipient[]> {
  if (!roles.length) return [];
  const rows = await tx.execute<{ id: string; external_user_id: string }>(
    endUsersWithRolesSql(workspaceId, sql`(select array(select jsonb_array_elements_text(${JSON.stringify(roles)}::jsonb)))`),
  );
  return rows.map((r) => ({ id: r.id, externalUserId: r.external_user_id }));
}

/** The receiving users among `externalUserIds`, by externalUserId (one statement; unknown ids are absent). */
export async function endUsersByExternalIds(tx: Tx, workspaceId: string, externalUserIds: string[]): Promise<Map<string, UserRecipient>> {
  const ids = [...new Set(externalUserIds)];
  if (!ids.length) return new Map();
  const rows = await tx.execute<{ id: string; external_user_id: string }>(sql`
    select id, external_user_id from end_users
     where workspace_id = ${workspaceId} and ${receiving}
       and external_user_id in (select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))`);
  return new Map(rows.map((r) => [r.external_user_id, { id: r.id, externalUserId: r.external_user_id }]));
}

/** The receiving user with this externalUserId, or null. */
export async function endUserByExternalId(tx: Tx, workspaceId: string, externalUserId: string): Promise<UserRecipient | null> {
  return (await endUsersByExternalIds(tx, workspaceId, [externalUserId])).get(externalUserId) ?? null;
}

/** The e-mail addresses of `endUserIds` that have one (for the e-mail channel), by id. */
export async function endUserEmails(tx: Tx, workspaceId: string, endUserIds: string[]): Promise<Map<string, string>> {
  if (!endUserIds.length) return new Map();
  const rows = await tx
    .select({ id: endUsers.id, email: endUsers.email })
    .from(endUsers)
    .where(and(eq(endUsers.workspaceId, workspaceId), isNull(endUsers.erasedAt), inArray(endUsers.id, endUserIds)));
  return new Map(rows.flatMap((r) => (r.email ? [[r.id, r.email] as const] : [])));
}
