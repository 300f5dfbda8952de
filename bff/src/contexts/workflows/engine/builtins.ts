/**
 * Built-in actions that need no third-party account: `core.transform` (its rendered config is
 * its output: build an object from expressions; pure, so the engine runs it inline), `core.delay` (waits `ms`, at most 60 s,
 * aborted by cancellation or the step timeout), `core.webhook_send` (a Standard Webhooks v1
 * signed POST with the workspace's webhook secret) and `core.notify` (inbox notifications for
 * the workspace's members holding `target_roles`, through the notifications context).
 */
import { z } from "zod";
import { and, eq } from "drizzle-orm";
import { workspaceRoleSchema } from "@nhood/contracts";
import { withWorkspace } from "../../../db/tenant";
import { guardedFetch, OutboundBlocked } from "../../../lib/outbound";
import { ActionFailed, findAction, registerAction } from "../../integrations";
import { appDatabase } from "../../../kernel/app-database";
import { deliverNotifications } from "../../notifications";
import { recipientsFor } from "../../notifications";
import { signWebhookPayload } from "../../../kernel/signing";
import { appendDomainEvent } from "../../../kernel/events";
import { domainEvents } from "../../../kernel/schema";
import { workspaceWebhookSecret } from "../../tenancy";
import { lockFor } from "../../../kernel/locks";

if (!findAction("core", "transform")) {
  registerAction({
    provider: "core",
    action: "transform",
    title: "Transform data",
    pure: true,
    input: z.record(z.string(), z.unknown()),
    run: async (input) => ({ output: input }),
  });
}

if (!findAction("core", "delay")) {
  registerAction({
    provider: "core",
    action: "delay",
    title: "Wait",
    input: z.object({ ms: z.number().int().min(0).max(60_000) }),
    run: (input, ctx) =>
      new Promise((resolve, reject) => {
        const { ms } = input as { ms: number };
        const t = setTimeout(() => resolve({ output: { waited_ms: ms } }), ms);
        ctx.signal.addEventListener(
          "abort",
          () => {
            clearTimeout(t);
            reject(ctx.signal.reason);
          },
          { once: true },
        );
      }),
  });
}

/** Response bytes a `core.webhook_send` output keeps. */
export const WEBHOOK_SEND_RESPONSE_BYTES = 8 * 1024;

const webhookSendInput = z.object({
  url: z.string().min(1).max(2048),
  event_type: z.string().min(1).max(200).optional(),
  payload: z.record(z.string(), z.unknown()),
  headers: z.record(z.string(), z.string()).default({}),
});

if (!findAction("core", "webhook_send")) {
  /**
   * POSTs `payload` (or, with `event_type`, the Standard Webhooks envelope
   * `{type, timestamp, data: payload}`) as JSON, signed per Standard Webhooks v1 with the
   * workspace's secret. `webhook-id` is the step's idempotency key, the same for every attempt,
   * so receivers recognise a retried delivery. 2xx → `{status, response_body}` (body cut at
   * 8 KiB); 429, 5xx and network errors are retryable; other 4xx and SSRF refusals are not.
   */
  registerAction({
    provider: "core",
    action: "webhook_send",
    title: "Send a signed webhook",
    input: webhookSendInput,
    run: async (i: z.infer<typeof webhookSendInput>, ctx) => {
      const secret = await withWorkspace(appDatabase(), ctx.workspaceId, (tx) => workspaceWebhookSecret(tx, ctx.workspaceId));
      const now = new Date();
      const body = JSON.stringify(i.event_type ? { type: i.event_type, timestamp: now.toISOString(), data: i.payload } : i.payload);
      const headers = {
        ...i.headers,
        "content-type": "application/json",
        "user-agent": "NeighbourHood-Workflows/1",
        ...signWebhookPayload([secret], ctx.idempotencyKey, now, body),
      };
      let res;
      try {
        // no own timeout: the step's signal carries its timeout and cancellation
        res = await guardedFetch(i.url, { method: "POST", headers, body, signal: ctx.signal, timeoutMs: 24 * 3600_000, maxBytes: WEBHOOK_SEND_RESPONSE_BYTES });
      } catch (e) {
        if (e instanceof OutboundBlocked) throw new ActionFailed(e.message, false);
        if (ctx.signal.aborted) throw ctx.signal.reason;
        throw new ActionFailed(`network error: ${(e as Error).message}`, true);
      }
      if (res.status < 200 || res.status >= 300)
        throw new ActionFailed(`the receiver answered ${res.status}`, res.status === 429 || res.status >= 500, res.status);
      return { output: { status: res.status, response_body: res.body } };
    },
  });
}

const notifyInput = z.object({
  title: z.string().min(1).max(255),
  message: z.string().max(10_000),
  target_roles: z.array(workspaceRoleSchema).min(1).default(["owner", "admin", "developer"]),
  priority: z.enum(["low", "normal", "high", "critical"]).default("normal"),
});

if (!findAction("core", "notify")) {
  /**
   * Inbox notifications (delivered in real time over the inbox stream) for every member holding
   * one of `target_roles`, through the notifications context's `recipientsFor` and
   * `deliverNotifications`. Exactly once per step: the `workflow.notified` domain event, keyed by
   * the step's idempotency key and written in the same transaction, marks a step that already
   * notified, so a repeated attempt answers the first count instead of notifying again.
   */
  registerAction({
    provider: "core",
    action: "notify",
    title: "Notify workspace members",
    input: notifyInput,
    run: async (i: z.infer<typeof notifyInput>, ctx) => {
      const count = await withWorkspace(appDatabase(), ctx.workspaceId, async (tx) => {
        await lockFor(tx, `notify:${ctx.idempotencyKey}`);
        const [done] = await tx
          .select({ payload: domainEvents.payload })
          .from(domainEvents)
          .where(and(eq(domainEvents.workspaceId, ctx.workspaceId), eq(domainEvents.type, "workflow.notified"), eq(domainEvents.subjectId, ctx.idempotencyKey)))
          .limit(1);
        if (done) return (done.payload as { notification_count: number }).notification_count;
        const users = await recipientsFor(tx, ctx.workspaceId, i.target_roles);
        const rows = await deliverNotifications(
          tx,
          ctx.workspaceId,
          users.map((userId) => ({ userId, title: i.title, message: i.message, priority: i.priority })),
        );
        await appendDomainEvent(tx, {
          workspaceId: ctx.workspaceId,
          type: "workflow.notified",
          subjectId: ctx.idempotencyKey,
          payload: { notification_count: rows.length, target_roles: i.target_roles, priority: i.priority },
        });
        return rows.length;
      });
      return { output: { notification_count: count } };
    },
  });
}

export const BUILTIN_PROVIDERS = new Set(["core"]);
