/** The notifications context's jobs: task name, job key and attempts of each, defined once (kernel/jobs.ts). */
import { jobKind } from "../../kernel/jobs";

/** Evaluates a workspace's pending ingested events; one pending pass per workspace. */
export const EVALUATE_EVENTS_JOB = jobKind<{ workspace_id: string }>("notifications.evaluate_events", {
  maxAttempts: 25,
  keyPrefix: "notifications.evaluate:",
  keyField: "workspace_id",
});
/** Sends one e-mail (a delivery of the email channel, or a billing notice with `to_email`). */
export const SEND_EMAIL_JOB = jobKind<{ workspace_id: string; delivery_id?: string; to_email?: string; subject?: string; text?: string }>(
  "notifications.send_email",
  { maxAttempts: 5 },
);
/** Sends one Web Push delivery. */
export const SEND_PUSH_JOB = jobKind<{ workspace_id: string; delivery_id: string }>("notifications.send_push", { maxAttempts: 5 });
/** One attempt of an outgoing webhook delivery; the delivery schedules its own retries, key `webhook:<delivery id>`. */
export const DELIVER_WEBHOOK_JOB = jobKind<{ workspace_id: string; delivery_id: string; manual?: boolean }>("webhooks.deliver", {
  maxAttempts: 1,
  keyPrefix: "webhook:",
  keyField: "delivery_id",
});
