/**
 * OpenAPI documentation of the outgoing webhook endpoints (webhook-routes.ts, Standard Webhooks v1),
 * on the caller's workspace.
 */
import {
  redeliveryQueuedSchema,
  webhookDeliveryListSchema,
  webhookEndpointListSchema,
  webhookEndpointSchema,
  webhookEndpointWithSecretSchema,
  webhookEventTypeListSchema,
  webhookEventTypes,
} from "@nhood/contracts";
import type { RouteDoc } from "../../lib/describe";

const AT = "2026-12-07T09:30:00.000Z";
const ENDPOINT = "d4e5f6a7-b8c9-4d0e-9f1a-2b3c4d5e6f7a";
const endpoint = {
  id: ENDPOINT,
  url: "https://hooks.example.com/neighbourhood",
  description: "Our CRM",
  event_types: ["execution.failed", "lead.created"],
  status: "active",
  disabled_reason: null,
  previous_secret_expires_at: null,
  created_at: AT,
};
const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

// webhook-routes.ts: outgoing webhook endpoints (Standard Webhooks v1)

const hookTags = ["webhooks"];
const hookOwner = "A workspace developer (`owner`, `admin`, `developer`) of the active workspace, or an API key with the `webhooks` scope.";

export const listWebhookEventTypes: RouteDoc = {
  summary: "List webhook event types",
  operationId: "listWebhookEventTypes",
  tags: hookTags,
  security: "none",
  description: "Anyone. Answers the event types an endpoint can subscribe to.",
  responses: { 200: { description: "The event types", schema: webhookEventTypeListSchema, example: { items: [...webhookEventTypes] } } },
  errors: [400, 429],
};

export const listWebhookEndpoints: RouteDoc = {
  summary: "List webhook endpoints",
  operationId: "listWebhookEndpoints",
  tags: hookTags,
  security: "any",
  description: `${hookOwner} Answers the workspace's endpoints (secrets are never shown again).`,
  responses: { 200: { description: "The endpoints", schema: webhookEndpointListSchema, example: { items: [endpoint] } } },
  errors: [400, 401, 403, 404, 429],
};

export const createWebhookEndpoint: RouteDoc = {
  summary: "Create a webhook endpoint",
  operationId: "createWebhookEndpoint",
  tags: hookTags,
  security: "any",
  description:
    `${hookOwner} Registers a URL to receive signed deliveries (Standard Webhooks v1) of the event types chosen (none = all). ` +
    "Answers the signing secret this once. A URL the SSRF guard refuses or an unknown event type answers 400; a plan without outgoing webhooks answers 403.",
  responses: { 201: { description: "The endpoint with its secret", schema: webhookEndpointWithSecretSchema, example: { ...endpoint, secret } } },
  requestExample: { url: endpoint.url, description: endpoint.description, event_types: endpoint.event_types },
};

export const getWebhookEndpoint: RouteDoc = {
  summary: "Read a webhook endpoint",
  operationId: "getWebhookEndpoint",
  tags: hookTags,
  security: "any",
  description: `${hookOwner} Answers the endpoint; \`disabled_reason\` says why it is disabled (by a member, or after failing for 5 days).`,
  responses: { 200: { description: "The endpoint", schema: webhookEndpointSchema, example: endpoint } },
};

export const updateWebhookEndpoint: RouteDoc = {
  summary: "Update a webhook endpoint",
  operationId: "updateWebhookEndpoint",
  tags: hookTags,
  security: "any",
  description: `${hookOwner} Changes the fields sent: URL, description, event types, or \`status\` to disable or re-enable it. A refused URL or unknown event type answers 400.`,
  responses: { 200: { description: "The endpoint", schema: webhookEndpointSchema, example: { ...endpoint, status: "disabled" } } },
  requestExample: { status: "disabled" },
};

export const deleteWebhookEndpoint: RouteDoc = {
  summary: "Delete a webhook endpoint",
  operationId: "deleteWebhookEndpoint",
  tags: hookTags,
  security: "any",
  description: `${hookOwner} Deletes the endpoint with its delivery log (pending deliveries included).`,
  responses: { 204: { description: "Deleted" } },
};

export const rotateWebhookSecret: RouteDoc = {
  summary: "Rotate a webhook endpoint's secret",
  operationId: "rotateWebhookSecret",
  tags: hookTags,
  security: "any",
  description: `${hookOwner} Answers a new signing secret (shown this once); for 24 hours deliveries carry signatures with both secrets, so receivers can switch without loss.`,
  responses: {
    200: {
      description: "The endpoint with its new secret",
      schema: webhookEndpointWithSecretSchema,
      example: { ...endpoint, previous_secret_expires_at: "2026-12-08T09:30:00.000Z", secret },
    },
  },
};

export const listWebhookDeliveries: RouteDoc = {
  summary: "List an endpoint's deliveries",
  operationId: "listWebhookDeliveries",
  tags: hookTags,
  security: "any",
  description: `${hookOwner} Answers the endpoint's newest 50 deliveries with their payload and every attempt (status, latency, an excerpt of the answer).`,
  responses: {
    200: {
      description: "The deliveries",
      schema: webhookDeliveryListSchema,
      example: {
        items: [
          {
            id: "f6a7b8c9-d0e1-4f2a-9b3c-4d5e6f7a8b9c",
            endpoint_id: ENDPOINT,
            event_type: "execution.failed",
            status: "failed",
            attempt_count: 1,
            next_attempt_at: "2026-12-07T09:31:00.000Z",
            created_at: AT,
            payload: {
              type: "execution.failed",
              timestamp: AT,
              workspace_id: "0b7c3f52-6a1e-4d8b-9c2f-5e4a3b2c1d0e",
              data: { execution_id: "8c9d0e1f-2a3b-4c5d-9e6f-7a8b9c0d1e2f" },
            },
            attempts: [{ attempt: 1, response_status: 503, latency_ms: 212, response_excerpt: "Service Unavailable", error: null, created_at: AT }],
          },
        ],
      },
    },
  },
};

export const redeliverWebhook: RouteDoc = {
  summary: "Redeliver a webhook",
  operationId: "redeliverWebhook",
  tags: hookTags,
  security: "any",
  description: `${hookOwner} Queues one more attempt of the delivery now (no automatic retries after it).`,
  responses: { 202: { description: "Queued", schema: redeliveryQueuedSchema, example: { status: "queued" } } },
};
