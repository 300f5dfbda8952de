/**
 * Notifications context contracts (seed 003): event ingestion, rules, the inbox, sounds, usage
 * against quota, and outgoing webhook endpoints (Standard Webhooks v1).
 */
import { z } from "zod";
import { workspaceRoleSchema } from "./identity";
import { notificationSchema, page } from "./lists";

const eventType = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9_.:-]+$/, "letters, digits and . _ : - only");

/** One event as a tenant server sends it (seed 003 §7.1). `clientEventId` de-duplicates. */
export const ingestEventRequestSchema = z.object({
  type: eventType,
  clientEventId: z.string().trim().min(1).max(255).optional(),
  payload: z.record(z.string(), z.unknown()).default({}),
  timestamp: z.iso.datetime({ offset: true }).optional(),
});
export type IngestEventRequest = z.input<typeof ingestEventRequestSchema>;

export const ingestBatchRequestSchema = z.object({ events: z.array(ingestEventRequestSchema).min(1).max(100) });

export const ingestedEventSchema = z
  .object({
    id: z.uuid(),
    type: z.string(),
    client_event_id: z.string().nullable(),
    source: z.string(),
    payload: z.record(z.string(), z.unknown()),
    status: z.enum(["accepted", "processed"]),
    received_at: z.iso.datetime(),
    processed_at: z.iso.datetime().nullable(),
    matched_rule_ids: z.array(z.uuid()),
    notification_count: z.number().int(),
    /** notifications the matching rules would have created past the plan's monthly notifications quota (not created) */
    suppressed_notification_count: z.number().int().default(0),
    /** sent with a test key (`nhood_sk_test_…`): the workflows it starts run as test executions, in the provider sandbox */
    test: z.boolean().default(false),
    /** true when `clientEventId` was seen before and this is the original event */
    duplicate: z.boolean().optional(),
  })
  .meta({ id: "IngestedEvent" });
export type IngestedEvent = z.infer<typeof ingestedEventSchema>;

export const severities = ["low", "normal", "high", "critical"] as const;
export const ruleChannels = ["email", "push"] as const;

export const ruleInputSchema = z.object({
  name: z.string().trim().min(1).max(255),
  description: z.string().max(2000).default(""),
  /** a CEL expression over `event` ({type, payload, source, timestamp}), e.g. `event.type == "order.completed" && event.payload.amount > 1000` */
  condition: z.string().trim().min(1).max(4000),
  /** the workspace's staff roles whose members it notifies */
  target_roles: z.array(workspaceRoleSchema).default([]),
  /** the workspace's user roles (`/users` roles) whose users it notifies */
  target_user_roles: z
    .array(
      z
        .string()
        .trim()
        .min(1)
        .max(64)
        .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]*$/, "a user role key"),
    )
    .max(50)
    .default([]),
  /** also notify the users the event names: `payload.userId` (or `payload.userIds`), their externalUserId */
  target_event_users: z.boolean().default(false),
  /** evaluation order, lower first */
  priority: z.number().int().min(0).max(10000).default(100),
  severity: z.enum(severities).default("normal"),
  sound_id: z.uuid().nullable().default(null),
  /** `{{event.payload.amount}}` placeholders are filled from the event */
  title_template: z.string().trim().min(1).max(255),
  message_template: z.string().max(4000).default(""),
  channels: z.array(z.enum(ruleChannels)).default([]),
  active: z.boolean().default(true),
});
export type RuleInput = z.input<typeof ruleInputSchema>;

export const ruleSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    description: z.string(),
    condition: z.string(),
    target_roles: z.array(workspaceRoleSchema),
    target_user_roles: z.array(z.string()),
    target_event_users: z.boolean(),
    priority: z.number().int(),
    severity: z.enum(severities),
    sound_id: z.uuid().nullable(),
    title_template: z.string(),
    message_template: z.string(),
    channels: z.array(z.enum(ruleChannels)),
    active: z.boolean(),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: "Rule" });
export type Rule = z.infer<typeof ruleSchema>;

export const ruleTestRequestSchema = z.object({
  event: z.object({ type: eventType, payload: z.record(z.string(), z.unknown()).default({}), source: z.string().max(100).default("api") }),
});
export const ruleTestResultSchema = z
  .object({
    matched: z.boolean(),
    /** why the condition could not be evaluated (a missing field, a type error) */
    error: z.string().nullable(),
    title: z.string().nullable(),
    message: z.string().nullable(),
    recipients: z.number().int(),
  })
  .meta({ id: "RuleTestResult" });
export type RuleTestResult = z.infer<typeof ruleTestResultSchema>;

export const inboxNotificationSchema = z
  .object({
    id: z.uuid(),
    seq: z.number().int(),
    title: z.string(),
    message: z.string(),
    priority: z.enum(severities),
    rule_id: z.uuid().nullable(),
    event_id: z.uuid().nullable(),
    sound_id: z.uuid().nullable(),
    read_at: z.iso.datetime().nullable(),
    acknowledged_at: z.iso.datetime().nullable(),
    archived_at: z.iso.datetime().nullable(),
    created_at: z.iso.datetime(),
  })
  .meta({ id: "InboxNotification" });
export type InboxNotification = z.infer<typeof inboxNotificationSchema>;

export const notificationStatsSchema = z
  .object({
    days: z.array(z.object({ day: z.iso.date(), delivered: z.number().int(), failed: z.number().int(), acknowledged: z.number().int() })),
    unread: z.number().int(),
  })
  .meta({ id: "NotificationStats" });
export type NotificationStats = z.infer<typeof notificationStatsSchema>;

export const soundSchema = z
  .object({ id: z.uuid(), name: z.string(), mime_type: z.string(), size_bytes: z.number().int(), created_at: z.iso.datetime(), url: z.string() })
  .meta({ id: "Sound" });
export type Sound = z.infer<typeof soundSchema>;

const quota = z.number().int().nullable();
export const usageSchema = z
  .object({
    plan: z.object({
      id: z.string(),
      name: z.string(),
      events_per_month: quota,
      notifications_per_month: quota,
      users: quota,
      rules: quota,
      sounds: quota,
      requests_per_hour: quota,
    }),
    period: z.string().describe("the calendar month the counters cover, YYYY-MM (UTC)"),
    reset_at: z.iso.datetime(),
    month: z.object({ events: z.number().int(), notifications: z.number().int() }),
    counts: z.object({ rules: z.number().int(), sounds: z.number().int(), users: z.number().int() }),
    daily: z.array(z.object({ day: z.iso.date(), events: z.number().int(), notifications: z.number().int() })),
  })
  .meta({ id: "Usage" });
export type Usage = z.infer<typeof usageSchema>;

/** Event types an endpoint can subscribe to: seed 003 §13.2 and the platform's own. */
export const webhookEventTypes = [
  "notification.delivered",
  "notification.failed",
  "notification.acknowledged",
  "user.registered",
  "quota.warning",
  "quota.exceeded",
  "event.received",
  "execution.succeeded",
  "execution.failed",
  "lead.created",
  "connection.created",
  "connection.revoked",
  "member.added",
] as const;

export const webhookEndpointInputSchema = z.object({
  url: z.url({ protocol: /^https?$/ }).max(2000),
  description: z.string().max(500).default(""),
  /** empty = every type */
  event_types: z.array(z.string().min(1).max(100)).max(50).default([]),
});
export const webhookEndpointUpdateSchema = webhookEndpointInputSchema.partial().extend({ status: z.enum(["active", "disabled"]).optional() });

export const webhookEndpointSchema = z
  .object({
    id: z.uuid(),
    url: z.string(),
    description: z.string(),
    event_types: z.array(z.string()),
    status: z.enum(["active", "disabled"]),
    disabled_reason: z.string().nullable(),
    previous_secret_expires_at: z.iso.datetime().nullable(),
    created_at: z.iso.datetime(),
  })
  .meta({ id: "WebhookEndpoint" });
export type WebhookEndpoint = z.infer<typeof webhookEndpointSchema>;
/** Shown once, at creation or rotation. */
export const webhookEndpointWithSecretSchema = webhookEndpointSchema.extend({ secret: z.string() }).meta({ id: "WebhookEndpointWithSecret" });

export const webhookAttemptSchema = z.object({
  attempt: z.number().int(),
  response_status: z.number().int().nullable(),
  latency_ms: z.number().int(),
  response_excerpt: z.string().nullable(),
  error: z.string().nullable(),
  created_at: z.iso.datetime(),
});
export const webhookDeliverySchema = z
  .object({
    id: z.uuid(),
    endpoint_id: z.uuid(),
    event_type: z.string(),
    status: z.enum(["pending", "succeeded", "failed"]),
    attempt_count: z.number().int(),
    next_attempt_at: z.iso.datetime().nullable(),
    created_at: z.iso.datetime(),
    payload: z.record(z.string(), z.unknown()),
    attempts: z.array(webhookAttemptSchema),
  })
  .meta({ id: "WebhookDelivery" });
export type WebhookDelivery = z.infer<typeof webhookDeliverySchema>;

/** `POST /events/batch`: each event as stored (or, for a repeated `clientEventId`, the original), with counts. */
export const ingestBatchResponseSchema = z.object({
  items: z.array(ingestedEventSchema),
  accepted: z.number().int().describe("events stored now"),
  duplicates: z.number().int().describe("events whose clientEventId was seen before"),
});

/** `GET /workspaces/{id}/notifications`: one keyset page of the caller's notifications, newest first. */
export const notificationPageSchema = page(notificationSchema);
/** `GET /notifications`: one keyset page of the caller's inbox, newest first. */
export const inboxPageSchema = page(inboxNotificationSchema);
export const unreadCountSchema = z.object({ unread: z.number().int() });

export const ruleListSchema = z.object({ items: z.array(ruleSchema) });
export const soundListSchema = z.object({ items: z.array(soundSchema) });

/** `GET /notifications/push/public-key`: the workspace's VAPID public key (base64url), for `PushManager.subscribe`. */
export const pushPublicKeySchema = z.object({ public_key: z.string() });
export const pushSubscribedSchema = z.object({ status: z.literal("subscribed") });

export const webhookEventTypeListSchema = z.object({ items: z.array(z.enum(webhookEventTypes)) });
export const webhookEndpointListSchema = z.object({ items: z.array(webhookEndpointSchema) });
/** The endpoint's newest 50 deliveries, each with its attempts. */
export const webhookDeliveryListSchema = z.object({ items: z.array(webhookDeliverySchema) });
export const redeliveryQueuedSchema = z.object({ status: z.literal("queued") });
