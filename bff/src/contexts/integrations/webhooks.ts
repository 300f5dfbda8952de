/**
 * Incoming provider webhooks, each checked with the provider's own signature scheme before it
 * becomes a `<provider>.webhook_received` domain event (e.g. `github.webhook_received`; workflow event triggers subscribe to it):
 * - GitHub: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256(secret, body)>`, checked by
 *   @octokit/webhooks-methods (docs.github.com, "Validating webhook deliveries").
 * - Meta (WhatsApp, Lead Ads): the same `X-Hub-Signature-256` with the app secret, and the
 *   `hub.mode=subscribe` / `hub.verify_token` / `hub.challenge` handshake on GET.
 * - Stripe: `Stripe-Signature` (`t=…,v1=…`) with a 300 s tolerance, checked by the `stripe` library.
 * - Slack: `X-Slack-Signature: v0=<hex HMAC-SHA256(secret, "v0:{ts}:{body}")>` with
 *   `X-Slack-Request-Timestamp` no older than 5 minutes (api.slack.com/authentication/verifying-requests-from-slack).
 */
import { createHmac } from "node:crypto";
import { and, eq } from "drizzle-orm";
import Stripe from "stripe";
import { verify as verifyHubSignature } from "@octokit/webhooks-methods";
import type { Tx } from "../../db/client";
import { NotFound, Unauthorized } from "../../lib/errors";
import { safeEqual } from "../../lib/secrets";
import { config } from "../../config";
import { appendDomainEvent } from "../../kernel/events";
import { openFor, sealFor } from "./oauth-apps";
import { providerWebhooks } from "./schema";
import { findFirst } from "../../db/find-first";

export const webhookProviders = ["github", "stripe", "slack", "meta"] as const;
export type WebhookProvider = (typeof webhookProviders)[number];
export const TOLERANCE_SECONDS = 300;

export const webhookUrl = (provider: WebhookProvider, workspaceId: string) => `${config.publicUrl}/api/v1/integrations/webhooks/${provider}/${workspaceId}`;

/** Stores the provider's signing secret (and Meta's verify token), encrypted. Answers the URL to register. */
export async function saveProviderWebhook(tx: Tx, workspaceId: string, provider: WebhookProvider, input: { secret: string; verify_token?: string }) {
  const values = {
    workspaceId,
    provider,
    updatedAt: new Date(),
    secretEncrypted: await sealFor(tx, workspaceId, `webhook:${provider}:secret`, input.secret),
    verifyTokenEncrypted: input.verify_token ? await sealFor(tx, workspaceId, `webhook:${provider}:verify`, input.verify_token) : null,
  };
  const [row] = await tx
    .insert(providerWebhooks)
    .values(values)
    .onConflictDoUpdate({ target: [providerWebhooks.workspaceId, providerWebhooks.provider], set: values })
    .returning();
  await appendDomainEvent(tx, { workspaceId, type: "provider_webhook.configured", subjectId: row!.id, payload: { provider } });
  return { provider, url: webhookUrl(provider, workspaceId), updated_at: row!.updatedAt.toISOString() };
}

async function secretsOf(tx: Tx, workspaceId: string, provider: WebhookProvider) {
  const row = await findFirst(tx, providerWebhooks, and(eq(providerWebhooks.workspaceId, workspaceId), eq(providerWebhooks.provider, provider)));
  if (!row) throw new NotFound("webhook endpoint");
  return {
    secret: await openFor(tx, workspaceId, `webhook:${provider}:secret`, row.secretEncrypted),
    verifyToken: row.verifyTokenEncrypted ? await openFor(tx, workspaceId, `webhook:${provider}:verify`, row.verifyTokenEncrypted) : null,
  };
}

/** Slack's v0 scheme; `now` in seconds. */
export function verifySlackSignature(
  secret: string,
  body: string,
  timestamp: string | undefined,
  signature: string | undefined,
  now = Date.now() / 1000,
): boolean {
  if (!timestamp || !signature || !/^\d+$/.test(timestamp) || Math.abs(now - Number(timestamp)) > TOLERANCE_SECONDS) return false;
  const expected = `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
  return safeEqual(expected, signature);
}

/** Checks the signature of a delivery; throws Unauthorized when it fails. Answers the event type. */
export async function verifyDelivery(
  tx: Tx,
  workspaceId: string,
  provider: WebhookProvider,
  body: string,
  header: (name: string) => string | undefined,
): Promise<string> {
  const { secret } = await secretsOf(tx, workspaceId, provider);
  const refuse = () => new Unauthorized(`The ${provider} signature is missing, wrong or too old.`);
  switch (provider) {
    case "github":
    case "meta": {
      const signature = header("x-hub-signature-256");
      if (!signature || !(await verifyHubSignature(secret, body, signature).catch(() => false))) throw refuse();
      return provider === "github" ? (header("x-github-event") ?? "unknown") : "meta";
    }
    case "stripe":
      try {
        return Stripe.webhooks.constructEvent(body, header("stripe-signature") ?? "", secret, TOLERANCE_SECONDS).type;
      } catch {
        throw refuse();
      }
    case "slack":
      if (!verifySlackSignature(secret, body, header("x-slack-request-timestamp"), header("x-slack-signature"))) throw refuse();
      return "slack";
  }
}

/** Meta's subscription handshake: answers `hub.challenge` when the verify token matches. */
export async function metaHandshake(tx: Tx, workspaceId: string, q: URLSearchParams): Promise<string> {
  const { verifyToken } = await secretsOf(tx, workspaceId, "meta");
  if (q.get("hub.mode") !== "subscribe" || !verifyToken || !safeEqual(verifyToken, q.get("hub.verify_token") ?? ""))
    throw new Unauthorized("The verify token does not match.");
  return q.get("hub.challenge") ?? "";
}

/** Records a verified delivery as the domain event `<provider>.webhook_received` (the payload is kept as JSON, or as text). */
export async function recordDelivery(tx: Tx, workspaceId: string, provider: WebhookProvider, eventType: string, body: string): Promise<string> {
  let payload: unknown = body;
  try {
    payload = JSON.parse(body);
  } catch {
    if (provider === "slack") payload = Object.fromEntries(new URLSearchParams(body));
  }
  return appendDomainEvent(tx, { workspaceId, type: `${provider}.webhook_received`, payload: { provider, event_type: eventType, body: payload } });
}
