/**
 * OAuth apps (the workspace's client id + encrypted secret per provider) and custom OAuth 2
 * providers, and `oauthClientFor`, which joins them (or the platform's OAuth app) with the
 * catalogue into the configuration the OAuth flow needs. Custom providers' keys are `custom:<slug>`.
 */
import { and, eq } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { BadRequest, NotFound } from "../../lib/errors";
import { decryptForWorkspace, encryptForWorkspace } from "../../lib/secrets";
import { workspaceDataKey } from "../tenancy";
import { appendDomainEvent } from "../../kernel/events";
import { findProvider, oauthEndpoints } from "./catalogue";
import { customProviders, oauthApps } from "./schema";
import type { OAuthClientConfig } from "./oauth";
import { assertPublicUrl, BlockedUrl } from "./ssrf";
import { findFirst } from "../../db/find-first";
import { platformOAuthClient } from "./platform-oauth-apps";

export const sealFor = async (tx: Tx, ws: string, purpose: string, plain: string) => encryptForWorkspace(await workspaceDataKey(tx, ws), ws, purpose, plain);
export const openFor = async (tx: Tx, ws: string, purpose: string, sealed: string) => decryptForWorkspace(await workspaceDataKey(tx, ws), ws, purpose, sealed);

export interface OAuthAppView {
  provider: string;
  client_id: string;
  scopes: string[] | null;
  updated_at: string;
}
const toView = (r: typeof oauthApps.$inferSelect): OAuthAppView => ({
  provider: r.provider,
  client_id: r.clientId,
  scopes: r.scopes,
  updated_at: r.updatedAt.toISOString(),
});

export async function listOAuthApps(tx: Tx, workspaceId: string): Promise<OAuthAppView[]> {
  return (await tx.select().from(oauthApps).where(eq(oauthApps.workspaceId, workspaceId)).orderBy(oauthApps.provider)).map(toView);
}

/** Creates or replaces the workspace's OAuth app for `provider`; the secret is never returned. */
export async function saveOAuthApp(
  tx: Tx,
  workspaceId: string,
  provider: string,
  input: { client_id: string; client_secret: string; scopes?: string[] },
): Promise<OAuthAppView> {
  const def = findProvider(provider);
  const custom = provider.startsWith("custom:") ? await findCustomProvider(tx, workspaceId, provider) : null;
  if (!custom && def?.auth.kind !== "oauth2")
    throw new BadRequest(`${provider} is not an OAuth 2 provider of the catalogue.`, [{ pointer: "#/path/provider", detail: "unknown OAuth 2 provider" }]);
  const secret = await sealFor(tx, workspaceId, `oauth_app:${provider}`, input.client_secret);
  const values = { workspaceId, provider, clientId: input.client_id, clientSecretEncrypted: secret, scopes: input.scopes ?? null, updatedAt: new Date() };
  const [row] = await tx
    .insert(oauthApps)
    .values(values)
    .onConflictDoUpdate({ target: [oauthApps.workspaceId, oauthApps.provider], set: values })
    .returning();
  await appendDomainEvent(tx, { workspaceId, type: "oauth_app.saved", subjectId: row!.id, payload: { provider } });
  return toView(row!);
}

export async function deleteOAuthApp(tx: Tx, workspaceId: string, provider: string): Promise<void> {
  const gone = await tx
    .delete(oauthApps)
    .where(and(eq(oauthApps.workspaceId, workspaceId), eq(oauthApps.provider, provider)))
    .returning({ id: oauthApps.id });
  if (!gone.length) throw new NotFound("OAuth app");
  await appendDomainEvent(tx, { workspaceId, type: "oauth_app.deleted", subjectId: gone[0]!.id, payload: { provider } });
}

export async function findCustomProvider(tx: Tx, workspaceId: string, key: string) {
  const slug = key.replace(/^custom:/, "");
  return findFirst(tx, customProviders, and(eq(customProviders.workspaceId, workspaceId), eq(customProviders.slug, slug)));
}

/** `token_endpoint_auth_method` (RFC 8414 names; RFC 6749 §2.3.1): how its token endpoint takes the client's secret. */
export interface CustomProviderInput {
  slug: string;
  name: string;
  authorization_url: string;
  token_url: string;
  api_base_url: string;
  scopes: string[];
  token_endpoint_auth_method?: TokenEndpointAuthMethod;
}
export type TokenEndpointAuthMethod = "client_secret_basic" | "client_secret_post";

/** Registers a custom OAuth 2 provider; every URL must pass the SSRF guard (400 naming the field). */
export async function createCustomProvider(tx: Tx, workspaceId: string, input: CustomProviderInput) {
  for (const field of ["authorization_url", "token_url", "api_base_url"] as const) {
    try {
      await assertPublicUrl(input[field]);
    } catch (e) {
      if (e instanceof BlockedUrl) throw new BadRequest(e.message, [{ pointer: `#/${field}`, detail: e.message }]);
      throw e;
    }
  }
  const [row] = await tx
    .insert(customProviders)
    .values({
      workspaceId,
      slug: input.slug,
      name: input.name,
      authorizationUrl: input.authorization_url,
      tokenUrl: input.token_url,
      apiBaseUrl: input.api_base_url,
      scopes: input.scopes,
      tokenEndpointAuthMethod: input.token_endpoint_auth_method ?? "client_secret_basic",
    })
    .onConflictDoNothing()
    .returning();
  if (!row) throw new BadRequest(`A custom provider ${input.slug} exists already.`, [{ pointer: "#/slug", detail: "already taken" }]);
  await appendDomainEvent(tx, { workspaceId, type: "custom_provider.created", subjectId: row.id, payload: { slug: row.slug } });
  return toCustomView(row);
}

export const toCustomView = (r: typeof customProviders.$inferSelect) => ({
  key: `custom:${r.slug}`,
  slug: r.slug,
  name: r.name,
  authorization_url: r.authorizationUrl,
  token_url: r.tokenUrl,
  api_base_url: r.apiBaseUrl,
  scopes: r.scopes,
  token_endpoint_auth_method: r.tokenEndpointAuthMethod,
  created_at: r.createdAt.toISOString(),
});

export async function listCustomProviders(tx: Tx, workspaceId: string) {
  return (await tx.select().from(customProviders).where(eq(customProviders.workspaceId, workspaceId)).orderBy(customProviders.slug)).map(toCustomView);
}

/**
 * The OAuth configuration of `provider` for the workspace: its own OAuth app first, else (for a
 * catalogue provider) the platform's (platform-oauth-apps.ts). `issuedBy` pins the source for a
 * connection's refresh and revocation: a token belongs to the client that obtained it (the
 * connection's `config.oauth_app`). Throws BadRequest when no usable app is set up.
 */
export async function oauthClientFor(
  tx: Tx,
  workspaceId: string,
  provider: string,
  issuedBy?: string,
): Promise<OAuthClientConfig & { apiBaseUrl?: string; appOwner: "workspace" | "platform" }> {
  const own = issuedBy === "platform" ? null : await findFirst(tx, oauthApps, and(eq(oauthApps.workspaceId, workspaceId), eq(oauthApps.provider, provider)));
  const missing = () =>
    new BadRequest(`The workspace has no OAuth app for ${provider}; add its client id and secret in the developer portal.`, [
      { pointer: "#/provider", detail: "no OAuth app configured" },
    ]);
  const platform = own || issuedBy === "workspace" || provider.startsWith("custom:") ? null : await platformOAuthClient(tx, provider);
  const app = own
    ? {
        clientId: own.clientId,
        clientSecret: await openFor(tx, workspaceId, `oauth_app:${provider}`, own.clientSecretEncrypted),
        scopes: own.scopes,
        appOwner: "workspace" as const,
      }
    : platform && { ...platform, appOwner: "platform" as const };
  if (!app) throw missing();
  const { clientSecret, appOwner } = app;
  if (provider.startsWith("custom:")) {
    const cp = await findCustomProvider(tx, workspaceId, provider);
    if (!cp) throw missing();
    const clientAuth = cp.tokenEndpointAuthMethod === "client_secret_post" ? "post" : "basic";
    return {
      authorizationUrl: cp.authorizationUrl,
      tokenUrl: cp.tokenUrl,
      clientId: app.clientId,
      clientSecret,
      scopes: app.scopes ?? cp.scopes,
      clientAuth,
      untrusted: true,
      apiBaseUrl: cp.apiBaseUrl,
      appOwner,
    };
  }
  const def = findProvider(provider);
  if (def?.auth.kind !== "oauth2") throw missing();
  return {
    ...oauthEndpoints(def),
    clientId: app.clientId,
    clientSecret,
    scopes: app.scopes ?? def.auth.scopes,
    scopeSeparator: def.auth.scopeSeparator,
    authParams: def.auth.authParams,
    clientAuth: def.auth.clientAuth,
    appOwner,
  };
}
