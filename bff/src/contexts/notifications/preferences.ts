/**
 * An end user's notification preferences: event types they muted (no notification for events of
 * that type) and channels they muted (`inbox`: the notification skips the inbox — stored archived
 * and read, not streamed —, `email`, `push`: not sent there). Rule evaluation applies them
 * (evaluation.ts); a user with no row mutes nothing.
 */
import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { notificationPreferences } from "./schema";
import type { NotificationPreferences } from "@nhood/contracts/users";

/** The end user's preferences (empty lists when never set). */
export async function getPreferences(tx: Tx, workspaceId: string, endUserId: string): Promise<NotificationPreferences> {
  const [r] = await tx
    .select()
    .from(notificationPreferences)
    .where(and(eq(notificationPreferences.workspaceId, workspaceId), eq(notificationPreferences.endUserId, endUserId)));
  return { muted_event_types: r?.mutedEventTypes ?? [], muted_channels: (r?.mutedChannels ?? []) as NotificationPreferences["muted_channels"] };
}

/** Replaces the lists sent (the others stay); answers the preferences now. */
export async function savePreferences(
  tx: Tx,
  workspaceId: string,
  endUserId: string,
  patch: Partial<NotificationPreferences>,
): Promise<NotificationPreferences> {
  const types = patch.muted_event_types ? [...new Set(patch.muted_event_types)] : null;
  const channels = patch.muted_channels ? [...new Set(patch.muted_channels)] : null;
  await tx
    .insert(notificationPreferences)
    .values({ workspaceId, endUserId, mutedEventTypes: types ?? [], mutedChannels: channels ?? [] })
    .onConflictDoUpdate({
      target: [notificationPreferences.workspaceId, notificationPreferences.endUserId],
      set: {
        mutedEventTypes: types ?? sql`${notificationPreferences.mutedEventTypes}`,
        mutedChannels: channels ?? sql`${notificationPreferences.mutedChannels}`,
        updatedAt: new Date(),
      },
    });
  return getPreferences(tx, workspaceId, endUserId);
}

/** The SQL of one end user's muted lists, for the evaluation's statements: `(types, channels)` as text[] (empty when never set). */
export const mutedListsSql = (workspaceId: string, endUserIdSql: ReturnType<typeof sql>) => sql`
  coalesce((select jsonb_build_object('types', p.muted_event_types, 'channels', p.muted_channels) from notification_preferences p
             where p.workspace_id = ${workspaceId} and p.end_user_id = ${endUserIdSql}), '{}'::jsonb)`;
