/**
 * Mobile push of one notification to an end user (decision 026): every push token of the
 * recipient (integrations' `pushTokensOf`) gets the message through FCM or APNs by its platform,
 * with the workspace's credentials; tokens the service calls dead are pruned (`prunePushToken`).
 * When some devices took it and others got a temporary refusal (429, 5xx), those others are
 * retried by a job of their own, so a retry never sends twice to a device that already has it.
 */
import { and, eq } from "drizzle-orm";
import type { Database } from "../../../db/client";
import { findFirst } from "../../../db/find-first";
import { withWorkspace } from "../../../db/tenant";
import { enqueueJob, jobKind } from "../../../kernel/jobs";
import { prunePushToken, pushTokensOf } from "../../integrations";
import { ChannelNoTarget, ChannelSendRefused } from "../channel-delivery";
import { notifications, sounds } from "../schema";
import { sendApns } from "./apns";
import { loadPushCredentials } from "./credentials";
import { sendFcm } from "./fcm";
import type { MobileMessage, PushPlatform, TokenOutcome } from "./message";

type NotificationRow = typeof notifications.$inferSelect;
export interface DeviceToken {
  platform: PushPlatform;
  token: string;
}

/** Follow-up sends to the devices that answered 429/5xx while others took the notification. */
export const MOBILE_PUSH_RETRY_JOB = jobKind<{ workspace_id: string; notification_id: string; tokens: DeviceToken[]; attempt: number }>(
  "notifications.retry_mobile_push",
  { maxAttempts: 1 },
);
/** Follow-ups after the first send (with the first: five tries per device). */
export const MOBILE_PUSH_FOLLOW_UPS = 4;

export interface MobilePushResult {
  sent: number;
  pruned: DeviceToken[];
  retry: DeviceToken[];
  /** the longest Retry-After among the retries, in milliseconds */
  retryAfterMs: number;
  /** why each device that did not take it did not ("fcm:…" → reason) */
  errors: string[];
}

/**
 * Sends `n` to its end user's devices (all, or `only` those). Never throws for a push service's
 * answer; the caller decides from the result.
 */
export async function deliverMobilePush(db: Database, ws: string, n: NotificationRow, only?: DeviceToken[]): Promise<MobilePushResult> {
  const { tokens, creds, sound } = await withWorkspace(db, ws, async (tx) => {
    const all = n.endUserId ? await pushTokensOf(tx, ws, [n.endUserId]) : [];
    const wanted = only ? new Set(only.map((t) => `${t.platform}:${t.token}`)) : null;
    const tokens = all.filter((t) => !wanted || wanted.has(`${t.platform}:${t.token}`));
    const creds = tokens.length ? await loadPushCredentials(tx, ws) : { fcm: null, apns: null };
    // the name only: the row also holds the audio bytes
    const [s] = n.soundId
      ? await tx
          .select({ name: sounds.name })
          .from(sounds)
          .where(and(eq(sounds.id, n.soundId), eq(sounds.workspaceId, ws)))
      : [];
    return { tokens, creds, sound: s?.name ?? null };
  });
  const m: MobileMessage = { notificationId: n.id, title: n.title, body: n.message, priority: n.priority, sound, soundId: n.soundId };
  const outcomes = await Promise.all(
    tokens.map(async (t): Promise<[DeviceToken, TokenOutcome]> => {
      if (t.platform === "fcm") {
        return [t, creds.fcm ? await sendFcm(creds.fcm, t.token, m) : { kind: "failed", reason: "the workspace has no FCM credentials" }];
      }
      return [t, creds.apns ? await sendApns(creds.apns, t.token, m) : { kind: "failed", reason: "the workspace has no APNs credentials" }];
    }),
  );
  const result: MobilePushResult = { sent: 0, pruned: [], retry: [], retryAfterMs: 0, errors: [] };
  for (const [t, o] of outcomes) {
    const device = { platform: t.platform, token: t.token };
    if (o.kind === "sent") result.sent += 1;
    else {
      result.errors.push(`${t.platform}: ${o.reason}`);
      if (o.kind === "invalid") result.pruned.push(device);
      if (o.kind === "retry") {
        result.retry.push(device);
        result.retryAfterMs = Math.max(result.retryAfterMs, o.retryAfterMs ?? 0);
      }
    }
  }
  if (result.pruned.length) {
    await withWorkspace(db, ws, async (tx) => {
      for (const t of result.pruned) await prunePushToken(tx, ws, t.platform, t.token);
    });
  }
  return result;
}

/** Backoff of follow-up `attempt` (1-based): 5 s, 20 s, 80 s, 320 s, or the service's Retry-After when longer. */
export function followUpDelayMs(attempt: number, retryAfterMs: number): number {
  return Math.max(retryAfterMs, 5_000 * 4 ** (attempt - 1));
}

async function scheduleFollowUp(db: Database, ws: string, notificationId: string, r: MobilePushResult, attempt: number): Promise<void> {
  if (!r.retry.length || attempt > MOBILE_PUSH_FOLLOW_UPS) return;
  const runAt = new Date(Date.now() + followUpDelayMs(attempt, r.retryAfterMs));
  await withWorkspace(db, ws, (tx) =>
    enqueueJob(tx, MOBILE_PUSH_RETRY_JOB, { workspace_id: ws, notification_id: notificationId, tokens: r.retry, attempt }, { runAt }),
  );
}

/**
 * The push channel for an end user, inside `runChannelDelivery`: delivered when a device took it
 * (the others that got 429/5xx follow up by job); when none did, a temporary refusal throws (the
 * job runner retries the delivery with backoff), no device at all drops it silently (`ChannelNoTarget`)
 * and anything else refuses the delivery for good.
 */
export async function sendEndUserPush(db: Database, ws: string, n: NotificationRow): Promise<void> {
  const r = await deliverMobilePush(db, ws, n);
  if (r.sent > 0) return scheduleFollowUp(db, ws, n.id, r, 1);
  if (r.retry.length) throw new Error(r.errors.join("; "));
  if (!r.errors.length) throw new ChannelNoTarget("the recipient has no push token");
  throw new ChannelSendRefused(r.errors.join("; "));
}

/** The `notifications.retry_mobile_push` job: the devices still owed a notification. */
export async function runMobilePushFollowUp(
  db: Database,
  job: { workspace_id: string; notification_id: string; tokens: DeviceToken[]; attempt: number },
): Promise<void> {
  const n = await withWorkspace(db, job.workspace_id, (tx) =>
    findFirst(tx, notifications, and(eq(notifications.id, job.notification_id), eq(notifications.workspaceId, job.workspace_id))),
  );
  if (!n) return;
  const r = await deliverMobilePush(db, job.workspace_id, n, job.tokens);
  await scheduleFollowUp(db, job.workspace_id, n.id, r, job.attempt + 1);
}
