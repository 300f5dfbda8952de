/** Route docs of the client SDK's routes (client-routes.ts): one signed end user's inbox, preferences and registration. */
import { inboxNotificationSchema, inboxPageSchema, unreadCountSchema } from "@nhood/contracts";
import { notificationPreferencesSchema } from "@nhood/contracts/users";
import { clientBrandingSchema, clientUserSchema, demoInboxSessionSchema } from "@nhood/contracts/client-sdk";
import type { RouteDoc } from "../../lib/describe";

const tags = ["client-sdk"];
const who =
  "The client SDK: `Authorization: Bearer nhood_pk_…` (the workspace's publishable key) with `X-Nhood-Workspace`, `X-Nhood-User` (the externalUserId) and `X-Nhood-User-Hash` (hex HMAC-SHA256 of the externalUserId with the workspace's user-hash secret, computed by your backend). A wrong or missing signature is a 401; any other credential a 403; another workspace's notifications are not found.";
const registered = "The user must be registered (`POST /client/users`, or your server's `POST /users`) and not disabled, else 404.";
const item = {
  id: "5f0c3b1e-8d7a-4c2b-9e61-1a2b3c4d5e6f",
  seq: 42,
  title: "Your order shipped",
  message: "Order ord_1 is on its way.",
  priority: "normal",
  rule_id: "7b1d9e2c-3f4a-4b5c-8d6e-0f1a2b3c4d5e",
  event_id: "9c8b7a6f-5e4d-4c3b-8a29-1f0e9d8c7b6a",
  sound_id: null,
  read_at: null,
  acknowledged_at: null,
  archived_at: null,
  created_at: "2026-12-07T10:00:00.000Z",
};

export const registerClientUser: RouteDoc = {
  summary: "Register me (client SDK)",
  operationId: "registerClientUser",
  tags,
  security: "client",
  description: `${who} Registers the signed user (their externalUserId is the signed one) with e-mail, phone, name, user roles the workspace defined, metadata and push tokens, or, when they exist, updates the fields sent and adds the push tokens; the roles of an existing user change only through your server (\`PUT /users/{id}\`). A new user appends \`user.registered\`. Unknown roles are a 400 naming \`#/roles/<i>\`.`,
  requestExample: { email: "ada@example.com", name: "Ada", roles: ["customer"], pushTokens: [{ platform: "fcm", token: "fcm-registration-token" }] },
  responses: {
    200: { description: "The user existed and was updated", schema: clientUserSchema },
    201: { description: "The user was registered", schema: clientUserSchema },
  },
  errors: [400, 401, 403, 409, 429],
};

export const listClientNotifications: RouteDoc = {
  summary: "List my notifications (client SDK)",
  operationId: "listClientNotifications",
  tags,
  security: "client",
  description: `${who} ${registered} One keyset page of the user's own notifications, newest first; \`filter\` is \`inbox\` (default), \`unread\`, \`archived\` or \`all\`; pass \`next_cursor\` as \`cursor\` for the next page.`,
  responses: { 200: { description: "A page of notifications", schema: inboxPageSchema, example: { items: [item], next_cursor: null } } },
};

export const countClientUnread: RouteDoc = {
  summary: "Count my unread notifications (client SDK)",
  operationId: "countClientUnread",
  tags,
  security: "client",
  description: `${who} ${registered} Unread, unarchived notifications of the user — the badge on \`<Inbox />\`'s bell.`,
  responses: { 200: { description: "The count", schema: unreadCountSchema, example: { unread: 3 } } },
};

export const streamClientNotifications: RouteDoc = {
  summary: "Stream my notifications (client SDK)",
  operationId: "streamClientNotifications",
  tags,
  security: "client",
  description: `${who} ${registered} Server-Sent Events: \`event: ready\` first, then each of the user's new notifications as \`event: notification\` (data: the notification; id: its \`seq\`). Reconnect with \`Last-Event-ID\` to resume exactly after the last one received (no loss, no repeat). Browsers' EventSource cannot send headers: the SDK reads the stream with fetch, and React Native apps inject an EventSource that can.`,
  responses: {
    200: { description: "The event stream", contentType: "text/event-stream", example: `event: notification\ndata: ${JSON.stringify(item)}\nid: 42\n\n` },
  },
};

const mark = (action: "read" | "acknowledge"): RouteDoc => ({
  summary: action === "read" ? "Mark my notification read (client SDK)" : "Acknowledge my notification (client SDK)",
  operationId: action === "read" ? "readClientNotification" : "acknowledgeClientNotification",
  tags,
  security: "client",
  description:
    action === "read"
      ? `${who} ${registered} Marks one of the user's notifications read (idempotent).`
      : `${who} ${registered} Acknowledges one of the user's notifications (implies read; idempotent: the first time stays). The first acknowledgement sends the \`notification.acknowledged\` webhook naming the user by externalUserId.`,
  responses: { 200: { description: "The notification now", schema: inboxNotificationSchema, example: { ...item, read_at: item.created_at } } },
});
export const readClientNotification = mark("read");
export const acknowledgeClientNotification = mark("acknowledge");

export const getClientPreferences: RouteDoc = {
  summary: "Read my notification preferences (client SDK)",
  operationId: "getClientPreferences",
  tags,
  security: "client",
  description: `${who} ${registered} The event types and channels (\`inbox\`, \`email\`, \`push\`) the user muted.`,
  responses: { 200: { description: "The preferences", schema: notificationPreferencesSchema, example: { muted_event_types: [], muted_channels: ["email"] } } },
};

export const setClientPreferences: RouteDoc = {
  summary: "Set my notification preferences (client SDK)",
  operationId: "setClientPreferences",
  tags,
  security: "client",
  description: `${who} ${registered} Replaces the lists sent (\`muted_event_types\`, \`muted_channels\`); rules skip muted event types and channels for this user.`,
  requestExample: { muted_channels: ["email"] },
  responses: { 200: { description: "The preferences now", schema: notificationPreferencesSchema } },
};

export const getClientBranding: RouteDoc = {
  summary: "Read the workspace's branding for the inbox theme (client SDK)",
  operationId: "getClientTheme",
  tags,
  security: "client",
  description: `${who} The workspace's display name, logo and primary colour, which \`<Inbox />\` themes itself with.`,
  responses: {
    200: {
      description: "The branding",
      schema: clientBrandingSchema,
      example: { display_name: "Acme", logo_url: "/brand/acme-logo.svg", primary_color: "#0f766e" },
    },
  },
};

export const getClientSound: RouteDoc = {
  summary: "Download a notification's sound (client SDK)",
  operationId: "getClientSound",
  tags,
  security: "client",
  description: `${who} The workspace's sound file (a notification's \`sound_id\`) with its MIME type, for \`sounds.play\`.`,
  responses: { 200: { description: "The audio file", contentType: "audio/*" } },
};

export const createDemoInboxSession: RouteDoc = {
  summary: "Sign a demo user for the example inbox",
  operationId: "createDemoInboxSession",
  tags,
  security: "none",
  description:
    "Only for the demo workspace (its seeded publishable key; 404 when there is none): answers what a tenant's backend would hand its app — the workspace id, the publishable key and `user_hash` for the given externalUserId — plus the user role the demo rule notifies. The example page `/examples/inbox` calls it; a real app computes the hash on its own backend and never exposes the secret.",
  requestExample: { externalUserId: "demo_ada" },
  responses: {
    200: {
      description: "The demo session",
      schema: demoInboxSessionSchema,
      example: {
        workspace_id: "0b4c2a52-6f0e-4a43-9a55-1b2f0d2c9e11",
        publishable_key: "nhood_pk_3q9V1xZcK7mWbT4rYpL2sD8f",
        external_user_id: "demo_ada",
        user_hash: "4e8845b914f16f07c54eecdeaba173c20bc2ee73b631c8fe5c84636b61fa60ce",
        role: "inbox_demo",
      },
    },
  },
  errors: [400, 404, 429],
};
