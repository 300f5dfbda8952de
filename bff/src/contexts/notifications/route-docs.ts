/**
 * OpenAPI documentation of the notification routes (routes.ts, event-, push- and usage-routes.ts;
 * rules and sounds: route-docs-rules.ts; webhook endpoints: route-docs-webhooks.ts). Seed 003 routes act on the caller's workspace: an API key's own,
 * or a signed-in member's active one. Routes pass each `RouteDoc` to `describeRoute(...)`.
 */
import {
  inboxNotificationSchema,
  inboxPageSchema,
  ingestBatchResponseSchema,
  ingestedEventSchema,
  notificationPageSchema,
  notificationStatsSchema,
  pushPublicKeySchema,
  pushSubscribedSchema,
  unreadCountSchema,
  usageSchema,
} from "@nhood/contracts";
import type { RouteDoc } from "../../lib/describe";

const AT = "2026-12-07T09:30:00.000Z";
const EVENT = "6e7f8a9b-0c1d-4e2f-9a3b-4c5d6e7f8a9b";
const RULE = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";
const SOUND = "c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f";

const member = "A signed-in member of the active workspace (any role)";
const memberOrKey = `${member}, or an API key with the \`events\` scope (it sees every member's notifications).`;
const notification = {
  id: "e5f6a7b8-c9d0-4e1f-8a2b-3c4d5e6f7a8b",
  seq: 42,
  title: "Order over 1000: #1042",
  message: "Ada Lovelace ordered for 1250 EUR.",
  priority: "high",
  rule_id: RULE,
  event_id: EVENT,
  sound_id: SOUND,
  read_at: null,
  acknowledged_at: null,
  archived_at: null,
  created_at: AT,
};
const event = {
  id: EVENT,
  type: "order.completed",
  client_event_id: "order-1042",
  source: "api",
  payload: { order_id: "1042", amount: 1250, currency: "EUR" },
  status: "accepted",
  received_at: AT,
  processed_at: null,
  matched_rule_ids: [],
  notification_count: 0,
  suppressed_notification_count: 0,
  test: false,
  duplicate: false,
};
const { duplicate: _duplicate, ...stored } = event;

const inboxTags = ["notifications"];

// routes.ts: the inbox

export const listWorkspaceNotifications: RouteDoc = {
  summary: "List my notifications in a workspace",
  operationId: "listWorkspaceNotifications",
  tags: inboxTags,
  security: "session",
  description: `${member} of the workspace in the path. Answers their notifications (archived ones included), newest first, one keyset page at a time.`,
  responses: {
    200: {
      description: "One page of notifications",
      schema: notificationPageSchema,
      example: {
        items: [
          {
            id: notification.id,
            title: notification.title,
            message: notification.message,
            priority: "high",
            read_at: null,
            acknowledged_at: null,
            created_at: AT,
          },
        ],
        next_cursor: null,
      },
    },
  },
};

export const listInbox: RouteDoc = {
  summary: "List my inbox",
  operationId: "listInbox",
  tags: inboxTags,
  security: "any",
  description: `${memberOrKey} Answers the notifications for \`filter\` (\`inbox\`: not archived, \`unread\`, \`archived\`, \`all\`), newest first, one keyset page at a time.`,
  responses: { 200: { description: "One page of notifications", schema: inboxPageSchema, example: { items: [notification], next_cursor: null } } },
};

export const countUnread: RouteDoc = {
  summary: "Count my unread notifications",
  operationId: "countUnreadNotifications",
  tags: inboxTags,
  security: "any",
  description: `${memberOrKey} Answers how many notifications are unread and not archived.`,
  responses: { 200: { description: "The unread count", schema: unreadCountSchema, example: { unread: 3 } } },
  errors: [400, 401, 403, 404, 429],
};

export const notificationStats: RouteDoc = {
  summary: "Read notification statistics",
  operationId: "getNotificationStats",
  tags: inboxTags,
  security: "any",
  description: `${memberOrKey} Answers the workspace's deliveries (delivered, failed) and acknowledgements per UTC day over the last 30 days, and the caller's unread count.`,
  responses: {
    200: {
      description: "The statistics",
      schema: notificationStatsSchema,
      example: { days: [{ day: "2026-12-07", delivered: 12, failed: 1, acknowledged: 9 }], unread: 3 },
    },
  },
  errors: [400, 401, 403, 404, 429],
};

export const streamNotifications: RouteDoc = {
  summary: "Stream my notifications",
  operationId: "streamNotifications",
  tags: inboxTags,
  security: "any",
  description:
    `${memberOrKey} Server-Sent Events: each new notification is an \`event: notification\` whose \`data\` is the notification (as \`GET /notifications/{id}\` answers it) and whose \`id\` is its \`seq\`. ` +
    "Reconnect with `Last-Event-ID` (or `?last_event_id=`) to resume exactly after the last one received.",
  responses: {
    200: {
      description: "The event stream",
      contentType: "text/event-stream",
      example: `event: notification\ndata: ${JSON.stringify(notification)}\nid: 42\n\n`,
    },
  },
};

export const getNotification: RouteDoc = {
  summary: "Read a notification",
  operationId: "getNotification",
  tags: inboxTags,
  security: "any",
  description: `${memberOrKey} Answers one of the caller's notifications; another member's answers 404.`,
  responses: { 200: { description: "The notification", schema: inboxNotificationSchema, example: notification } },
};

const marks = {
  read: {
    summary: "Mark a notification read",
    operationId: "markNotificationRead",
    does: "Marks it read (the first time is kept).",
    example: { ...notification, read_at: AT },
  },
  acknowledge: {
    summary: "Acknowledge a notification",
    operationId: "acknowledgeNotification",
    does: "Acknowledges it (and marks it read); the first acknowledgement emits `notification.acknowledged`, a second one changes nothing.",
    example: { ...notification, read_at: AT, acknowledged_at: AT },
  },
  archive: {
    summary: "Archive a notification",
    operationId: "archiveNotification",
    does: "Moves it out of the inbox (and marks it read).",
    example: { ...notification, read_at: AT, archived_at: AT },
  },
  unarchive: {
    summary: "Unarchive a notification",
    operationId: "unarchiveNotification",
    does: "Moves it back to the inbox.",
    example: { ...notification, read_at: AT },
  },
};
const markDoc = (m: (typeof marks)[keyof typeof marks]): RouteDoc => ({
  summary: m.summary,
  operationId: m.operationId,
  tags: inboxTags,
  security: "any",
  description: `${memberOrKey} ${m.does} Another member's notification answers 404.`,
  responses: { 200: { description: "The notification", schema: inboxNotificationSchema, example: m.example } },
});
/** `PUT /notifications/{id}/{read|acknowledge|archive|unarchive}` (seed 003 §5.6). */
export const markNotification: Record<keyof typeof marks, RouteDoc> = {
  read: markDoc(marks.read),
  acknowledge: markDoc(marks.acknowledge),
  archive: markDoc(marks.archive),
  unarchive: markDoc(marks.unarchive),
};

// event-routes.ts

const developerOrKey = "A workspace developer (`owner`, `admin`, `developer`) of the active workspace, or an API key with the `events` scope.";

export const ingestEvent: RouteDoc = {
  summary: "Send an event",
  operationId: "ingestEvent",
  tags: ["events"],
  security: "any",
  description:
    `${developerOrKey} Stores the event and answers 202 before the rules are evaluated (in a moment, in the background). ` +
    "A `clientEventId` seen before answers 200 with the original event and `duplicate: true`. Past the plan's monthly events quota it answers 429 with `Retry-After`. " +
    'In the same pass the event starts every active workflow whose trigger is `{type: "event", event: <this type>}` and whose optional `filter` (CEL over `payload` and `event`) holds, ' +
    "once per event (a repeated `clientEventId` starts nothing more); the run's trigger payload is the event's `payload` plus `event: {id, type, source, client_event_id, subject_id, timestamp}`. " +
    "An event sent with a test key (`nhood_sk_test_…`) is marked `test` and starts test executions (provider calls go to the sandbox); a live key's event starts live ones unless the workspace is in test mode.",
  responses: {
    202: { description: "Accepted; evaluation follows", schema: ingestedEventSchema, example: event },
    200: {
      description: "A repeated `clientEventId`: the original event",
      schema: ingestedEventSchema,
      example: { ...event, status: "processed", processed_at: AT, matched_rule_ids: [RULE], notification_count: 2, duplicate: true },
    },
  },
  requestExample: { type: "order.completed", clientEventId: "order-1042", payload: { order_id: "1042", amount: 1250, currency: "EUR" } },
};

export const ingestEventBatch: RouteDoc = {
  summary: "Send up to 100 events",
  operationId: "ingestEventBatch",
  tags: ["events"],
  security: "any",
  description: `${developerOrKey} Stores the events in one transaction (all or none) and answers each as \`POST /events\` would, with counts of accepted and duplicate events (each new event starts its event-triggered workflows as with \`POST /events\`). Past the monthly events quota it answers 429.`,
  responses: {
    202: { description: "Accepted; evaluation follows", schema: ingestBatchResponseSchema, example: { items: [event], accepted: 1, duplicates: 0 } },
  },
  requestExample: { events: [{ type: "order.completed", clientEventId: "order-1042", payload: { amount: 1250 } }] },
};

export const getEvent: RouteDoc = {
  summary: "Read an event",
  operationId: "getEvent",
  tags: ["events"],
  security: "any",
  description: `${developerOrKey} Answers the event with its evaluation outcome: the rules it matched and the notifications created (or suppressed past the quota).`,
  responses: {
    200: {
      description: "The event",
      schema: ingestedEventSchema,
      example: { ...stored, status: "processed", processed_at: AT, matched_rule_ids: [RULE], notification_count: 2 },
    },
  },
};

// push-routes.ts

const pushMember = `${member}; API keys are refused.`;

export const getPushPublicKey: RouteDoc = {
  summary: "Read the Web Push public key",
  operationId: "getPushPublicKey",
  tags: inboxTags,
  security: "session",
  description: `${pushMember} Answers the workspace's VAPID public key (base64url), the \`applicationServerKey\` for \`PushManager.subscribe\`.`,
  responses: {
    200: {
      description: "The public key",
      schema: pushPublicKeySchema,
      example: { public_key: "BEl62iUYgUivxIkv69yViEuiBIa-Ib9-SkvMeAtA3LFgDzkrxZJjSgSnfckjBJuBkr3qBUYIHBQFLXYp5Nksh8U" },
    },
  },
  errors: [400, 401, 403, 404, 429],
};

export const subscribePush: RouteDoc = {
  summary: "Subscribe a browser to Web Push",
  operationId: "subscribePush",
  tags: inboxTags,
  security: "session",
  description: `${pushMember} Saves (or refreshes) the browser's push subscription for the member; notifications of rules with the \`push\` channel are then sent to it. An endpoint the outbound guard refuses answers 400.`,
  responses: { 201: { description: "Subscribed", schema: pushSubscribedSchema, example: { status: "subscribed" } } },
  requestExample: {
    endpoint: "https://fcm.googleapis.com/fcm/send/dGhpcyBpcyBhbiBleGFtcGxl",
    keys: { p256dh: "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM", auth: "tBHItJI5svbpez7KI4CCXg" },
  },
};

export const unsubscribePush: RouteDoc = {
  summary: "Unsubscribe a browser from Web Push",
  operationId: "unsubscribePush",
  tags: inboxTags,
  security: "session",
  description: `${pushMember} Removes the member's subscription with this endpoint (nothing happens when there is none).`,
  responses: { 204: { description: "Unsubscribed" } },
};

// usage-routes.ts

export const getUsage: RouteDoc = {
  summary: "Read usage against the plan's quotas",
  operationId: "getUsage",
  tags: ["usage"],
  security: "any",
  description:
    `${member}, or an API key with the \`events\` scope. Answers the plan's limits (null = unlimited), this month's events and notifications, ` +
    "the current counts of rules, sounds and members, and the last 30 days (UTC). Events still waiting for evaluation count already.",
  responses: {
    200: {
      description: "The usage",
      schema: usageSchema,
      example: {
        plan: { id: "pro", name: "Pro", events_per_month: 100000, notifications_per_month: 50000, users: 25, rules: 100, sounds: 20, requests_per_hour: 10000 },
        period: "2026-12",
        reset_at: "2027-01-01T00:00:00.000Z",
        month: { events: 1830, notifications: 412 },
        counts: { rules: 6, sounds: 2, users: 9 },
        daily: [{ day: "2026-12-07", events: 120, notifications: 31 }],
      },
    },
  },
  errors: [400, 401, 403, 404, 429],
};
