/**
 * End users' mobile push tokens (FCM registration tokens, APNs device tokens), one row each,
 * unique per workspace and platform: a token registered again moves to the user who registered
 * it last (one device, one user). The push senders read them (`pushTokensOf`) and drop the ones
 * FCM or APNs say are gone (`prunePushToken`: FCM `UNREGISTERED`, APNs 410).
 */
import { and, eq, type SQL, sql } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { pushTokens } from "./schema";
import type { PushToken } from "@nhood/contracts/users";

export interface EndUserPushToken {
  endUserId: string;
  platform: "fcm" | "apns";
  token: string;
}

/** Replaces the push tokens of each listed end user with the given set (two statements for any number of users). */
export async function replacePushTokens(tx: Tx, workspaceId: string, sets: { endUserId: string; tokens: PushToken[] }[]): Promise<void> {
  if (!sets.length) return;
  await tx.execute(sql`
    delete from push_tokens where workspace_id = ${workspaceId}
       and end_user_id in (select (x ->> 0)::uuid from jsonb_array_elements(${JSON.stringify(sets.map((s) => [s.endUserId]))}::jsonb) as x)`);
  const rows = sets.flatMap((s) => s.tokens.map((t) => ({ end_user_id: s.endUserId, platform: t.platform, token: t.token })));
  if (rows.length) await savePushTokens(tx, workspaceId, rows);
}

/** Adds (or moves to its user, refreshing `last_seen_at`) each token, in one statement. */
export async function savePushTokens(tx: Tx, workspaceId: string, rows: { end_user_id: string; platform: "fcm" | "apns"; token: string }[]): Promise<void> {
  if (!rows.length) return;
  // one row per (platform, token): the last occurrence wins, as a later registration would
  const unique = [...new Map(rows.map((r) => [`${r.platform}:${r.token}`, r])).values()];
  await tx.execute(sql`
    insert into push_tokens (workspace_id, end_user_id, platform, token)
    select ${workspaceId}, r.end_user_id, r.platform, r.token
      from jsonb_to_recordset(${JSON.stringify(unique)}::jsonb) as r(end_user_id uuid, platform text, token text)
    on conflict (workspace_id, platform, token) do update set end_user_id = excluded.end_user_id, last_seen_at = now()`);
}

/**
 * SQL predicate: the end user whose id is the SQL expression `endUserId` has at least one push
 * token in `workspaceId` (for statements of other contexts that must not read this table by name).
 */
export const endUserHasPushTokenSql = (workspaceId: string, endUserId: SQL) =>
  sql<boolean>`exists (select 1 from push_tokens pt where pt.workspace_id = ${workspaceId} and pt.end_user_id = ${endUserId})`;

/**
 * The push tokens of `endUserIds` (one statement), for the mobile push senders. Erased users
 * have none (erasure deletes them).
 */
export async function pushTokensOf(tx: Tx, workspaceId: string, endUserIds: string[]): Promise<EndUserPushToken[]> {
  if (!endUserIds.length) return [];
  const rows = await tx.execute<{ end_user_id: string; platform: "fcm" | "apns"; token: string }>(sql`
    select end_user_id, platform, token from push_tokens
     where workspace_id = ${workspaceId} and end_user_id in (select (x ->> 0)::uuid from jsonb_array_elements(${JSON.stringify(endUserIds.map((id) => [id]))}::jsonb) as x)
     order by end_user_id, created_at`);
  return rows.map((r) => ({ endUserId: r.end_user_id, platform: r.platform, token: r.token }));
}

/** Forgets a token the push service says is no longer valid (FCM UNREGISTERED / 404, APNs 410). Answers whether one was removed. */
export async function prunePushToken(tx: Tx, workspaceId: string, platform: "fcm" | "apns", token: string): Promise<boolean> {
  const gone = await tx
    .delete(pushTokens)
    .where(and(eq(pushTokens.workspaceId, workspaceId), eq(pushTokens.platform, platform), eq(pushTokens.token, token)))
    .returning({ id: pushTokens.id });
  return gone.length > 0;
}

/** The push tokens of one user, as the users API shows them. */
export async function pushTokensByUser(tx: Tx, workspaceId: string, endUserIds: string[]): Promise<Map<string, PushToken[]>> {
  const out = new Map<string, PushToken[]>();
  for (const t of await pushTokensOf(tx, workspaceId, endUserIds)) {
    const list = out.get(t.endUserId) ?? [];
    list.push({ platform: t.platform, token: t.token });
    out.set(t.endUserId, list);
  }
  return out;
}
