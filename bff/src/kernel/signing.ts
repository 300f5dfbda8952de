/**
 * Standard Webhooks v1 signing with the official `standardwebhooks` library: the
 * `webhook-signature` header is `v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{body}">`. During a
 * secret rotation's overlap the header carries both signatures, space-separated (spec §"Signature
 * rotation"), so a receiver verifies with either secret.
 */
import { randomBytes } from "node:crypto";
import { Webhook } from "standardwebhooks";

/** A new `whsec_` secret: 24 random bytes (192 bits), base64. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString("base64")}`;
}

/** The three Standard Webhooks headers for one attempt. `secrets`: current first, then previous. */
export function signWebhookPayload(secrets: string[], msgId: string, at: Date, body: string): Record<string, string> {
  const signatures = secrets.map((s) => new Webhook(s).sign(msgId, at, body));
  return {
    "webhook-id": msgId,
    "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
    "webhook-signature": signatures.join(" "),
  };
}
