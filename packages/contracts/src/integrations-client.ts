/**
 * The integrations method group of the typed client (client.ts mounts it as `api.integrations`):
 * the catalogue, OAuth apps, custom providers, purposes, an end user's integrations (developer
 * side), and the end user's own connections, consents and data rights (client portal side).
 */
import type { RequestFn } from "./crm-client";
import {
  authUrlResponseSchema,
  connectionDetailListSchema,
  connectionDetailSchema,
  consentChangeSchema,
  consentHistorySchema,
  customProviderSchema,
  endUserDataExportSchema,
  endUserIntegrationsSchema,
  endUserPurposeListSchema,
  erasureRequestSchema,
  oauthAppListSchema,
  oauthAppSchema,
  providerListSchema,
  providerWebhookSchema,
  purposeListSchema,
  purposeSchema,
  workspaceProvidersSchema,
} from "./integrations";

export function integrationsMethods(request: RequestFn) {
  const ws = (id: string) => `/api/v1/workspaces/${encodeURIComponent(id)}`;
  return {
    catalogue: () => request("GET", "/api/v1/integrations/providers", providerListSchema),
    workspaceProviders: (id: string) => request("GET", `${ws(id)}/integrations/providers`, workspaceProvidersSchema),
    oauthApps: (id: string) => request("GET", `${ws(id)}/oauth-apps`, oauthAppListSchema),
    saveOAuthApp: (id: string, provider: string, b: { client_id: string; client_secret: string; scopes?: string[] }) =>
      request("PUT", `${ws(id)}/oauth-apps/${encodeURIComponent(provider)}`, oauthAppSchema, b),
    deleteOAuthApp: (id: string, provider: string) => request("DELETE", `${ws(id)}/oauth-apps/${encodeURIComponent(provider)}`, null),
    createCustomProvider: (
      id: string,
      b: {
        slug: string;
        name: string;
        authorization_url: string;
        token_url: string;
        api_base_url: string;
        scopes: string[];
        token_endpoint_auth_method?: "client_secret_basic" | "client_secret_post";
      },
    ) => request("POST", `${ws(id)}/custom-providers`, customProviderSchema, b),
    purposes: (id: string) => request("GET", `${ws(id)}/purposes`, purposeListSchema),
    savePurpose: (id: string, b: { key: string; title: string; notice: string; providers: string[] }) => request("PUT", `${ws(id)}/purposes`, purposeSchema, b),
    saveProviderWebhook: (id: string, provider: "github" | "stripe" | "slack" | "meta", b: { secret: string; verify_token?: string }) =>
      request("PUT", `${ws(id)}/provider-webhooks/${provider}`, providerWebhookSchema, b),
    endUserIntegrations: (id: string, endUserId: string) => request("GET", `${ws(id)}/end-users/${endUserId}/integrations`, endUserIntegrationsSchema),
    client: {
      providers: () => request("GET", "/api/v1/client/providers", workspaceProvidersSchema),
      connections: () => request("GET", "/api/v1/client/connections/details", connectionDetailListSchema),
      authUrl: (provider: string, returnTo = "/client") =>
        request("POST", "/api/v1/client/connections/auth-url", authUrlResponseSchema, { provider, return_to: returnTo }),
      connectWithCredentials: (b: { provider: string; credentials: Record<string, string>; config?: Record<string, string> }) =>
        request("POST", "/api/v1/client/connections", connectionDetailSchema, b),
      disconnect: (connectionId: string) => request("DELETE", `/api/v1/client/connections/${connectionId}`, connectionDetailSchema),
      purposes: () => request("GET", "/api/v1/client/purposes", endUserPurposeListSchema),
      setConsent: (purpose: string, granted: boolean) =>
        request("PUT", `/api/v1/client/consents/${encodeURIComponent(purpose)}`, consentChangeSchema, { granted }),
      consentHistory: () => request("GET", "/api/v1/client/consents/history", consentHistorySchema),
      exportData: () => request("GET", "/api/v1/client/export", endUserDataExportSchema),
      requestErasure: () => request("POST", "/api/v1/client/erasure", erasureRequestSchema, {}),
    },
  };
}
