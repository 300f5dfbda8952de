/**
 * OpenAPI documentation of the integrations routes for developers, tenant servers and providers
 * (routes.ts, routes-public.ts, routes-developer.ts, routes-webhooks.ts); the end user's own
 * routes are in route-docs-client.ts. Routes pass each `RouteDoc` to `describeRoute(...)`.
 */
import {
  authUrlResponseSchema,
  connectExchangeResponseSchema,
  connectSessionSchema,
  customProviderListSchema,
  customProviderSchema,
  endUserIntegrationsSchema,
  endUserPageSchema,
  oauthAppListSchema,
  oauthAppSchema,
  providerListSchema,
  providerWebhookReceiptSchema,
  providerWebhookSchema,
  purposeListSchema,
  purposeSchema,
  userIntegrationsSchema,
  workspaceProvidersSchema,
} from "@nhood/contracts";
import type { RouteDoc } from "../../lib/describe";
import { connection, consentEntry, endUser, endUserPurpose, purpose, slack, AT, EVENT, WS } from "./route-examples";

const developer = "A workspace developer (`owner`, `admin`, `developer`) or an API key with the `integrations` scope.";
const tags = ["integrations"];
const endUserTags = ["end-users"];
const customProvider = {
  key: "custom:acme-crm",
  slug: "acme-crm",
  name: "Acme CRM",
  authorization_url: "https://auth.acme.example/oauth/authorize",
  token_url: "https://auth.acme.example/oauth/token",
  api_base_url: "https://api.acme.example/v2",
  scopes: ["contacts.read"],
  token_endpoint_auth_method: "client_secret_basic",
  created_at: AT,
};
const oauthApp = { provider: "slack", client_id: "1234567890.0987654321", scopes: ["chat:write", "channels:read"], updated_at: AT };
const authUrl = {
  auth_url:
    "https://slack.com/oauth/v2/authorize?response_type=code&client_id=1234567890.0987654321&redirect_uri=https%3A%2F%2Fapp.example.com%2Fapi%2Fv1%2Fintegrations%2Foauth%2Fcallback&scope=chat%3Awrite&state=0b7c3f52-6a1e-4d8b-9c2f-5e4a3b2c1d0e.Q2x1ZXM&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256",
  state: `${WS}.Q2x1ZXM`,
};
const connectSession = {
  token: "ncs_3q2-7wEjf0KvVYc5o5Rrb2lO1m3X9a8Z",
  url: "https://app.example.com/connect?token=ncs_3q2-7wEjf0KvVYc5o5Rrb2lO1m3X9a8Z",
  expires_at: "2026-12-07T10:00:00.000Z",
};

// routes.ts: end users and connect sessions

export const createConnectSession: RouteDoc = {
  summary: "Create a connect session for an end user",
  operationId: "createConnectSession",
  tags: endUserTags,
  security: "api_key",
  description:
    "Your server, with an API key holding the `end_users` scope (a browser session answers 403). Registers the end user by your own id " +
    "(`end_user_id`) when new, and mints a short-lived, single-use connect link for them to open the client portal.",
  responses: { 201: { description: "The connect session", schema: connectSessionSchema, example: connectSession } },
  errors: [400, 401, 403, 429],
  requestExample: { end_user_id: "user_xyz", email: "ada@example.com", name: "Ada Lovelace" },
};

export const exchangeConnectSession: RouteDoc = {
  summary: "Exchange a connect-session token",
  operationId: "exchangeConnectSession",
  tags: endUserTags,
  security: "none",
  description:
    "The client portal, with the token from the connect link: spends the token (once) and answers an end-user access token for the tab " +
    "to send as a Bearer token (no cookie is set). An unknown, used or expired token answers 401.",
  responses: {
    200: {
      description: "The end user's access token",
      schema: connectExchangeResponseSchema,
      example: { access_token: "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJldSJ9.c2ln", expires_in: 900, end_user: endUser },
    },
  },
  errors: [400, 401, 403, 429],
  requestExample: { token: connectSession.token },
};

export const listEndUsers: RouteDoc = {
  summary: "List end users",
  operationId: "listEndUsers",
  tags: endUserTags,
  security: "any",
  description:
    "A workspace developer (`owner`, `admin`, `developer`) or an API key with the `end_users` scope. Answers the workspace's end users, newest first, one keyset page at a time.",
  responses: { 200: { description: "One page of end users", schema: endUserPageSchema, example: { items: [endUser], next_cursor: null } } },
};

export const createEndUserConnectSession: RouteDoc = {
  summary: "Create a connect session for a known end user",
  operationId: "createEndUserConnectSession",
  tags: endUserTags,
  security: "any",
  description:
    'A workspace developer or an API key with the `end_users` scope (the developer portal\'s "open as end user"). Mints a connect link for an end user the workspace already has; an unknown one answers 404.',
  responses: { 201: { description: "The connect session", schema: connectSessionSchema, example: connectSession } },
};

// routes-public.ts: the catalogue, the seed's auth-url, the OAuth callback

export const listProviders: RouteDoc = {
  summary: "List the provider catalogue",
  operationId: "listProviders",
  tags,
  security: "none",
  description: "Anyone. Answers every provider of the catalogue with its authentication kind, scopes or credential fields, and actions.",
  responses: { 200: { description: "The catalogue", schema: providerListSchema, example: { items: [slack] } } },
  errors: [400, 429],
};

export const getProviderLogo: RouteDoc = {
  summary: "Download a provider's logo",
  operationId: "getProviderLogo",
  tags,
  security: "none",
  description: "Anyone. Answers the provider's logo as SVG (24×24 viewBox), cached for a day; an unknown provider answers 404.",
  responses: { 200: { description: "The logo", contentType: "image/svg+xml", example: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">…</svg>' } },
  errors: [400, 404, 429],
};

export const createAuthUrl: RouteDoc = {
  summary: "Start an OAuth connection for an end user",
  operationId: "createAuthUrl",
  tags,
  security: "api_key",
  description:
    "Your server, with an API key holding the `integrations` scope (seed contract). Registers the end user by your id when new and answers the provider's " +
    "authorization URL (OAuth 2 authorization code with PKCE) to send them to. A provider without an OAuth app in the workspace, or a `return_to` outside this site, answers 400.",
  responses: { 200: { description: "The authorization URL and its state", schema: authUrlResponseSchema, example: authUrl } },
  requestExample: { provider: "slack", user_id: "user_xyz", workspace_id: WS, return_to: "/client" },
};

export const completeOAuthCallback: RouteDoc = {
  summary: "Complete an OAuth authorization",
  operationId: "completeOAuthCallback",
  tags,
  security: "none",
  description:
    "The provider, redirecting the end user's browser with `code` and `state` (or `error`). Exchanges the code, stores the connection's tokens encrypted, " +
    "and redirects to the `return_to` of the authorization with `connected=<connection id>`, or with `connect_error=<reason>` when it failed.",
  responses: {
    302: { description: "Back to the app", headers: { Location: "`return_to` with `provider` and `connected` or `connect_error` query parameters" } },
  },
  errors: [400, 429],
};

export const listUserIntegrations: RouteDoc = {
  summary: "List an end user's connections by your user id",
  operationId: "listUserIntegrations",
  tags,
  security: "api_key",
  description:
    "Your server, with an API key holding the `integrations` scope (seed contract). Answers the connections of the end user you registered as `user_id`; an unknown one answers 404.",
  responses: {
    200: { description: "The end user's connections", schema: userIntegrationsSchema, example: { user_id: "user_xyz", integrations: [connection] } },
  },
};

// routes-developer.ts: what the workspace enabled, OAuth apps, custom providers, purposes

export const listWorkspaceProviders: RouteDoc = {
  summary: "List providers with what the workspace enabled",
  operationId: "listWorkspaceProviders",
  tags,
  security: "any",
  description: `${developer} Answers the catalogue with \`enabled\` set (an OAuth provider is enabled once the workspace has its own OAuth app or the platform holds one; API-key providers always are) and, for OAuth providers, \`oauth_app\`: whose app the connect flow uses (\`workspace\` first, else \`platform\`, else null), plus the workspace's custom OAuth 2 providers.`,
  responses: {
    200: { description: "The providers", schema: workspaceProvidersSchema, example: { items: [{ ...slack, enabled: true }], custom: [customProvider] } },
  },
};

export const listOAuthApps: RouteDoc = {
  summary: "List OAuth apps",
  operationId: "listOAuthApps",
  tags,
  security: "any",
  description: `${developer} Answers the workspace's OAuth apps (client ids and scopes; secrets are never shown).`,
  responses: { 200: { description: "The OAuth apps", schema: oauthAppListSchema, example: { items: [oauthApp] } } },
};

export const saveOAuthApp: RouteDoc = {
  summary: "Save an OAuth app",
  operationId: "saveOAuthApp",
  tags,
  security: "any",
  description:
    `${developer} Creates or replaces the workspace's OAuth client for a catalogue or custom provider (the secret is stored encrypted and write-only). ` +
    "A provider that does not use OAuth 2 answers 400.",
  responses: { 200: { description: "The OAuth app", schema: oauthAppSchema, example: oauthApp } },
  requestExample: { client_id: "1234567890.0987654321", client_secret: "8f14e45fceea167a5a36dedd4bea2543", scopes: ["chat:write", "channels:read"] },
};

export const deleteOAuthApp: RouteDoc = {
  summary: "Delete an OAuth app",
  operationId: "deleteOAuthApp",
  tags,
  security: "any",
  description: `${developer} Removes the workspace's OAuth client for the provider; end users can no longer start new connections to it.`,
  responses: { 204: { description: "Deleted" } },
};

export const listCustomProviders: RouteDoc = {
  summary: "List custom providers",
  operationId: "listCustomProviders",
  tags,
  security: "any",
  description: `${developer} Answers the workspace's own OAuth 2 providers.`,
  responses: { 200: { description: "The custom providers", schema: customProviderListSchema, example: { items: [customProvider] } } },
};

export const createCustomProvider: RouteDoc = {
  summary: "Register a custom OAuth 2 provider",
  operationId: "createCustomProvider",
  tags,
  security: "any",
  description:
    `${developer} Registers a provider by its authorization, token and API URLs (each must pass the SSRF guard); it is then used as \`custom:<slug>\`. ` +
    "A blocked URL or a slug already taken answers 400 naming the field.",
  responses: { 201: { description: "The custom provider", schema: customProviderSchema, example: customProvider } },
  requestExample: {
    slug: "acme-crm",
    name: "Acme CRM",
    authorization_url: customProvider.authorization_url,
    token_url: customProvider.token_url,
    api_base_url: customProvider.api_base_url,
    scopes: ["contacts.read"],
  },
};

export const listPurposes: RouteDoc = {
  summary: "List consent purposes",
  operationId: "listPurposes",
  tags,
  security: "any",
  description: `${developer} Answers the purposes end users grant or refuse consent for, with their current notice version.`,
  responses: { 200: { description: "The purposes", schema: purposeListSchema, example: { items: [purpose] } } },
};

export const savePurpose: RouteDoc = {
  summary: "Create or update a consent purpose",
  operationId: "savePurpose",
  tags,
  security: "any",
  description: `${developer} Creates the purpose by \`key\`, or updates it; a changed notice bumps its version (consents keep the version they were given for).`,
  responses: { 200: { description: "The purpose", schema: purposeSchema, example: purpose } },
  requestExample: {
    key: "crm_sync",
    title: "Sync your contacts to our CRM",
    notice: "We copy your contacts to Salesforce to follow up on orders.",
    providers: ["salesforce"],
  },
};

export const getEndUserIntegrations: RouteDoc = {
  summary: "Read an end user's connections and consents",
  operationId: "getEndUserIntegrations",
  tags: endUserTags,
  security: "any",
  description: `${developer} Answers the end user's connections, their consent per purpose and the history of their consent changes; an unknown end user answers 404.`,
  responses: {
    200: {
      description: "The end user's integrations",
      schema: endUserIntegrationsSchema,
      example: { connections: [connection], consents: [endUserPurpose], consent_history: [consentEntry] },
    },
  },
};

// routes-webhooks.ts: incoming provider webhooks

export const saveProviderWebhook: RouteDoc = {
  summary: "Configure a provider's incoming webhooks",
  operationId: "saveProviderWebhook",
  tags,
  security: "any",
  description: `${developer} Stores the provider's signing secret (and Meta's verify token), encrypted, and answers the URL to register at the provider (GitHub, Stripe, Slack or Meta).`,
  responses: {
    200: {
      description: "The URL to register",
      schema: providerWebhookSchema,
      example: { provider: "github", url: `https://app.example.com/api/v1/integrations/webhooks/github/${WS}`, updated_at: AT },
    },
  },
  requestExample: { secret: "It's a Secret to Everybody" },
};

export const receiveProviderWebhook: RouteDoc = {
  summary: "Receive a provider webhook",
  operationId: "receiveProviderWebhook",
  tags,
  security: "none",
  description:
    "The provider. Checks the delivery with the provider's own signature scheme (GitHub and Meta `X-Hub-Signature-256`, Stripe `Stripe-Signature`, Slack `X-Slack-Signature`) " +
    "and records it as the domain event `<provider>.webhook_received`, which workflow event triggers can subscribe to. A missing, wrong or stale signature answers 401; a provider the workspace did not configure answers 404.",
  responses: { 202: { description: "Recorded", schema: providerWebhookReceiptSchema, example: { received: true, event_id: EVENT } } },
  errors: [400, 401, 403, 404, 429],
};

export const verifyMetaWebhook: RouteDoc = {
  summary: "Answer Meta's webhook verification",
  operationId: "verifyProviderMetaWebhook",
  tags,
  security: "none",
  description:
    "Meta, when subscribing the URL: answers `hub.challenge` as plain text when `hub.mode=subscribe` and `hub.verify_token` matches the stored verify token, else 401.",
  responses: { 200: { description: "The challenge, echoed", contentType: "text/plain", example: "1158201444" } },
  errors: [400, 401, 404, 429],
};
