/**
 * Web Push with VAPID (RFC 8030, 8291, 8292) through the `web-push` library. Each workspace gets
 * its own VAPID key pair on first use (the private key encrypted with the workspace's data key).
 * Members' browsers subscribe with the public key; a rule with the `push` channel sends the
 * notification to every subscription of each recipient. Subscription endpoints pass the SSRF
 * guard when saved and again before each send; a 404/410 from the push service drops the
 * subscription (the browser unsubscribed). An end user's notification goes to their phones
 * instead (FCM and APNs, ./push-mobile, decision 026).
 */
import { and, eq } from "drizzle-orm";
import webpush from "web-push";
import type { Database, Tx } from "../../db/client";
import { withWorkspace } from "../../db/tenant";
import { ValidationFailed } from "../../lib/errors";
import { assertHostResolvesPublic, OutboundBlocked } from "../../lib/outbound";
import { decryptForWorkspace, encryptForWorkspace } from "../../lib/secrets";
import { appendDomainEvent } from "../../kernel/events";
import { workspaceDataKey } from "../tenancy";
import { ChannelNoTarget, runChannelDelivery } from "./channel-delivery";
import { sendEndUserPush } from "./push-mobile/deliver";
import { pushSubscriptions, vapidKeys } from "./schema";
import { findFirst } from "../../db/find-first";

const PURPOSE = "vapid.private_key";

const dataKey = workspaceDataKey;

/** The workspace's VAPID public key (base64url), generated and stored on first use. */
export async function vapidPublicKey(tx: Tx, ws: string): Promise<string> {
  const existing = await findFirst(tx, vapidKeys, eq(vapidKeys.workspaceId, ws));
  if (existing) return existing.publicKey;
  const keys = webpush.generateVAPIDKeys();
  await tx
    .insert(vapidKeys)
    .values({ workspaceId: ws, publicKey: keys.publicKey, privateKeyEncrypted: encryptForWorkspace(await dataKey(tx, ws), ws, PURPOSE, keys.privateKey) })
    .onConflictDoNothing();
  return (await findFirst(tx, vapidKeys, eq(vapidKeys.workspaceId, ws)))!.publicKey;
}

export interface PushSubscriptionInput {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

/** Saves (or refreshes) a browser's subscription for the member. ValidationFailed for a refused endpoint. */
export async function subscribePush(tx: Tx, ws: string, userId: string, s: PushSubscriptionInput): Promise<void> {
  try {
    await assertHostResolvesPublic(s.endpoint);
  } catch (e) {
    if (e instanceof OutboundBlocked) throw new ValidationFailed([{ pointer: "#/endpoint", detail: `refused: ${e.message}` }]);
    throw e;
  }
  await tx
    .insert(pushSubscriptions)
    .values({ workspaceId: ws, userId, endpoint: s.endpoint, p256dh: s.keys.p256dh, auth: s.keys.auth })
    .onConflictDoUpdate({ target: [pushSubscriptions.workspaceId, pushSubscriptions.endpoint], set: { userId, p256dh: s.keys.p256dh, auth: s.keys.auth } });
  await appendDomainEvent(tx, { workspaceId: ws, type: "push_subscription.saved", subjectId: userId, payload: { origin: new URL(s.endpoint).origin } });
}

export async function unsubscribePush(tx: Tx, ws: string, userId: string, endpoint: string): Promise<void> {
  await tx
    .delete(pushSubscriptions)
    .where(and(eq(pushSubscriptions.workspaceId, ws), eq(pushSubscriptions.userId, userId), eq(pushSubscriptions.endpoint, endpoint)));
}

/**
 * The `notifications.send_push` job: one notification to every push target of its recipient —
 * an end user's phones (FCM / APNs, push-mobile/deliver.ts), a member's browser subscriptions.
 */
export async function runPushJob(db: Database, ws: string, deliveryId: string): Promise<void> {
  await runChannelDelivery(db, ws, deliveryId, async (n) => {
    if (n.endUserId) return sendEndUserPush(db, ws, n);
    const { subs, vapid } = await withWorkspace(db, ws, async (tx) => {
      const publicKey = await vapidPublicKey(tx, ws);
      const row = (await findFirst(tx, vapidKeys, eq(vapidKeys.workspaceId, ws)))!;
      const privateKey = decryptForWorkspace(await dataKey(tx, ws), ws, PURPOSE, row.privateKeyEncrypted);
      const subs = n.userId
        ? await tx
            .select()
            .from(pushSubscriptions)
            .where(and(eq(pushSubscriptions.workspaceId, ws), eq(pushSubscriptions.userId, n.userId)))
        : [];
      return { subs, vapid: { subject: process.env.VAPID_SUBJECT ?? "mailto:notifications@neighbourhood.local", publicKey, privateKey } };
    });
    if (!subs.length) throw new ChannelNoTarget("the recipient has no push subscription");
    const body = JSON.stringify({ id: n.id, title: n.title, message: n.message, priority: n.priority, sound_id: n.soundId });
    let sent = 0;
    for (const s of subs) {
      try {
        await assertHostResolvesPublic(s.endpoint);
        await webpush.sendNotification({ endpoint: s.endpoint, keys: { p256dh: s.p256dh, auth: s.auth } }, body, {
          vapidDetails: vapid,
          TTL: 3600,
          timeout: 15_000,
        });
        sent += 1;
      } catch (e) {
        const status = (e as { statusCode?: number }).statusCode;
        if (status === 404 || status === 410) await withWorkspace(db, ws, (tx) => tx.delete(pushSubscriptions).where(eq(pushSubscriptions.id, s.id)));
      }
    }
    if (!sent) throw new Error("no push service accepted the message");
  });
}
