/**
 * The notifications context's part of an end user's erasure (kernel/personal-data.ts): the
 * notifications addressed to them and their preferences are deleted; their identifiers are
 * replaced in other notification texts, ingested event payloads and stored webhook payloads of
 * the workspace.
 */
import { and, eq, or, sql } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { jsonMentions, redactJson, redactText } from "../../lib/redact";
import { registerPersonalDataHolder } from "../../kernel/personal-data";
import { ingestedEvents, notificationPreferences, notifications, webhookDeliveries } from "./schema";

async function erasePersonalData(tx: Tx, workspaceId: string, identifiers: string[], endUserId: string): Promise<void> {
  // the notifications addressed to the end user (an app user's inbox) and their preferences go entirely
  await tx.delete(notifications).where(and(eq(notifications.workspaceId, workspaceId), eq(notifications.endUserId, endUserId)));
  await tx.delete(notificationPreferences).where(and(eq(notificationPreferences.workspaceId, workspaceId), eq(notificationPreferences.endUserId, endUserId)));
  for (const id of identifiers) {
    const like = `%${id.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    await tx
      .update(notifications)
      .set({ title: redactText(notifications.title, id), message: redactText(notifications.message, id) })
      .where(and(eq(notifications.workspaceId, workspaceId), or(sql`${notifications.title} like ${like}`, sql`${notifications.message} like ${like}`)));
    await tx
      .update(ingestedEvents)
      .set({ payload: redactJson(ingestedEvents.payload, id) })
      .where(and(eq(ingestedEvents.workspaceId, workspaceId), jsonMentions(ingestedEvents.payload, id)));
    await tx
      .update(webhookDeliveries)
      .set({ payload: redactJson(webhookDeliveries.payload, id) })
      .where(and(eq(webhookDeliveries.workspaceId, workspaceId), jsonMentions(webhookDeliveries.payload, id)));
  }
}

registerPersonalDataHolder({ name: "notifications.texts", erase: (tx, s) => erasePersonalData(tx, s.workspaceId, s.identifiers, s.endUserId) });
