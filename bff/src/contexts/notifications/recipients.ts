/** Who an event names as its recipients (rules with `target_event_users`). */

/** The externalUserIds an event names: `payload.userId` (a string) and `payload.userIds` (strings, at most 1,000). */
export function eventUserIds(payload: Record<string, unknown>): string[] {
  const ids: string[] = [];
  if (typeof payload.userId === "string" && payload.userId) ids.push(payload.userId);
  if (Array.isArray(payload.userIds)) for (const id of payload.userIds.slice(0, 1000)) if (typeof id === "string" && id) ids.push(id);
  return [...new Set(ids)];
}
