/**
 * Connecting an end user: the OAuth 2 authorization (auth URL → provider → callback) and the
 * API-key/basic form. The `state` is `<workspace id>.<256-bit random>`; only its SHA-256 is
 * stored, with the PKCE verifier encrypted, for 10 minutes and one use. The callback checks the
 * state, exchanges the code with the verifier and stores the connection.
 */
import { and, eq, isNull } from "drizzle-orm";
import type { Database, Tx } from "../../db/client";
import { withWorkspace } from "../../db/tenant";
import { BadRequest } from "../../lib/errors";
import { randomToken, sha256Hex } from "../../lib/secrets";
import { config as appConfig } from "../../config";
import { appendDomainEvent } from "../../kernel/events";
import { findProvider } from "./catalogue";
import { storeConnection } from "./connections";
import { buildAuthorizationUrl, exchangeAuthorizationCode, OAuthFailed } from "./oauth";
import { oauthClientFor, openFor, sealFor } from "./oauth-apps";
import { oauthAuthorizations } from "./schema";

const AUTHORIZATION_SECONDS = 600;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Only same-origin paths (or the public URL) may be returned to: no open redirect. */
function safeReturnTo(returnTo: string | undefined): string | null {
  if (!returnTo) return null;
  if (returnTo.startsWith("/") && !returnTo.startsWith("//")) return returnTo;
  if (returnTo.startsWith(`${appConfig.publicUrl}/`)) return returnTo;
  throw new BadRequest("return_to must be a path of this site.", [{ pointer: "#/return_to", detail: "must start with /" }]);
}

/** Starts an authorization for the end user (null: for the workspace itself); answers `{auth_url, state}` (the seed's contract). */
export async function startAuthorization(
  tx: Tx,
  workspaceId: string,
  endUserId: string | null,
  provider: string,
  returnTo?: string,
): Promise<{ auth_url: string; state: string }> {
  const client = await oauthClientFor(tx, workspaceId, provider);
  const state = `${workspaceId}.${randomToken(32)}`;
  const { url, codeVerifier } = await buildAuthorizationUrl(client, state);
  await tx.insert(oauthAuthorizations).values({
    workspaceId,
    endUserId,
    provider,
    stateHash: sha256Hex(state),
    returnTo: safeReturnTo(returnTo),
    codeVerifierEncrypted: await sealFor(tx, workspaceId, `pkce:${sha256Hex(state)}`, codeVerifier),
    expiresAt: new Date(Date.now() + AUTHORIZATION_SECONDS * 1000),
  });
  await appendDomainEvent(tx, {
    workspaceId,
    type: "connection.authorization_started",
    subjectId: endUserId ?? workspaceId,
    payload: { provider, workspace_connection: endUserId === null },
  });
  return { auth_url: url, state };
}

export interface CallbackOutcome {
  ok: boolean;
  provider: string | null;
  connectionId?: string;
  error?: string;
  returnTo: string | null;
}

/**
 * Completes an authorization from the callback's query. Never throws for the provider's or the
 * user's errors: answers `{ok:false, error}` so the end user lands back in the portal with a message.
 */
export async function completeAuthorization(db: Database, query: URLSearchParams): Promise<CallbackOutcome> {
  const state = query.get("state") ?? "";
  const workspaceId = state.split(".")[0] ?? "";
  if (!UUID.test(workspaceId)) return { ok: false, provider: null, error: "The authorization state is missing or unknown.", returnTo: null };
  const stateHash = sha256Hex(state);
  return withWorkspace(db, workspaceId, async (tx) => {
    const [pending] = await tx
      .update(oauthAuthorizations)
      .set({ usedAt: new Date() })
      .where(and(eq(oauthAuthorizations.stateHash, stateHash), isNull(oauthAuthorizations.usedAt)))
      .returning();
    if (!pending) return { ok: false, provider: null, error: "The authorization state is unknown or was already used.", returnTo: null };
    const fail = async (error: string): Promise<CallbackOutcome> => {
      await appendDomainEvent(tx, {
        workspaceId,
        type: "connection.authorization_failed",
        subjectId: pending.endUserId ?? workspaceId,
        payload: { provider: pending.provider, error },
      });
      return { ok: false, provider: pending.provider, error, returnTo: pending.returnTo };
    };
    if (pending.expiresAt < new Date()) return fail("The authorization took too long; start again.");
    const client = await oauthClientFor(tx, workspaceId, pending.provider);
    const verifier = await openFor(tx, workspaceId, `pkce:${stateHash}`, pending.codeVerifierEncrypted);
    try {
      const tokens = await exchangeAuthorizationCode(client, query, state, verifier);
      const discover = findProvider(pending.provider)?.discoverConfig;
      // which OAuth app obtained the tokens: refreshes and revocation must use the same client
      const config = { ...(discover ? await discover(tokens.accessToken, AbortSignal.timeout(10_000)).catch(() => ({})) : {}), oauth_app: client.appOwner };
      const row = await storeConnection(tx, {
        workspaceId,
        endUserId: pending.endUserId,
        provider: pending.provider,
        secret: tokens.accessToken,
        tokens,
        config,
      });
      return { ok: true, provider: pending.provider, connectionId: row.id, returnTo: pending.returnTo };
    } catch (e) {
      if (e instanceof OAuthFailed) return fail(e.message);
      throw e;
    }
  });
}

const FIELD_VALUE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;

/**
 * Connects an API-key or basic-auth provider with the fields the end user typed. Config values
 * are host fragments (`subdomain`…) or, for `server_url`, an https URL checked at request time.
 */
export async function connectWithCredentials(
  tx: Tx,
  workspaceId: string,
  endUserId: string | null,
  provider: string,
  credentials: Record<string, string>,
  config: Record<string, string>,
) {
  const def = findProvider(provider);
  if (!def || def.auth.kind === "oauth2")
    throw new BadRequest(`${provider} does not take an API key; connect it with OAuth.`, [{ pointer: "#/provider", detail: "not an API-key provider" }]);
  const errors = [
    ...def.auth.fields.filter((f) => !credentials[f]).map((f) => ({ pointer: `#/credentials/${f}`, detail: "required" })),
    ...(def.configFields ?? [])
      .filter((f) => (f === "server_url" ? !/^https:\/\/[^/?#]+(\/[^?#]*)?$/.test(config[f] ?? "") : !FIELD_VALUE.test(config[f] ?? "")))
      .map((f) => ({ pointer: `#/config/${f}`, detail: f === "server_url" ? "an https URL" : "letters, digits, dots and dashes" })),
  ];
  if (errors.length) throw new BadRequest("Some credentials are missing or malformed.", errors);
  const secret = JSON.stringify(Object.fromEntries(def.auth.fields.map((f) => [f, credentials[f]!])));
  const cfg = Object.fromEntries((def.configFields ?? []).map((f) => [f, config[f]!.replace(/\/$/, "")]));
  return storeConnection(tx, { workspaceId, endUserId, provider, secret, config: cfg });
}
