/**
 * OpenAPI documentation of the end user's own routes (client portal: routes-client.ts and the
 * `/client/*` routes of routes.ts). The caller is an end user with the access token a connect
 * session was exchanged for; anyone else answers 401 (no token) or 403.
 */
import {
  authUrlResponseSchema,
  brandingSchema,
  connectionDetailListSchema,
  connectionDetailSchema,
  consentChangeSchema,
  consentHistorySchema,
  consentListSchema,
  endUserDataExportSchema,
  endUserPurposeListSchema,
  erasureRequestSchema,
  workspaceProvidersSchema,
} from "@nhood/contracts";
import type { RouteDoc } from "../../lib/describe";
import { connection, consentEntry, endUser, endUserPurpose, slack, AT, WS } from "./route-examples";

const endUserOnly = "The signed-in end user (client portal, with the token from a connect session).";
const tags = ["client"];
const errors = [400, 401, 403, 429];
const inputErrors = [400, 401, 403, 429];

export const listClientConnections: RouteDoc = {
  summary: "List my connections",
  operationId: "listClientConnections",
  tags,
  security: "session",
  errors,
  description: `${endUserOnly} Answers the end user's connections, newest first, including revoked ones.`,
  responses: { 200: { description: "The connections", schema: connectionDetailListSchema, example: { items: [connection] } } },
};

export const listClientConnectionDetails: RouteDoc = {
  summary: "List my connections with their details",
  operationId: "listClientConnectionDetails",
  tags,
  security: "session",
  errors,
  description: `${endUserOnly} Answers the end user's connections, newest first, with expiry, last refresh, last error and provider config (never tokens).`,
  responses: { 200: { description: "The connections", schema: connectionDetailListSchema, example: { items: [connection] } } },
};

export const listClientConsents: RouteDoc = {
  summary: "List my consents",
  operationId: "listClientConsents",
  tags,
  security: "session",
  errors,
  description: `${endUserOnly} Answers the consents the end user gave or refused, one per purpose, with the notice they saw.`,
  responses: {
    200: {
      description: "The consents",
      schema: consentListSchema,
      example: {
        items: [
          {
            id: "4e5f6a7b-8c9d-4e0f-8a1b-2c3d4e5f6a7b",
            purpose: "crm_sync",
            description: "We copy your contacts to Salesforce to follow up on orders.",
            granted: true,
            updated_at: AT,
          },
        ],
      },
    },
  },
};

export const getClientBranding: RouteDoc = {
  summary: "Read the workspace's branding",
  operationId: "getClientBranding",
  tags,
  security: "session",
  errors,
  description: `${endUserOnly} Answers the branding of the end user's workspace (name, logo, colour) for the client portal.`,
  responses: {
    200: {
      description: "The branding",
      schema: brandingSchema,
      example: { display_name: "Acme", logo_url: null, primary_color: "#4f46e5", custom_domain: null },
    },
  },
};

export const listClientProviders: RouteDoc = {
  summary: "List the providers I can connect",
  operationId: "listClientProviders",
  tags,
  security: "session",
  errors,
  description: `${endUserOnly} Answers the providers the workspace enabled: API-key providers, OAuth providers with an OAuth app, and custom providers with an OAuth app.`,
  responses: { 200: { description: "The providers", schema: workspaceProvidersSchema, example: { items: [slack], custom: [] } } },
};

export const createClientAuthUrl: RouteDoc = {
  summary: "Start an OAuth connection",
  operationId: "createClientAuthUrl",
  tags,
  security: "session",
  errors: inputErrors,
  description:
    `${endUserOnly} Answers the provider's authorization URL (OAuth 2 authorization code with PKCE) to open; the provider redirects back to the OAuth callback. ` +
    "A provider without an OAuth app, or a `return_to` outside this site, answers 400.",
  responses: {
    200: {
      description: "The authorization URL and its state",
      schema: authUrlResponseSchema,
      example: {
        auth_url: "https://slack.com/oauth/v2/authorize?response_type=code&client_id=1234567890.0987654321&state=…&code_challenge=…&code_challenge_method=S256",
        state: `${WS}.Q2x1ZXM`,
      },
    },
  },
  requestExample: { provider: "slack", return_to: "/client" },
};

export const connectWithCredentials: RouteDoc = {
  summary: "Connect a provider with an API key",
  operationId: "connectWithCredentials",
  tags,
  security: "session",
  errors: inputErrors,
  description:
    `${endUserOnly} Connects an API-key or basic-auth provider with the credentials the end user typed (stored encrypted), replacing an earlier connection to it. ` +
    "An OAuth provider, or missing or malformed credentials or config, answers 400 naming each field.",
  responses: {
    201: {
      description: "The connection",
      schema: connectionDetailSchema,
      example: { ...connection, provider: "shopify", scopes: [], expires_at: null, config: { shop: "acme-store" } },
    },
  },
  requestExample: { provider: "shopify", credentials: { access_token: "shpat_0123456789abcdef0123456789abcdef" }, config: { shop: "acme-store" } },
};

export const revokeClientConnection: RouteDoc = {
  summary: "Disconnect a provider",
  operationId: "revokeClientConnection",
  tags,
  security: "session",
  errors: [400, 401, 403, 404, 429],
  description: `${endUserOnly} Revokes the connection: its tokens are revoked at the provider when it supports it (RFC 7009) and deleted here. Another end user's connection answers 404.`,
  responses: { 200: { description: "The revoked connection", schema: connectionDetailSchema, example: { ...connection, status: "revoked" } } },
};

export const listClientPurposes: RouteDoc = {
  summary: "List purposes with my consent",
  operationId: "listClientPurposes",
  tags,
  security: "session",
  errors,
  description: `${endUserOnly} Answers every purpose of the workspace with the end user's current consent (\`granted: null\` when never asked) and the notice version they consented to.`,
  responses: { 200: { description: "The purposes", schema: endUserPurposeListSchema, example: { items: [endUserPurpose] } } },
};

export const setClientConsent: RouteDoc = {
  summary: "Grant or revoke my consent for a purpose",
  operationId: "setClientConsent",
  tags,
  security: "session",
  errors: [400, 401, 403, 404, 429],
  description: `${endUserOnly} Records the consent for the purpose's current notice version (with time, IP and user agent in the history). An unknown purpose answers 404.`,
  responses: {
    200: {
      description: "The consent as recorded",
      schema: consentChangeSchema,
      example: { purpose: "crm_sync", granted: true, notice_version: 2, updated_at: AT },
    },
  },
  requestExample: { granted: true },
};

export const listClientConsentHistory: RouteDoc = {
  summary: "List my consent history",
  operationId: "listClientConsentHistory",
  tags,
  security: "session",
  errors,
  description: `${endUserOnly} Answers every consent change of the end user, newest first (at most 500).`,
  responses: { 200: { description: "The consent changes", schema: consentHistorySchema, example: { items: [consentEntry] } } },
};

export const exportClientData: RouteDoc = {
  summary: "Export my data",
  operationId: "exportClientData",
  tags,
  security: "session",
  errors,
  description: `${endUserOnly} Answers everything held about the end user (GDPR Art. 20) as a JSON download: profile, connections, consents and their history, and workflow executions.`,
  responses: {
    200: {
      description: "The end user's data",
      schema: endUserDataExportSchema,
      headers: { "Content-Disposition": '`attachment; filename="my-data-YYYY-MM-DD.json"`' },
      example: {
        exported_at: AT,
        profile: endUser,
        connections: [connection],
        consents: [endUserPurpose],
        consent_history: [consentEntry],
        executions: [
          {
            id: "8c9d0e1f-2a3b-4c5d-9e6f-7a8b9c0d1e2f",
            workflow_id: "3f1d2c4b-5a6e-4f70-8b9c-0d1e2f3a4b5c",
            status: "succeeded",
            trigger_type: "webhook",
            trigger_payload: { end_user_id: "user_xyz" },
            error: null,
            created_at: AT,
            finished_at: AT,
          },
        ],
      },
    },
  },
};

export const requestClientErasure: RouteDoc = {
  summary: "Ask for my data to be erased",
  operationId: "requestClientErasure",
  tags,
  security: "session",
  errors,
  description: `${endUserOnly} Schedules the erasure of the end user (GDPR Art. 17): connections revoked at the provider and deleted, consents deleted, and the end user's identifiers removed from execution data, notifications and the event log. Asking twice schedules it once.`,
  responses: { 202: { description: "The erasure is scheduled", schema: erasureRequestSchema, example: { status: "scheduled" } } },
};
