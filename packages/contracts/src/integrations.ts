/** Integrations: the provider catalogue, OAuth apps, custom providers, connections, purposes and consents. */
import { z } from "zod";
import { endUserSchema } from "./identity";
import { consentSchema, page } from "./lists";

export const providerAuthKinds = ["oauth2", "api_key", "basic"] as const;
export const providerSummarySchema = z
  .object({
    key: z.string(),
    name: z.string(),
    category: z.string(),
    auth_kind: z.enum(providerAuthKinds),
    /** the OAuth default scopes; the credential fields for API-key/basic providers */
    scopes: z.array(z.string()),
    credential_fields: z.array(z.string()),
    config_fields: z.array(z.string()),
    base_url: z.string(),
    docs_url: z.string(),
    logo_url: z.string(),
    color: z.string(),
    actions: z.array(z.object({ key: z.string(), title: z.string() })),
    /** set on workspace-scoped answers: an OAuth app is configured (OAuth) or always true (API key) */
    enabled: z.boolean().optional(),
    /** OAuth providers: how the token endpoint takes the client's secret (RFC 6749 §2.3.1; RFC 8414 names) */
    token_endpoint_auth_method: z.enum(["client_secret_basic", "client_secret_post"]).optional(),
    /** set on workspace-scoped answers for OAuth providers: whose OAuth app the connect flow uses — the workspace's own, else the platform's, else none */
    oauth_app: z.enum(["workspace", "platform"]).nullable().optional(),
  })
  .meta({ id: "ProviderSummary" });
export type ProviderSummary = z.infer<typeof providerSummarySchema>;

const providerKey = z.string().regex(/^(custom:)?[a-z0-9_-]{2,60}$/, "a provider key such as slack or custom:my-crm");

/** Client authentication at a token endpoint (RFC 6749 §2.3.1), by their RFC 8414 names. */
export const tokenEndpointAuthMethods = ["client_secret_basic", "client_secret_post"] as const;

export const saveOAuthAppRequestSchema = z.object({
  client_id: z.string().min(1).max(500),
  client_secret: z.string().min(1).max(2000),
  scopes: z.array(z.string().min(1).max(200)).max(50).optional(),
});
export type SaveOAuthAppRequest = z.input<typeof saveOAuthAppRequestSchema>;
export const oauthAppSchema = z
  .object({ provider: z.string(), client_id: z.string(), scopes: z.array(z.string()).nullable(), updated_at: z.iso.datetime() })
  .meta({ id: "OAuthApp" });
export type OAuthApp = z.infer<typeof oauthAppSchema>;

export const createCustomProviderRequestSchema = z.object({
  slug: z.string().regex(/^[a-z0-9][a-z0-9_-]{1,40}$/, "lower-case letters, digits, - and _"),
  name: z.string().min(1).max(100),
  authorization_url: z.url({ protocol: /^https?$/ }),
  token_url: z.url({ protocol: /^https?$/ }),
  api_base_url: z.url({ protocol: /^https?$/ }),
  scopes: z.array(z.string().min(1).max(200)).max(50).default([]),
  /** how the token endpoint takes the client's secret (RFC 6749 §2.3.1; RFC 8414 names); Basic by default */
  token_endpoint_auth_method: z.enum(tokenEndpointAuthMethods).default("client_secret_basic"),
});
export const customProviderSchema = z
  .object({
    key: z.string(),
    slug: z.string(),
    name: z.string(),
    authorization_url: z.string(),
    token_url: z.string(),
    api_base_url: z.string(),
    scopes: z.array(z.string()),
    token_endpoint_auth_method: z.enum(tokenEndpointAuthMethods),
    created_at: z.iso.datetime(),
  })
  .meta({ id: "CustomProvider" });

/** The seed's contract: `POST /api/v1/integrations/auth-url`, with an API key. */
export const authUrlRequestSchema = z.object({
  provider: providerKey,
  /** the end user's external id (the tenant's own user id) */
  user_id: z.string().min(1).max(200),
  workspace_id: z.uuid(),
  return_to: z.string().max(500).optional(),
});
export const authUrlResponseSchema = z.object({ auth_url: z.string(), state: z.string() }).meta({ id: "AuthUrl" });
export const clientAuthUrlRequestSchema = z.object({ provider: providerKey, return_to: z.string().max(500).optional() });

export const connectWithCredentialsRequestSchema = z.object({
  provider: providerKey,
  credentials: z.record(z.string(), z.string().min(1).max(4000)),
  config: z.record(z.string(), z.string().max(500)).default({}),
});

export const connectionDetailSchema = z
  .object({
    id: z.uuid(),
    provider: z.string(),
    status: z.enum(["active", "expired", "revoked", "error"]),
    scopes: z.array(z.string()),
    created_at: z.iso.datetime(),
    expires_at: z.iso.datetime().nullable(),
    last_error: z.string().nullable(),
    last_refreshed_at: z.iso.datetime().nullable(),
    config: z.record(z.string(), z.string()),
  })
  .meta({ id: "ConnectionDetail" });
export type ConnectionDetail = z.infer<typeof connectionDetailSchema>;

export const savePurposeRequestSchema = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]{1,60}$/, "lower-case letters, digits and _"),
  title: z.string().min(1).max(200),
  notice: z.string().min(1).max(10_000),
  providers: z.array(providerKey).max(100).default([]),
});
export const purposeSchema = z
  .object({
    id: z.uuid(),
    key: z.string(),
    title: z.string(),
    notice: z.string(),
    version: z.number().int(),
    providers: z.array(z.string()),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: "Purpose" });
export type Purpose = z.infer<typeof purposeSchema>;
export const endUserPurposeSchema = purposeSchema
  .extend({
    granted: z.boolean().nullable(),
    consented_version: z.number().int().nullable(),
    consent_updated_at: z.iso.datetime().nullable(),
  })
  .meta({ id: "EndUserPurpose" });
export type EndUserPurpose = z.infer<typeof endUserPurposeSchema>;
export const setConsentRequestSchema = z.object({ granted: z.boolean() });
export const consentChangeSchema = z
  .object({ purpose: z.string(), granted: z.boolean(), notice_version: z.number().int(), updated_at: z.iso.datetime() })
  .meta({ id: "ConsentChange" });
export const consentHistoryEntrySchema = z
  .object({ id: z.uuid(), purpose: z.string(), granted: z.boolean(), notice_version: z.number().int(), method: z.string(), at: z.iso.datetime() })
  .meta({ id: "ConsentHistoryEntry" });
export type ConsentHistoryEntry = z.infer<typeof consentHistoryEntrySchema>;

/** `GET /integrations/providers` and the other catalogue lists. */
export const providerListSchema = z.object({ items: z.array(providerSummarySchema) });
/** The catalogue with what the workspace enabled (`enabled` set), plus its custom OAuth 2 providers. */
export const workspaceProvidersSchema = providerListSchema.extend({ custom: z.array(customProviderSchema) });
export const oauthAppListSchema = z.object({ items: z.array(oauthAppSchema) });
export const customProviderListSchema = z.object({ items: z.array(customProviderSchema) });
export const purposeListSchema = z.object({ items: z.array(purposeSchema) });
export const endUserPurposeListSchema = z.object({ items: z.array(endUserPurposeSchema) });
export const connectionDetailListSchema = z.object({ items: z.array(connectionDetailSchema) });

export const consentListSchema = z.object({ items: z.array(consentSchema) });
/** The end user's consent changes, newest first (at most 500). */
export const consentHistorySchema = z.object({ items: z.array(consentHistoryEntrySchema) });

/** `GET /workspaces/{id}/end-users`: one keyset page of end users, newest first. */
export const endUserPageSchema = page(endUserSchema);

/** `POST /connect/exchange`: the end user's access token, sent as a Bearer token by the tab that opened the connect link. */
export const connectExchangeResponseSchema = z.object({
  access_token: z.string(),
  /** seconds until the access token expires */
  expires_in: z.number().int(),
  end_user: endUserSchema,
});

/** `GET /workspaces/{id}/end-users/{end_user_id}/integrations`: an end user's connections and consents (developer view). */
export const endUserIntegrationsSchema = z.object({
  connections: z.array(connectionDetailSchema),
  consents: z.array(endUserPurposeSchema),
  consent_history: z.array(consentHistoryEntrySchema),
});

/** The seed's `GET /users/{user_id}/integrations` (API key): an end user's connections by their external id. */
export const userIntegrationsSchema = z.object({ user_id: z.string().describe("the end user's external id"), integrations: z.array(connectionDetailSchema) });

export const providerWebhookProviders = ["github", "stripe", "slack", "meta"] as const;
/** `PUT /workspaces/{id}/provider-webhooks/{provider}`: the URL to register at the provider. */
export const providerWebhookSchema = z.object({ provider: z.enum(providerWebhookProviders), url: z.string(), updated_at: z.iso.datetime() });
/** A provider webhook delivery accepted: `event_id` is the domain event `<provider>.webhook_received`. */
export const providerWebhookReceiptSchema = z.object({ received: z.literal(true), event_id: z.uuid() });

/** `GET /client/export` (GDPR Art. 20): everything held about the end user. */
export const endUserDataExportSchema = z
  .object({
    exported_at: z.iso.datetime(),
    profile: endUserSchema,
    connections: z.array(connectionDetailSchema),
    consents: z.array(endUserPurposeSchema),
    consent_history: z.array(consentHistoryEntrySchema),
    /** the end user's workflow executions, newest 1000 */
    executions: z.array(
      z.object({
        id: z.uuid(),
        workflow_id: z.uuid(),
        status: z.string(),
        trigger_type: z.string(),
        trigger_payload: z.unknown(),
        error: z.string().nullable(),
        created_at: z.iso.datetime(),
        finished_at: z.iso.datetime().nullable(),
      }),
    ),
  })
  .meta({ id: "EndUserDataExport" });
/** `POST /client/erasure` (GDPR Art. 17): the erasure job is queued. */
export const erasureRequestSchema = z.object({ status: z.literal("scheduled") });

/** A platform-held OAuth app (admin portal): the client id per catalogue provider; the secret is write-only. */
export const platformOAuthAppSchema = z
  .object({
    provider: z.string(),
    provider_name: z.string(),
    client_id: z.string(),
    scopes: z.array(z.string()).nullable(),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: "PlatformOAuthApp" });
export type PlatformOAuthApp = z.infer<typeof platformOAuthAppSchema>;
export const platformOAuthAppListSchema = z.object({ items: z.array(platformOAuthAppSchema) }).meta({ id: "PlatformOAuthAppList" });
