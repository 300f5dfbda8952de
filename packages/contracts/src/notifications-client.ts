/**
 * The notifications method group of the typed client (client.ts mounts it as `api.notify`):
 * events, rules, the inbox, sounds, usage and outgoing webhook endpoints. Routes act on the
 * caller's workspace (the API key's, or the session's active workspace).
 */
import {
  inboxNotificationSchema,
  inboxPageSchema,
  ingestedEventSchema,
  notificationStatsSchema,
  pushPublicKeySchema,
  pushSubscribedSchema,
  redeliveryQueuedSchema,
  ruleListSchema,
  ruleSchema,
  ruleTestResultSchema,
  soundListSchema,
  unreadCountSchema,
  usageSchema,
  webhookDeliveryListSchema,
  webhookEndpointListSchema,
  webhookEndpointSchema,
  webhookEndpointWithSecretSchema,
  webhookEventTypeListSchema,
  type IngestEventRequest,
  type RuleInput,
} from "./notifications";
import type { RequestFn } from "./crm-client";

const v1 = "/api/v1";

export function notificationsMethods(request: RequestFn) {
  return {
    sendEvent: (b: IngestEventRequest) => request("POST", `${v1}/events`, ingestedEventSchema, b),
    event: (id: string) => request("GET", `${v1}/events/${id}`, ingestedEventSchema),
    inbox: (filter: "inbox" | "unread" | "archived" | "all" = "inbox", cursor?: string | null) =>
      request("GET", `${v1}/notifications?filter=${filter}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`, inboxPageSchema),
    unreadCount: () => request("GET", `${v1}/notifications/unread-count`, unreadCountSchema),
    stats: () => request("GET", `${v1}/notifications/stats`, notificationStatsSchema),
    mark: (id: string, action: "read" | "acknowledge" | "archive" | "unarchive") =>
      request("PUT", `${v1}/notifications/${id}/${action}`, inboxNotificationSchema, {}),
    /** the SSE stream's URL (same origin; the session cookie authenticates the EventSource) */
    streamUrl: (lastEventId?: number | null) => `${v1}/notifications/stream${lastEventId ? `?last_event_id=${lastEventId}` : ""}`,
    rules: {
      list: () => request("GET", `${v1}/rules`, ruleListSchema),
      create: (b: RuleInput) => request("POST", `${v1}/rules`, ruleSchema, b),
      update: (id: string, b: Partial<RuleInput>) => request("PUT", `${v1}/rules/${id}`, ruleSchema, b),
      remove: (id: string) => request("DELETE", `${v1}/rules/${id}`, null),
      test: (id: string, event: { type: string; payload: Record<string, unknown> }) =>
        request("POST", `${v1}/rules/${id}/test`, ruleTestResultSchema, { event }),
    },
    sounds: {
      list: () => request("GET", `${v1}/sounds`, soundListSchema),
      remove: (id: string) => request("DELETE", `${v1}/sounds/${id}`, null),
      uploadUrl: `${v1}/sounds`,
    },
    usage: () => request("GET", `${v1}/projects/me/usage`, usageSchema),
    push: {
      publicKey: () => request("GET", `${v1}/notifications/push/public-key`, pushPublicKeySchema),
      subscribe: (b: { endpoint: string; keys: { p256dh: string; auth: string } }) =>
        request("POST", `${v1}/notifications/push/subscriptions`, pushSubscribedSchema, b),
      unsubscribe: (endpoint: string) => request("DELETE", `${v1}/notifications/push/subscriptions`, null, { endpoint }),
    },
    webhooks: {
      eventTypes: () => request("GET", `${v1}/webhook-event-types`, webhookEventTypeListSchema),
      list: () => request("GET", `${v1}/webhook-endpoints`, webhookEndpointListSchema),
      create: (b: { url: string; description?: string; event_types?: string[] }) =>
        request("POST", `${v1}/webhook-endpoints`, webhookEndpointWithSecretSchema, b),
      update: (id: string, b: { url?: string; description?: string; event_types?: string[]; status?: "active" | "disabled" }) =>
        request("PATCH", `${v1}/webhook-endpoints/${id}`, webhookEndpointSchema, b),
      remove: (id: string) => request("DELETE", `${v1}/webhook-endpoints/${id}`, null),
      rotate: (id: string) => request("POST", `${v1}/webhook-endpoints/${id}/rotate-secret`, webhookEndpointWithSecretSchema, {}),
      deliveries: (id: string) => request("GET", `${v1}/webhook-endpoints/${id}/deliveries`, webhookDeliveryListSchema),
      redeliver: (deliveryId: string) => request("POST", `${v1}/webhook-deliveries/${deliveryId}/redeliver`, redeliveryQueuedSchema, {}),
    },
  };
}
