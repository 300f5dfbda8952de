/**
 * `@nhood/sdk`: the typed server SDK for NeighbourHood's public API, for a tenant's backend.
 *
 * ```ts
 * const nh = createNeighbourHood({ apiKey: process.env.NHOOD_API_KEY!, workspaceId, baseUrl: "https://api.example" });
 * const wf = await nh.workflows.create({ name: "Welcome New Customer", trigger: { type: "webhook", path: "/new-customer" }, steps: [...] });
 * await nh.webhooks.trigger("/new-customer", { customer: { email: "a@b.test" } });
 * ```
 * Request types are the `z.input` side and answers the parsed `z.output` side of the same zod
 * contracts the BFF validates with (`@nhood/contracts`, bundled into this package). Every method
 * answers the parsed shape or throws `ApiError` carrying the RFC 9457 problem (status, title,
 * detail and the fields at fault).
 */
import type { z } from "zod";
import { Webhook } from "standardwebhooks";
import {
  notificationPreferencesSchema,
  userPageSchema,
  userRoleListSchema,
  userRoleSchema,
  userSchema,
  userSyncResponseSchema,
  type NotificationPreferences,
  type UserInput,
} from "@nhood/contracts/users";
import {
  acceptedExecutionSchema,
  authUrlResponseSchema,
  connectSessionSchema,
  createWorkspaceResponseSchema,
  executionDetailSchema,
  executionPageSchema,
  ingestBatchResponseSchema,
  ingestedEventSchema,
  ingestLeadResponseSchema,
  problemSchema,
  providerListSchema,
  userIntegrationsSchema,
  webhookEndpointListSchema,
  webhookEndpointWithSecretSchema,
  workflowDetailSchema,
  workflowPageSchema,
  type authUrlRequestSchema,
  type createConnectSessionRequestSchema,
  type createWorkflowSchema,
  type CreateWorkspaceRequest,
  type executionFilterSchema,
  type IngestEventRequest,
  type ingestLeadRequestSchema,
  type webhookEndpointInputSchema,
  type WorkflowDefinitionInput,
} from "@nhood/contracts";
import { ApiError, createApiClient } from "@nhood/contracts/client";

export { ApiError };
export type {
  ConnectSession,
  CreateWorkspaceRequest,
  CreateWorkspaceResponse,
  ExecutionDetail,
  ExecutionSummary,
  IngestedEvent,
  IngestEventRequest,
  Problem,
  ProviderSummary,
  WebhookEndpoint,
  WorkflowDefinitionInput,
  WorkflowDetail,
  WorkflowSummary,
} from "@nhood/contracts";

/** `nh.workflows.create` body: the JSON DSL, plus `draft: true` to keep it unpublished. */
export type CreateWorkflowRequest = z.input<typeof createWorkflowSchema>;
/** `nh.executions.list` filters (all optional). */
export type ExecutionFilter = z.input<typeof executionFilterSchema>;
/** `nh.webhooks.endpoints.create` body. */
export type CreateWebhookEndpointRequest = z.input<typeof webhookEndpointInputSchema>;
/** `nh.integrations.authUrl` body (the workspace comes from the client's options). */
export type AuthUrlRequest = Omit<z.input<typeof authUrlRequestSchema>, "workspace_id">;
/** `nh.connectSessions.create` body. */
export type CreateConnectSessionRequest = z.input<typeof createConnectSessionRequestSchema>;
/** `nh.leads.ingest` body: known fields are normalised, any other field is kept in the lead's raw payload. */
export type IngestLeadRequest = z.input<typeof ingestLeadRequestSchema>;

export interface NeighbourHoodOptions {
  /** the workspace API key, `nhood_sk_live_…` (shown once at sign-up or creation) */
  apiKey?: string;
  /** the workspace id; required for workspace-scoped calls */
  workspaceId?: string;
  /** default http://localhost:8080 */
  baseUrl?: string;
  fetch?: typeof fetch;
}

/** Builds a client bound to one API key and workspace. */
export function createNeighbourHood(options: NeighbourHoodOptions = {}) {
  const baseUrl = (options.baseUrl ?? "http://localhost:8080").replace(/\/$/, "");
  const http = createApiClient({ baseUrl, token: options.apiKey, fetch: options.fetch });
  const { request } = http;
  const ws = () => {
    if (!options.workspaceId) throw new Error("createNeighbourHood({ workspaceId }) is needed for this call");
    return `/api/v1/workspaces/${encodeURIComponent(options.workspaceId)}`;
  };
  const doFetch = options.fetch ?? ((...a: Parameters<typeof fetch>) => fetch(...a));
  /** Reads a non-2xx answer as the RFC 9457 problem it carries. */
  const problemOf = async (res: Response) => {
    const parsed = problemSchema.safeParse(await res.json().catch(() => ({})));
    return new ApiError(res.status, parsed.success ? parsed.data : { type: "about:blank", title: res.statusText || "Request failed", status: res.status });
  };
  const query = (q: Record<string, string | undefined>) => {
    const p = new URLSearchParams(Object.entries(q).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ""));
    return p.size ? `?${p}` : "";
  };

  return {
    workspaces: {
      /** Self-service sign-up: answers `{workspace_id, api_key, webhook_secret}` (shown this once). */
      create: (body: CreateWorkspaceRequest) => request("POST", "/api/v1/workspaces", createWorkspaceResponseSchema, body),
    },
    workflows: {
      list: (cursor?: string) => request("GET", `${ws()}/workflows${query({ cursor })}`, workflowPageSchema),
      /** Creates a workflow from the JSON DSL; live at version 1 unless `draft: true`. */
      create: (definition: CreateWorkflowRequest) => request("POST", `${ws()}/workflows`, workflowDetailSchema, definition),
      get: (id: string) => request("GET", `${ws()}/workflows/${id}`, workflowDetailSchema),
      /** Saves a new draft of the definition; `publish` makes it the live version. */
      update: (id: string, definition: WorkflowDefinitionInput) => request("PUT", `${ws()}/workflows/${id}`, workflowDetailSchema, definition),
      publish: (id: string) => request("POST", `${ws()}/workflows/${id}/publish`, workflowDetailSchema, {}),
      disable: (id: string) => request("POST", `${ws()}/workflows/${id}/disable`, workflowDetailSchema, {}),
      delete: (id: string) => request("DELETE", `${ws()}/workflows/${id}`, null),
    },
    executions: {
      list: (filter: ExecutionFilter = {}) => request("GET", `${ws()}/executions${query(filter)}`, executionPageSchema),
      /** One execution with its step runs (input, output, error, duration of each). */
      get: (id: string) => request("GET", `${ws()}/executions/${id}`, executionDetailSchema),
      cancel: (id: string) => request("POST", `${ws()}/executions/${id}/cancel`, null, {}),
    },
    webhooks: {
      /**
       * Starts the workflow listening on `path` (e.g. "/new-customer") with `payload`; answers the
       * execution id (202). Send the same `idempotencyKey` again and you get the same execution.
       */
      trigger: async (path: string, payload: unknown, opts: { idempotencyKey?: string } = {}) => {
        if (!options.workspaceId) throw new Error("createNeighbourHood({ workspaceId }) is needed for webhooks.trigger");
        const res = await doFetch(`${baseUrl}/webhooks/${options.workspaceId}${path.startsWith("/") ? path : `/${path}`}`, {
          method: "POST",
          headers: { "content-type": "application/json", ...(opts.idempotencyKey ? { "idempotency-key": opts.idempotencyKey } : {}) },
          body: JSON.stringify(payload),
        });
        if (!res.ok) throw await problemOf(res);
        return acceptedExecutionSchema.parse(await res.json());
      },
      endpoints: {
        list: () => request("GET", "/api/v1/webhook-endpoints", webhookEndpointListSchema),
        /** Registers an endpoint; the answer carries its `whsec_` secret, shown this once. */
        create: (body: CreateWebhookEndpointRequest) => request("POST", "/api/v1/webhook-endpoints", webhookEndpointWithSecretSchema, body),
      },
      /**
       * Verifies a delivery NeighbourHood sent you (Standard Webhooks v1: `webhook-id`,
       * `webhook-timestamp`, `webhook-signature`); answers the parsed payload or throws.
       */
      verify: (rawBody: string, headers: Record<string, string>, secret: string): unknown => new Webhook(secret).verify(rawBody, headers),
    },
    integrations: {
      /** An OAuth authorization URL for your end user `user_id` (seed: POST /integrations/auth-url). */
      authUrl: (body: AuthUrlRequest) =>
        request("POST", "/api/v1/integrations/auth-url", authUrlResponseSchema, { ...body, workspace_id: options.workspaceId }),
      /** Your end user's connections (seed: GET /users/{user_id}/integrations). */
      listForUser: (userId: string) => request("GET", `/api/v1/users/${encodeURIComponent(userId)}/integrations`, userIntegrationsSchema),
      /** The provider catalogue: what your end users can connect and which actions workflows can call. */
      providers: () => request("GET", "/api/v1/integrations/providers", providerListSchema),
    },
    connectSessions: {
      /** A single-use link that opens the client portal as your end user `end_user_id`. */
      create: (body: CreateConnectSessionRequest) => request("POST", "/api/v1/connect/sessions", connectSessionSchema, body),
    },
    events: {
      /** Sends one event for notification rules and event triggers; the same `clientEventId` is stored once. */
      send: (event: IngestEventRequest) => request("POST", "/api/v1/events", ingestedEventSchema, event),
      /** Up to 100 events at once. */
      batch: (events: IngestEventRequest[]) => request("POST", "/api/v1/events/batch", ingestBatchResponseSchema, { events }),
      get: (id: string) => request("GET", `/api/v1/events/${id}`, ingestedEventSchema),
    },
    users: {
      /** Registers one of your app users by your `externalUserId` (roles must exist: `roles.create`). */
      create: (user: UserInput) => request("POST", "/api/v1/users", userSchema, user),
      list: (filter: { cursor?: string; role?: string; status?: string } = {}) => request("GET", `/api/v1/users${query(filter)}`, userPageSchema),
      /** `id`: the user's id or your externalUserId. */
      get: (id: string) => request("GET", `/api/v1/users/${encodeURIComponent(id)}`, userSchema),
      update: (id: string, patch: Omit<Partial<UserInput>, "externalUserId">) => request("PUT", `/api/v1/users/${encodeURIComponent(id)}`, userSchema, patch),
      /** Deletes the user by erasing their data (GDPR Art. 17). */
      delete: (id: string) => request("DELETE", `/api/v1/users/${encodeURIComponent(id)}`, null),
      approve: (id: string) => request("POST", `/api/v1/users/${encodeURIComponent(id)}/approve`, userSchema, {}),
      /** Upserts up to 1,000 users; each row is answered on its own (`created`, `updated`, `failed` with the fields at fault). */
      sync: (users: UserInput[]) => request("POST", "/api/v1/users/sync", userSyncResponseSchema, { users }),
      preferences: {
        get: (id: string) => request("GET", `/api/v1/users/${encodeURIComponent(id)}/preferences`, notificationPreferencesSchema),
        set: (id: string, prefs: Partial<NotificationPreferences>) =>
          request("PUT", `/api/v1/users/${encodeURIComponent(id)}/preferences`, notificationPreferencesSchema, prefs),
      },
    },
    roles: {
      list: () => request("GET", "/api/v1/roles", userRoleListSchema),
      create: (role: { key: string; name?: string; description?: string }) => request("POST", "/api/v1/roles", userRoleSchema, role),
      /** `id`: the role's id or key; the key never changes. */
      update: (id: string, patch: { name?: string; description?: string }) => request("PUT", `/api/v1/roles/${encodeURIComponent(id)}`, userRoleSchema, patch),
      delete: (id: string) => request("DELETE", `/api/v1/roles/${encodeURIComponent(id)}`, null),
    },
    leads: {
      /** Sends a lead with a lead-source key (`X-API-Key`), as a web form on your site would. */
      ingest: async (leadSourceKey: string, lead: IngestLeadRequest) => {
        const res = await doFetch(`${baseUrl}/api/v1/leads/ingest`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-api-key": leadSourceKey },
          body: JSON.stringify(lead),
        });
        if (!res.ok) throw await problemOf(res);
        return ingestLeadResponseSchema.parse(await res.json());
      },
    },
  };
}

export type NeighbourHood = ReturnType<typeof createNeighbourHood>;
