/** What a mobile push carries, and what became of it per device token. */

/** One notification as FCM and APNs render it. */
export interface MobileMessage {
  notificationId: string;
  title: string;
  body: string;
  priority: "low" | "normal" | "high" | "critical";
  /** the rule's sound by name (the file the tenant's app bundles), null for the platform default */
  sound: string | null;
  soundId: string | null;
}

/**
 * `sent`: accepted by the push service; `invalid`: the token is dead (prune it); `retry`: a
 * temporary refusal (429, 5xx, network), after `retryAfterMs` when the service said; `failed`:
 * refused for another reason (bad credentials, payload), not retried for this token.
 */
export type TokenOutcome =
  | { kind: "sent" }
  | { kind: "invalid"; reason: string }
  | { kind: "retry"; reason: string; retryAfterMs?: number }
  | { kind: "failed"; reason: string };

export type PushPlatform = "fcm" | "apns";
