/**
 * Webhook endpoints per workspace: URL (SSRF-checked at save and again at every connect),
 * event-type filter, `whsec_` secret encrypted with the workspace's data key and shown once;
 * rotation keeps the previous secret signing for 24 h. The delivery log and manual redelivery.
 */
import { and, desc, eq, inArray } from "drizzle-orm";
import type { Tx } from "../../../db/client";
import { enqueueJob } from "../../../kernel/jobs";
import { DELIVER_WEBHOOK_JOB } from "../jobs";
import { Forbidden, NotFound, ValidationFailed } from "../../../lib/errors";
import { assertHostResolvesPublic, OutboundBlocked } from "../../../lib/outbound";
import { decryptForWorkspace, encryptForWorkspace } from "../../../lib/secrets";
import { appendDomainEvent } from "../../../kernel/events";
import { planOf } from "../../tenancy";
import { workspaceDataKey } from "../../tenancy";
import { webhookAttempts, webhookDeliveries, webhookEndpoints } from "../schema";
import { newWebhookSecret } from "../../../kernel/signing";
import { webhookEventTypes, type WebhookDelivery, type WebhookEndpoint } from "@nhood/contracts";
import { findFirst } from "../../../db/find-first";

export const ROTATION_OVERLAP_MS = 24 * 3_600_000;
const PURPOSE = "webhook_endpoint.secret";
type Row = typeof webhookEndpoints.$inferSelect;

export function toEndpoint(r: Row): WebhookEndpoint {
  return {
    id: r.id,
    url: r.url,
    description: r.description,
    event_types: r.eventTypes,
    status: r.status,
    disabled_reason: r.disabledReason,
    previous_secret_expires_at: r.previousSecretExpiresAt && r.previousSecretExpiresAt > new Date() ? r.previousSecretExpiresAt.toISOString() : null,
    created_at: r.createdAt.toISOString(),
  };
}

const dataKey = workspaceDataKey;

/** The secrets to sign with: current first, then the previous one while its overlap lasts. */
export async function signingSecrets(tx: Tx, workspaceId: string, r: Row, now = new Date()): Promise<string[]> {
  const key = await dataKey(tx, workspaceId);
  const out = [decryptForWorkspace(key, workspaceId, PURPOSE, r.secretEncrypted)];
  if (r.previousSecretEncrypted && r.previousSecretExpiresAt && r.previousSecretExpiresAt > now)
    out.push(decryptForWorkspace(key, workspaceId, PURPOSE, r.previousSecretEncrypted));
  return out;
}

async function checkInput(url: string | undefined, types: string[] | undefined): Promise<void> {
  if (url !== undefined) {
    try {
      await assertHostResolvesPublic(url);
    } catch (e) {
      if (e instanceof OutboundBlocked)
        throw new ValidationFailed([{ pointer: "#/url", detail: `refused: ${e.message} (operators can allow internal targets with NH_OUTBOUND_ALLOWLIST)` }]);
      throw e;
    }
  }
  const bad = (types ?? []).findIndex((t) => !(webhookEventTypes as readonly string[]).includes(t));
  if (bad >= 0) throw new ValidationFailed([{ pointer: `#/event_types/${bad}`, detail: `unknown event type; one of ${webhookEventTypes.join(", ")}` }]);
}

/** Creates an endpoint; answers it with its secret (shown this once). Forbidden on plans without webhooks. */
export async function createEndpoint(
  tx: Tx,
  workspaceId: string,
  v: { url: string; description: string; event_types: string[] },
): Promise<WebhookEndpoint & { secret: string }> {
  if (!(await planOf(tx, workspaceId)).webhooks) throw new Forbidden("This workspace's plan does not include outgoing webhooks.");
  await checkInput(v.url, v.event_types);
  const secret = newWebhookSecret();
  const [row] = await tx
    .insert(webhookEndpoints)
    .values({
      workspaceId,
      url: v.url,
      description: v.description,
      eventTypes: v.event_types,
      secretEncrypted: encryptForWorkspace(await dataKey(tx, workspaceId), workspaceId, PURPOSE, secret),
    })
    .returning();
  await appendDomainEvent(tx, { workspaceId, type: "webhook_endpoint.created", subjectId: row!.id, payload: { url: v.url, event_types: v.event_types } });
  return { ...toEndpoint(row!), secret };
}

export async function getEndpoint(tx: Tx, workspaceId: string, id: string): Promise<Row> {
  const r = await findFirst(tx, webhookEndpoints, and(eq(webhookEndpoints.id, id), eq(webhookEndpoints.workspaceId, workspaceId)));
  if (!r) throw new NotFound("webhook endpoint");
  return r;
}

export async function listEndpoints(tx: Tx, workspaceId: string): Promise<WebhookEndpoint[]> {
  const rows = await tx.select().from(webhookEndpoints).where(eq(webhookEndpoints.workspaceId, workspaceId)).orderBy(desc(webhookEndpoints.createdAt));
  return rows.map(toEndpoint);
}

export async function updateEndpoint(
  tx: Tx,
  workspaceId: string,
  id: string,
  v: { url?: string; description?: string; event_types?: string[]; status?: "active" | "disabled" },
): Promise<WebhookEndpoint> {
  await getEndpoint(tx, workspaceId, id);
  await checkInput(v.url, v.event_types);
  const [row] = await tx
    .update(webhookEndpoints)
    .set({
      url: v.url,
      description: v.description,
      eventTypes: v.event_types,
      status: v.status,
      updatedAt: new Date(),
      ...(v.status === "active" ? { disabledReason: null, failingSince: null } : v.status === "disabled" ? { disabledReason: "disabled by a member" } : {}),
    })
    .where(eq(webhookEndpoints.id, id))
    .returning();
  await appendDomainEvent(tx, { workspaceId, type: "webhook_endpoint.updated", subjectId: id, payload: { fields: Object.keys(v) } });
  return toEndpoint(row!);
}

export async function deleteEndpoint(tx: Tx, workspaceId: string, id: string): Promise<void> {
  const r = await getEndpoint(tx, workspaceId, id);
  await tx.delete(webhookEndpoints).where(eq(webhookEndpoints.id, id));
  await appendDomainEvent(tx, { workspaceId, type: "webhook_endpoint.deleted", subjectId: id, payload: { url: r.url } });
}

/** New secret; the old one keeps signing (second signature) for ROTATION_OVERLAP_MS. */
export async function rotateSecret(tx: Tx, workspaceId: string, id: string, now = new Date()): Promise<WebhookEndpoint & { secret: string }> {
  const r = await getEndpoint(tx, workspaceId, id);
  const secret = newWebhookSecret();
  const [row] = await tx
    .update(webhookEndpoints)
    .set({
      secretEncrypted: encryptForWorkspace(await dataKey(tx, workspaceId), workspaceId, PURPOSE, secret),
      previousSecretEncrypted: r.secretEncrypted,
      previousSecretExpiresAt: new Date(now.getTime() + ROTATION_OVERLAP_MS),
      updatedAt: now,
    })
    .where(eq(webhookEndpoints.id, id))
    .returning();
  await appendDomainEvent(tx, {
    workspaceId,
    type: "webhook_endpoint.secret_rotated",
    subjectId: id,
    payload: { overlap_until: row!.previousSecretExpiresAt!.toISOString() },
  });
  return { ...toEndpoint(row!), secret };
}

/** The endpoint's deliveries, newest first, each with its attempts. */
export async function listDeliveries(tx: Tx, workspaceId: string, endpointId: string, limit = 50): Promise<WebhookDelivery[]> {
  await getEndpoint(tx, workspaceId, endpointId);
  const rows = await tx
    .select()
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.workspaceId, workspaceId), eq(webhookDeliveries.endpointId, endpointId)))
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(limit);
  const attempts = rows.length
    ? await tx
        .select()
        .from(webhookAttempts)
        .where(
          inArray(
            webhookAttempts.deliveryId,
            rows.map((r) => r.id),
          ),
        )
        .orderBy(webhookAttempts.attempt)
    : [];
  return rows.map((d) => ({
    id: d.id,
    endpoint_id: d.endpointId,
    event_type: d.eventType,
    status: d.status,
    attempt_count: d.attemptCount,
    next_attempt_at: d.nextAttemptAt?.toISOString() ?? null,
    created_at: d.createdAt.toISOString(),
    payload: d.payload,
    attempts: attempts
      .filter((a) => a.deliveryId === d.id)
      .map((a) => ({
        attempt: a.attempt,
        response_status: a.responseStatus,
        latency_ms: a.latencyMs,
        response_excerpt: a.responseExcerpt,
        error: a.error,
        created_at: a.createdAt.toISOString(),
      })),
  }));
}

/** Queues one more attempt of a delivery now (manual redelivery: no automatic retries after it). */
export async function redeliver(tx: Tx, workspaceId: string, deliveryId: string): Promise<void> {
  const d = await findFirst(tx, webhookDeliveries, and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.workspaceId, workspaceId)));
  if (!d) throw new NotFound("webhook delivery");
  await tx.update(webhookDeliveries).set({ status: "pending", nextAttemptAt: new Date() }).where(eq(webhookDeliveries.id, deliveryId));
  await enqueueJob(tx, DELIVER_WEBHOOK_JOB, { workspace_id: workspaceId, delivery_id: deliveryId, manual: true });
  await appendDomainEvent(tx, { workspaceId, type: "webhook_delivery.redelivery_requested", subjectId: deliveryId, payload: { endpoint_id: d.endpointId } });
}
