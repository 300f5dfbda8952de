/**
 * Extra channels of a notification (e-mail, Web Push) as jobs: `runChannelDelivery` loads the
 * pending delivery and its notification, calls the channel's sender, and records the outcome. A
 * failed send is retried by the job runner; the fifth failure (or a `ChannelSendRefused`) marks
 * the delivery failed and appends `notification.failed`; a `ChannelNoTarget` (nowhere to send) drops it silently. The `notifications.send_email` job also carries plain notices
 * to one address (`to_email`, or a member's: `to_user_id`; with `subject` and `text`), e.g. a
 * quota warning to the billing contact. Every e-mail is rendered with the workspace's branding
 * (email-templates.tsx): an HTML part and a plain-text part, sent as multipart/alternative.
 */
import { eq } from "drizzle-orm";
import type { Database } from "../../db/client";
import { withWorkspace } from "../../db/tenant";
import { appendDomainEvent } from "../../kernel/events";
import { userEmail } from "../identity";
import { endUserEmails } from "../integrations";
import { getBranding } from "../tenancy";
import { type EmailContent, renderEmail } from "./email-templates";
import { sendMail } from "./email";
import { notificationDeliveries, notifications } from "./schema";
import { findFirst } from "../../db/find-first";

export const CHANNEL_ATTEMPTS = 5;

/** Thrown by a channel's sender when retrying cannot help (bad credentials, every device refused): the delivery fails at once. */
export class ChannelSendRefused extends Error {}

/**
 * Thrown by a channel's sender when the recipient has nowhere to receive it (no push token or
 * subscription left, e.g. pruned since the delivery was queued): not a failure, nothing was
 * attempted, so the delivery is dropped without `notification.failed`.
 */
export class ChannelNoTarget extends Error {}

export interface ChannelJob {
  workspace_id: string;
  delivery_id?: string;
  to_user_id?: string;
  to_email?: string;
  subject?: string;
  text?: string;
}
type NotificationRow = typeof notifications.$inferSelect;

async function addressOf(db: Database, userId: string | null): Promise<string | null> {
  if (!userId) return null;
  return userEmail(db, userId);
}

/** Delivers one pending channel delivery with `send`; throws (for a retry) while attempts remain. */
export async function runChannelDelivery(db: Database, ws: string, deliveryId: string, send: (n: NotificationRow) => Promise<void>): Promise<void> {
  const found = await withWorkspace(db, ws, async (tx) => {
    const d = await findFirst(tx, notificationDeliveries, eq(notificationDeliveries.id, deliveryId));
    if (d?.status !== "pending") return null;
    const n = await findFirst(tx, notifications, eq(notifications.id, d.notificationId));
    return n ? { d, n } : null;
  });
  if (!found) return;
  const { d, n } = found;
  let error: string | null = null;
  let refused = false;
  try {
    await send(n);
  } catch (e) {
    if (e instanceof ChannelNoTarget) {
      await withWorkspace(db, ws, (tx) => tx.delete(notificationDeliveries).where(eq(notificationDeliveries.id, d.id)));
      return;
    }
    error = (e as Error).message;
    refused = e instanceof ChannelSendRefused;
  }
  const attempts = d.attempts + 1;
  const final = error === null || refused || attempts >= CHANNEL_ATTEMPTS;
  await withWorkspace(db, ws, async (tx) => {
    await tx
      .update(notificationDeliveries)
      .set(error === null ? { status: "delivered", attempts, deliveredAt: new Date(), error: null } : { status: final ? "failed" : "pending", attempts, error })
      .where(eq(notificationDeliveries.id, d.id));
    if (error !== null && final) {
      await appendDomainEvent(tx, {
        workspaceId: ws,
        type: "notification.failed",
        subjectId: n.id,
        payload: { notification_id: n.id, user_id: n.userId, event_id: n.eventId, channel: d.channel, status: "failed", error },
      });
    }
  });
  if (error !== null && !final) throw new Error(`${d.channel} not sent (attempt ${attempts}): ${error}`);
}

/** Renders `content` as a branded e-mail of `kind` (the workspace's name, logo and colour) and sends it to `to`. */
async function sendBranded(db: Database, ws: string, to: string, kind: "notification" | "quota", content: EmailContent): Promise<void> {
  const branding = await withWorkspace(db, ws, (tx) => getBranding(tx, ws));
  await sendMail({ to, ...(await renderEmail(kind, branding, content)) });
}

/** The `notifications.send_email` job. */
export async function runEmailJob(db: Database, job: ChannelJob): Promise<void> {
  const ws = job.workspace_id;
  if (!job.delivery_id) {
    const to = job.to_email ?? (await addressOf(db, job.to_user_id ?? null));
    if (to) await sendBranded(db, ws, to, "quota", { title: job.subject ?? "", message: job.text ?? "" });
    return;
  }
  await runChannelDelivery(db, ws, job.delivery_id, async (n) => {
    // a member's address (identity) or an end user's (integrations)
    const to = n.endUserId
      ? ((await withWorkspace(db, ws, (tx) => endUserEmails(tx, ws, [n.endUserId!]))).get(n.endUserId) ?? null)
      : await addressOf(db, n.userId);
    if (!to) throw new Error("the recipient has no e-mail address");
    await sendBranded(db, ws, to, "notification", { title: n.title, message: n.message, priority: n.priority });
  });
}
