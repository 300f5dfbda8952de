/**
 * OAuth 2 authorization code grant with PKCE (RFC 6749 §4.1, RFC 7636 S256) and `state`, token
 * refresh (RFC 6749 §6) and revocation (RFC 7009), all through `oauth4webapi` — we never parse
 * token responses by hand. Requests to a workspace's custom provider go through the SSRF guard.
 */
import * as oauth from "oauth4webapi";
import { config } from "../../config";
import { refreshDueAt } from "./refresh-schedule";
import { guardedRequest } from "./ssrf";

export interface OAuthClientConfig {
  authorizationUrl: string;
  tokenUrl: string;
  revocationUrl?: string;
  clientId: string;
  clientSecret: string;
  scopes: string[];
  scopeSeparator?: string;
  authParams?: Record<string, string>;
  /** how the token endpoint authenticates the client (RFC 6749 §2.3.1): HTTP Basic (default) or the form body */
  clientAuth?: "basic" | "post";
  /** true for tenant-supplied endpoints: every request passes the SSRF guard */
  untrusted?: boolean;
}

export interface TokenSet {
  accessToken: string;
  refreshToken: string | null;
  /** absolute expiry, or null when the provider gave none */
  expiresAt: Date | null;
  /** when to refresh it: 80 % into its own lifetime (refresh-schedule.ts); null without `expires_in` */
  refreshDueAt?: Date | null;
  scopes: string[] | null;
  /** non-standard fields worth keeping as connection config (e.g. Salesforce `instance_url`) */
  extras: Record<string, string>;
}

export class OAuthFailed extends Error {
  constructor(
    message: string,
    readonly retryable = false,
  ) {
    super(message);
    this.name = "OAuthFailed";
  }
}

/** Where providers send the end user back (register this URL in each OAuth app). */
export const redirectUri = () => `${config.publicUrl}/api/v1/integrations/oauth/callback`;

const guardedFetch: typeof fetch = async (input, init) => {
  const res = await guardedRequest({
    method: init?.method ?? "GET",
    url: String(input),
    headers: Object.fromEntries(new Headers(init?.headers).entries()),
    body: init?.body == null ? undefined : String(init.body),
    signal: init?.signal ?? undefined,
  });
  return new Response(res.body, { status: res.status, headers: res.headers });
};

/**
 * A value encoded with the application/x-www-form-urlencoded serializer of the WHATWG URL
 * Standard (what `URLSearchParams` sends): ASCII letters, digits and `*-._` stay as they are,
 * a space becomes `+`, every other UTF-8 byte `%XX`. RFC 6749 Appendix B names this media type.
 */
export const formUrlEncode = (value: string): string => new URLSearchParams({ v: value }).toString().slice(2);

/**
 * client_secret_basic per RFC 6749 §2.3.1: the client id and the secret, each form-urlencoded
 * (Appendix B), joined by `:` and sent as HTTP Basic credentials (RFC 7617). oauth4webapi 3.8.8's
 * `ClientSecretBasic` escapes every non-alphanumeric character, `-`, `.`, `_`, `~`, `*` included
 * (`nh-client` → `nh%2Dclient`): a server that form-decodes the credentials reads both the same,
 * but the many token endpoints that take them as they are (RFC 7617 alone) refuse an id such as
 * `nh-client` or a secret with `_`. The URL Standard's encoding leaves those characters alone, so
 * an id and secret of letters, digits and `-._*` go out exactly as registered.
 */
export function clientSecretBasic(clientSecret: string): oauth.ClientAuth {
  return (_as, client, _body, headers) => {
    const credentials = `${formUrlEncode(client.client_id)}:${formUrlEncode(clientSecret)}`;
    headers.set("authorization", `Basic ${Buffer.from(credentials, "utf8").toString("base64")}`);
  };
}

function parts(c: OAuthClientConfig) {
  const as: oauth.AuthorizationServer = {
    issuer: new URL(c.authorizationUrl).origin,
    authorization_endpoint: c.authorizationUrl,
    token_endpoint: c.tokenUrl,
    revocation_endpoint: c.revocationUrl,
  };
  const client: oauth.Client = { client_id: c.clientId };
  // client_secret_post: client_id and client_secret in the form body, which URLSearchParams encodes
  const auth = c.clientAuth === "post" ? oauth.ClientSecretPost(c.clientSecret) : clientSecretBasic(c.clientSecret);
  const insecure = c.tokenUrl.startsWith("http:") || (c.revocationUrl ?? "").startsWith("http:");
  const opts = {
    [oauth.allowInsecureRequests]: insecure,
    ...(c.untrusted ? { [oauth.customFetch]: guardedFetch } : {}),
    signal: () => AbortSignal.timeout(20_000),
  };
  return { as, client, auth, opts };
}

/** The authorization URL plus the `state` and PKCE verifier to keep until the callback. */
export async function buildAuthorizationUrl(c: OAuthClientConfig, state: string): Promise<{ url: string; codeVerifier: string }> {
  const codeVerifier = oauth.generateRandomCodeVerifier();
  const url = new URL(c.authorizationUrl);
  url.searchParams.set("response_type", "code");
  url.searchParams.set("client_id", c.clientId);
  url.searchParams.set("redirect_uri", redirectUri());
  if (c.scopes.length) url.searchParams.set("scope", c.scopes.join(c.scopeSeparator ?? " "));
  url.searchParams.set("state", state);
  url.searchParams.set("code_challenge", await oauth.calculatePKCECodeChallenge(codeVerifier));
  url.searchParams.set("code_challenge_method", "S256");
  for (const [k, v] of Object.entries(c.authParams ?? {})) url.searchParams.set(k, v);
  return { url: url.toString(), codeVerifier };
}

/**
 * We use OAuth 2 for API access only, never OpenID Connect sign-in: an `id_token` some providers
 * add is dropped before validation (multi-tenant issuers such as Microsoft's differ from the
 * authorization URL's origin and would fail the issuer check for no benefit).
 */
async function withoutIdToken(res: Response): Promise<Response> {
  if (!res.ok || !(res.headers.get("content-type") ?? "").includes("json")) return res;
  const body = (await res.json()) as Record<string, unknown>;
  delete body.id_token;
  return new Response(JSON.stringify(body), { status: res.status, headers: { "content-type": "application/json", "cache-control": "no-store" } });
}

function toTokenSet(r: oauth.TokenEndpointResponse): TokenSet {
  const issuedAt = new Date();
  const extras: Record<string, string> = {};
  for (const k of ["instance_url", "team_id", "workspace_id", "bot_id", "cloud_id"]) if (typeof r[k] === "string") extras[k] = r[k] as string;
  return {
    accessToken: r.access_token,
    refreshToken: r.refresh_token ?? null,
    expiresAt: typeof r.expires_in === "number" ? new Date(issuedAt.getTime() + r.expires_in * 1000) : null,
    refreshDueAt: refreshDueAt(issuedAt, typeof r.expires_in === "number" ? r.expires_in : null),
    scopes: typeof r.scope === "string" ? r.scope.split(/[ ,]+/).filter(Boolean) : null,
    extras,
  };
}

const describe = (e: unknown) =>
  e instanceof oauth.ResponseBodyError ? `${e.error}${e.error_description ? `: ${e.error_description}` : ""}` : e instanceof Error ? e.message : String(e);

/**
 * Checks the callback parameters (state, error) and exchanges the code with the PKCE verifier.
 * Throws OAuthFailed with the provider's error.
 */
export async function exchangeAuthorizationCode(
  c: OAuthClientConfig,
  callback: URLSearchParams,
  expectedState: string,
  codeVerifier: string,
): Promise<TokenSet> {
  const { as, client, auth, opts } = parts(c);
  try {
    const params = oauth.validateAuthResponse(as, client, callback, expectedState);
    const res = await withoutIdToken(await oauth.authorizationCodeGrantRequest(as, client, auth, params, redirectUri(), codeVerifier, opts));
    return toTokenSet(await oauth.processAuthorizationCodeResponse(as, client, res));
  } catch (e) {
    throw new OAuthFailed(`The provider refused the authorization: ${describe(e)}`);
  }
}

/** Refreshes an access token. Throws OAuthFailed (retryable on network errors and 5xx). */
export async function refreshAccessToken(c: OAuthClientConfig, refreshToken: string): Promise<TokenSet> {
  const { as, client, auth, opts } = parts(c);
  let res: Response;
  try {
    res = await withoutIdToken(await oauth.refreshTokenGrantRequest(as, client, auth, refreshToken, opts));
  } catch (e) {
    throw new OAuthFailed(`The token endpoint could not be reached: ${describe(e)}`, true);
  }
  if (res.status >= 500) throw new OAuthFailed(`The token endpoint answered ${res.status}`, true);
  try {
    return toTokenSet(await oauth.processRefreshTokenResponse(as, client, res));
  } catch (e) {
    throw new OAuthFailed(`The refresh was refused: ${describe(e)}`);
  }
}

/** Revokes `token` at the provider when it has a revocation endpoint (RFC 7009); answers whether it did. */
export async function revokeToken(c: OAuthClientConfig, token: string): Promise<boolean> {
  if (!c.revocationUrl) return false;
  const { as, client, auth, opts } = parts(c);
  try {
    await oauth.processRevocationResponse(await oauth.revocationRequest(as, client, auth, token, opts));
    return true;
  } catch {
    return false;
  }
}
