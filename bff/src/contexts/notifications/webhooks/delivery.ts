/**
 * Webhook delivery: `fanOutWebhooks` (a domain-event consumer) creates one delivery per matching
 * active endpoint and queues it; `attemptDelivery` (the `webhooks.deliver` job) makes one signed
 * POST through the SSRF guard. Success is a 2xx within 15 s. A failure schedules the next
 * attempt (schedule.ts, `Retry-After` honoured); 410 Gone disables the endpoint at once; an
 * endpoint failing for 5 days without a success is disabled with an inbox notice.
 */
import { webhookDeliveryAttempts } from "../../../lib/metrics";
import { and, eq, sql } from "drizzle-orm";
import type { Database, Tx } from "../../../db/client";
import { withWorkspace } from "../../../db/tenant";
import { addJobSql, enqueueJob } from "../../../kernel/jobs";
import { DELIVER_WEBHOOK_JOB } from "../jobs";
import { guardedFetch, OutboundBlocked } from "../../../lib/outbound";
import { appendDomainEvent, type DomainEvent } from "../../../kernel/events";
import { webhookAttempts, webhookDeliveries, webhookEndpoints } from "../schema";
import { deliverNotifications } from "../inbox";
import { recipientsFor } from "../rules";
import { signingSecrets } from "./endpoints";
import { DISABLE_AFTER_MS, MAX_ATTEMPTS, nextAttemptAt, retryAfterMs } from "./schedule";
import { signWebhookPayload } from "../../../kernel/signing";
import { webhookEventTypes } from "@nhood/contracts";
import { findFirst } from "../../../db/find-first";

export const DELIVERY_TIMEOUT_MS = 15_000;
const PUBLIC_TYPES = new Set<string>(webhookEventTypes);

/**
 * Queues a delivery of one event to every active endpoint of the workspace subscribed to
 * `type` (all types when its filter is empty), in `tx`. `sourceId` makes it idempotent per endpoint.
 */
export async function queueWebhookDeliveries(
  tx: Tx,
  workspaceId: string,
  type: string,
  sourceId: string,
  data: Record<string, unknown>,
  at: Date,
): Promise<number> {
  if (!PUBLIC_TYPES.has(type)) return 0;
  const endpoints = await tx
    .select({ id: webhookEndpoints.id, types: webhookEndpoints.eventTypes })
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.workspaceId, workspaceId), eq(webhookEndpoints.status, "active")));
  let queued = 0;
  for (const ep of endpoints) {
    if (ep.types.length && !ep.types.includes(type)) continue;
    const payload = { type, timestamp: at.toISOString(), workspace_id: workspaceId, data };
    const [d] = await tx
      .insert(webhookDeliveries)
      .values({ workspaceId, endpointId: ep.id, eventType: type, sourceEventId: sourceId, payload, nextAttemptAt: new Date() })
      .onConflictDoNothing()
      .returning({ id: webhookDeliveries.id });
    if (d) {
      await enqueueJob(tx, DELIVER_WEBHOOK_JOB, { workspace_id: workspaceId, delivery_id: d.id });
      queued += 1;
    }
  }
  return queued;
}

/**
 * Queues deliveries of many messages of one `type` to every active endpoint subscribed to it, in
 * one statement whatever their number (a multi-row insert and its jobs): for fan-outs such as one
 * `notification.delivered` per recipient or one `event.received` per event of an evaluation
 * batch. `sourceId` makes each idempotent per endpoint. Answers how many deliveries were queued.
 */
export async function queueWebhookDeliveriesMany(
  tx: Tx,
  workspaceId: string,
  type: string,
  messages: { sourceId: string; data: Record<string, unknown> }[],
  at: Date,
): Promise<number> {
  if (!PUBLIC_TYPES.has(type) || !messages.length) return 0;
  const payloads = messages.map((m) => ({ source_id: m.sourceId, payload: { type, timestamp: at.toISOString(), workspace_id: workspaceId, data: m.data } }));
  const rows = await tx.execute<{ n: number }>(sql`
    with queued as (
      insert into webhook_deliveries (workspace_id, endpoint_id, event_type, source_event_id, payload, next_attempt_at)
      select ${workspaceId}, e.id, ${type}, m.source_id, m.payload, now()
        from webhook_endpoints e
        cross join jsonb_to_recordset(${JSON.stringify(payloads)}::jsonb) as m(source_id uuid, payload jsonb)
       where e.workspace_id = ${workspaceId} and e.status = 'active'
         and (cardinality(e.event_types) = 0 or ${type} = any(e.event_types))
      on conflict (endpoint_id, source_event_id) do nothing
      returning id)
    select count(${addJobSql(DELIVER_WEBHOOK_JOB, sql`json_build_object('workspace_id', ${workspaceId}::text, 'delivery_id', q.id)`, sql`q.id`)})::int as n from queued q`);
  return rows[0]?.n ?? 0;
}

/** Domain events sent to webhook endpoints under the seed's name (seed 003 §13.2): type → public type and data. */
const PUBLIC_NAMES: Record<string, (e: DomainEvent) => { type: string; data: Record<string, unknown> }> = {
  "end_user.created": (e) => {
    const p = e.payload as { external_user_id?: string; roles?: string[]; status?: string; source?: string };
    return {
      type: "user.registered",
      data: {
        user_id: p.external_user_id ?? null,
        id: e.subjectId,
        roles: p.roles ?? [],
        status: p.status ?? "active",
        source: p.source ?? "api",
        registered_at: e.occurredAt.toISOString(),
      },
    };
  },
};

/** Consumer: queues a delivery of a domain event to every subscribed endpoint. */
export async function fanOutWebhooks(tx: Tx, event: DomainEvent): Promise<void> {
  if (!event.workspaceId) return;
  const named = PUBLIC_NAMES[event.type]?.(event);
  if (named) {
    await queueWebhookDeliveries(tx, event.workspaceId, named.type, event.id, named.data, event.occurredAt);
    return;
  }
  await queueWebhookDeliveries(tx, event.workspaceId, event.type, event.id, event.payload as Record<string, unknown>, event.occurredAt);
}

/**
 * `fanOutWebhooks` for a dispatcher's batch (events of one workspace, decision 023): the
 * workspace's active endpoints are read once for the batch, and only an event some endpoint is
 * subscribed to goes on to `fanOutWebhooks` — so a workspace without endpoints costs one
 * statement per batch instead of one per event.
 */
export async function fanOutWebhooksMany(tx: Tx, events: DomainEvent[]): Promise<void> {
  const workspaceId = events[0]?.workspaceId;
  if (!workspaceId) return;
  const endpoints = await tx
    .select({ types: webhookEndpoints.eventTypes })
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.workspaceId, workspaceId), eq(webhookEndpoints.status, "active")));
  if (!endpoints.length) return;
  for (const event of events) {
    if (event.workspaceId !== workspaceId) continue;
    const type = PUBLIC_NAMES[event.type]?.(event)?.type ?? event.type;
    if (!PUBLIC_TYPES.has(type) || !endpoints.some((ep) => !ep.types.length || ep.types.includes(type))) continue;
    await fanOutWebhooks(tx, event);
  }
}

interface AttemptResult {
  status: number | null;
  latencyMs: number;
  excerpt: string | null;
  error: string | null;
  retryAfter: number | null;
}

async function post(url: string, headers: Record<string, string>, body: string): Promise<AttemptResult> {
  const started = performance.now();
  try {
    const res = await guardedFetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": "NeighbourHood-Webhooks/1", ...headers },
      body,
      timeoutMs: DELIVERY_TIMEOUT_MS,
      maxBytes: 2048,
    });
    return {
      status: res.status,
      latencyMs: Math.round(performance.now() - started),
      excerpt: res.body.slice(0, 1000),
      error: null,
      retryAfter: retryAfterMs(res.headers["retry-after"]),
    };
  } catch (e) {
    return {
      status: null,
      latencyMs: Math.round(performance.now() - started),
      excerpt: null,
      error: e instanceof OutboundBlocked ? `refused by the SSRF guard: ${e.message}` : (e as Error).message,
      retryAfter: null,
    };
  }
}

/** One attempt of delivery `deliveryId` (the `webhooks.deliver` job). `manual`: no retries after it. */
export async function attemptDelivery(db: Database, workspaceId: string, deliveryId: string, manual = false): Promise<void> {
  const prepared = await withWorkspace(db, workspaceId, async (tx) => {
    const d = await findFirst(tx, webhookDeliveries, eq(webhookDeliveries.id, deliveryId));
    if (!d || d.status !== "pending") return null;
    const ep = await findFirst(tx, webhookEndpoints, eq(webhookEndpoints.id, d.endpointId));
    if (!ep) return null;
    if (ep.status !== "active") {
      await tx.update(webhookDeliveries).set({ status: "failed", nextAttemptAt: null }).where(eq(webhookDeliveries.id, d.id));
      return null;
    }
    return { d, ep, secrets: await signingSecrets(tx, workspaceId, ep) };
  });
  if (!prepared) return;
  const { d, ep, secrets } = prepared;
  const body = JSON.stringify(d.payload);
  const now = new Date();
  const result = await post(ep.url, signWebhookPayload(secrets, `msg_${d.id.replaceAll("-", "")}`, now, body), body);
  const ok = result.status !== null && result.status >= 200 && result.status < 300;
  webhookDeliveryAttempts.inc({ outcome: ok ? "succeeded" : "failed" });
  await withWorkspace(db, workspaceId, async (tx) => {
    const attempt = d.attemptCount + 1;
    await tx.insert(webhookAttempts).values({
      workspaceId,
      deliveryId: d.id,
      attempt,
      responseStatus: result.status,
      latencyMs: result.latencyMs,
      responseExcerpt: result.excerpt,
      error: result.error,
    });
    if (ok) {
      await tx.update(webhookDeliveries).set({ status: "succeeded", attemptCount: attempt, nextAttemptAt: null }).where(eq(webhookDeliveries.id, d.id));
      await tx.update(webhookEndpoints).set({ failingSince: null }).where(eq(webhookEndpoints.id, ep.id));
      return;
    }
    const gone = result.status === 410;
    const next = gone || manual ? null : nextAttemptAt(attempt, new Date(), result.retryAfter);
    await tx
      .update(webhookDeliveries)
      .set({ status: next ? "pending" : "failed", attemptCount: attempt, nextAttemptAt: next })
      .where(eq(webhookDeliveries.id, d.id));
    if (next) await enqueueJob(tx, DELIVER_WEBHOOK_JOB, { workspace_id: workspaceId, delivery_id: d.id }, { runAt: next });
    await tx
      .update(webhookEndpoints)
      .set({ failingSince: sql`coalesce(${webhookEndpoints.failingSince}, now())` })
      .where(eq(webhookEndpoints.id, ep.id));
    const failingFor = ep.failingSince ? now.getTime() - ep.failingSince.getTime() : 0;
    if (gone || failingFor >= DISABLE_AFTER_MS)
      await disableEndpoint(tx, workspaceId, ep.id, ep.url, gone ? "the receiver answered 410 Gone" : "failing for 5 days without a success");
    if (!next && !gone && attempt >= MAX_ATTEMPTS)
      await appendDomainEvent(tx, { workspaceId, type: "webhook_delivery.exhausted", subjectId: d.id, payload: { endpoint_id: ep.id, attempts: attempt } });
  });
}

async function disableEndpoint(tx: Tx, workspaceId: string, endpointId: string, url: string, reason: string): Promise<void> {
  const changed = await tx
    .update(webhookEndpoints)
    .set({ status: "disabled", disabledReason: reason, updatedAt: new Date() })
    .where(and(eq(webhookEndpoints.id, endpointId), eq(webhookEndpoints.status, "active")))
    .returning({ id: webhookEndpoints.id });
  if (!changed.length) return;
  await appendDomainEvent(tx, { workspaceId, type: "webhook_endpoint.disabled", subjectId: endpointId, payload: { url, reason } });
  const admins = await recipientsFor(tx, workspaceId, ["owner", "admin", "developer"]);
  await deliverNotifications(
    tx,
    workspaceId,
    admins.map((userId) => ({
      userId,
      title: "Webhook endpoint disabled",
      message: `${url} was disabled: ${reason}. Fix the receiver, then enable it again.`,
      priority: "high" as const,
    })),
  );
}
