/**
 * The integrations method group of the typed client (client.ts mounts it as `api.integrations`):
 * the catalogue, OAuth apps, custom providers, purposes, an end user's integrations (developer
 * side), and the end user's own connections, consents and data rights (client portal side).
 */
import { z } from "zod";
import type { RequestFn } from "./crm-client";
import {
  authUrlResponseSchema, connectionDetailSchema, consentChangeSchema, consentHistoryEntrySchema, customProviderSchema,
  endUserPurposeSchema, oauthAppSchema, providerSummarySchema, purposeSchema,
} from "./integrations";

const items = <T extends z.ZodType>(s: T) => z.object({ items: z.array(s) });

export function integrationsMethods(request: RequestFn) {
  const ws = (id: string) => `/api/v1/workspaces/${encodeURIComponent(id)}`;
  return {
    catalogue: () => request("GET", "/api/v1/integrations/providers", items(providerSummarySchema)),
    workspaceProviders: (id: string) => request("GET", `${ws(id)}/integrations/providers`, items(providerSummarySchema).extend({ custom: z.array(customProviderSchema) })),
    oauthApps: (id: string) => request("GET", `${ws(id)}/oauth-apps`, items(oauthAppSchema)),
    saveOAuthApp: (id: string, provider: string, b: { client_id: string; client_secret: string; scopes?: string[] }) =>
      request("PUT", `${ws(id)}/oauth-apps/${encodeURIComponent(provider)}`, oauthAppSchema, b),
    deleteOAuthApp: (id: string, provider: string) => request("DELETE", `${ws(id)}/oauth-apps/${encodeURIComponent(provider)}`, null),
    createCustomProvider: (id: string, b: { slug: string; name: string; authorization_url: string; token_url: string; api_base_url: string; scopes: string[] }) =>
      request("POST", `${ws(id)}/custom-providers`, customProviderSchema, b),
    purposes: (id: string) => request("GET", `${ws(id)}/purposes`, items(purposeSchema)),
    savePurpose: (id: string, b: { key: string; title: string; notice: string; providers: string[] }) => request("PUT", `${ws(id)}/purposes`, purposeSchema, b),
    saveProviderWebhook: (id: string, provider: "github" | "stripe" | "slack" | "meta", b: { secret: string; verify_token?: string }) =>
      request("PUT", `${ws(id)}/provider-webhooks/${provider}`, z.object({ provider: z.string(), url: z.string(), updated_at: z.string() }), b),
    endUserIntegrations: (id: string, endUserId: string) => request("GET", `${ws(id)}/end-users/${endUserId}/integrations`, z.object({
      connections: z.array(connectionDetailSchema), consents: z.array(endUserPurposeSchema), consent_history: z.array(consentHistoryEntrySchema),
    })),
    client: {
      providers: () => request("GET", "/api/v1/client/providers", items(providerSummarySchema).extend({ custom: z.array(customProviderSchema) })),
      connections: () => request("GET", "/api/v1/client/connections/details", items(connectionDetailSchema)),
      authUrl: (provider: string, returnTo = "/client") => request("POST", "/api/v1/client/connections/auth-url", authUrlResponseSchema, { provider, return_to: returnTo }),
      connectWithCredentials: (b: { provider: string; credentials: Record<string, string>; config?: Record<string, string> }) =>
        request("POST", "/api/v1/client/connections", connectionDetailSchema, b),
      disconnect: (connectionId: string) => request("DELETE", `/api/v1/client/connections/${connectionId}`, connectionDetailSchema),
      purposes: () => request("GET", "/api/v1/client/purposes", items(endUserPurposeSchema)),
      setConsent: (purpose: string, granted: boolean) => request("PUT", `/api/v1/client/consents/${encodeURIComponent(purpose)}`, consentChangeSchema, { granted }),
      consentHistory: () => request("GET", "/api/v1/client/consents/history", items(consentHistoryEntrySchema)),
      exportData: () => request("GET", "/api/v1/client/export", z.record(z.string(), z.unknown())),
      requestErasure: () => request("POST", "/api/v1/client/erasure", z.object({ status: z.literal("scheduled") }), {}),
    },
  };
}
