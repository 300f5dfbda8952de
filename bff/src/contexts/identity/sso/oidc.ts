/**
 * "Sign in with SSO": OpenID Connect Core 1.0 authorization code flow with the workspace's
 * identity provider, through openid-client. The start picks the provider by the e-mail's
 * verified domain, discovers its metadata (the discovered `issuer` must equal the configured one,
 * OIDC Discovery §4.3) and stores a single-use login: the hashed `state`, the `nonce` and the
 * PKCE verifier (RFC 7636, S256), 10 minutes. The callback spends that login once (a second
 * callback with the same state — a replayed code — is refused before the provider is asked),
 * exchanges the code and lets openid-client check state, the `iss` response parameter (RFC 9207)
 * when the provider sends it, and the ID token (issuer, audience, signature, expiry, nonce).
 *
 * Then: the e-mail claim must be verified (`email_verified` not false) and in the workspace's
 * verified domain; the person is found by e-mail or created, and made a member with the
 * workspace's default role just in time. Every failure is audited `auth.sso_failed` with the
 * reason and answers 401.
 */
import * as oidc from "openid-client";
import { and, eq, gt, isNull } from "drizzle-orm";
import type { Database } from "../../../db/client";
import { withLookup, withWorkspace } from "../../../db/tenant";
import { DomainError, NotFound, Unauthorized } from "../../../lib/errors";
import { OutboundBlocked, assertHostResolvesPublic } from "../../../lib/outbound";
import { randomToken, sha256Hex } from "../../../lib/secrets";
import { recordDomainEvent } from "../../../kernel/events";
import { findFirst } from "../../../db/find-first";
import { memberships, ssoLogins, users } from "../schema";
import { addMember } from "../members";
import { providerForDomain, providerForWorkspace, ssoRedirectUri, type SsoProvider } from "./settings";

const LOGIN_SECONDS = 10 * 60;

/** 502 problem `identity-provider-error`: the workspace's provider answered something we refuse. */
export class IdentityProviderError extends DomainError {
  constructor(detail: string) {
    super(502, "identity-provider-error", "Identity provider error", detail);
  }
}

/**
 * The provider's configuration by discovery. An `http:` issuer is allowed only for hosts the
 * operator allowlisted for outbound calls (NH_OUTBOUND_ALLOWLIST, e.g. a local provider in tests);
 * every other issuer must be `https:` and resolve to public addresses (SSRF guard).
 */
async function discover(p: SsoProvider): Promise<oidc.Configuration> {
  const url = new URL(p.issuer);
  try {
    await assertHostResolvesPublic(p.issuer);
  } catch (e) {
    if (e instanceof OutboundBlocked) throw new IdentityProviderError(`The identity provider's address is not allowed: ${e.message}`);
    throw e;
  }
  // plain http only for a loopback provider the operator allowlisted (the guard above passed it)
  const loopback = ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
  if (url.protocol !== "https:" && !loopback) throw new IdentityProviderError("The identity provider's issuer must be an https URL.");
  try {
    return await oidc.discovery(url, p.clientId, p.clientSecret, undefined, url.protocol === "http:" ? { execute: [oidc.allowInsecureRequests] } : undefined);
  } catch (e) {
    throw new IdentityProviderError(`Discovery at ${p.issuer} failed: ${(e as Error).message}`);
  }
}

/** Starts a sign-in for `email`; answers the provider's authorization URL. Throws NotFound (no SSO for the domain). */
export async function startSsoSignIn(db: Database, email: string): Promise<string> {
  const domain = email.split("@")[1]?.toLowerCase() ?? "";
  const provider = await providerForDomain(db, domain);
  if (!provider) throw new NotFound("single sign-on for this e-mail domain");
  let config: oidc.Configuration;
  try {
    config = await discover(provider);
  } catch (e) {
    await recordDomainEvent(db, {
      workspaceId: provider.workspaceId,
      type: "auth.sso_failed",
      payload: { reason: "discovery_failed", detail: (e as Error).message },
    });
    throw e;
  }
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const verifier = oidc.randomPKCECodeVerifier();
  await withWorkspace(db, provider.workspaceId, (tx) =>
    tx.insert(ssoLogins).values({
      workspaceId: provider.workspaceId,
      stateHash: sha256Hex(state),
      nonce,
      codeVerifier: verifier,
      expiresAt: new Date(Date.now() + LOGIN_SECONDS * 1000),
    }),
  );
  return oidc
    .buildAuthorizationUrl(config, {
      redirect_uri: ssoRedirectUri(),
      scope: "openid email profile",
      state,
      nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: "S256",
      login_hint: email,
    })
    .toString();
}

/**
 * Finishes a sign-in from the provider's redirect (`callbackUrl` with `code`, `state`, maybe
 * `iss`). Answers the person and the workspace to open. Throws Unauthorized (audited) for an
 * unknown, spent or expired state, a token or ID-token check that fails, or an e-mail outside
 * the verified domain.
 */
export async function finishSsoSignIn(db: Database, callbackUrl: URL): Promise<{ userId: string; workspaceId: string }> {
  const state = callbackUrl.searchParams.get("state") ?? "";
  const hash = sha256Hex(state);
  const login = await withLookup(db, hash, async (tx) => {
    const [spent] = await tx
      .update(ssoLogins)
      .set({ usedAt: new Date() })
      .where(and(eq(ssoLogins.stateHash, hash), isNull(ssoLogins.usedAt), gt(ssoLogins.expiresAt, new Date())))
      .returning();
    return spent;
  });
  const fail = async (workspaceId: string | null, reason: string, detail?: string): Promise<never> => {
    await recordDomainEvent(db, { workspaceId, type: "auth.sso_failed", payload: { reason, ...(detail ? { detail } : {}) } });
    throw new Unauthorized(`Single sign-on failed (${reason.replaceAll("_", " ")}); start again from the sign-in page.`);
  };
  if (!login) {
    const known = await withLookup(db, hash, (tx) => findFirst(tx, ssoLogins, eq(ssoLogins.stateHash, hash)));
    return fail(known?.workspaceId ?? null, !state ? "missing_state" : known ? "state_already_used" : "unknown_state");
  }
  const provider = await providerForWorkspace(db, login.workspaceId);
  if (!provider) return fail(login.workspaceId, "sso_not_configured");
  const config = await discover(provider);
  let claims: oidc.IDToken | undefined;
  try {
    // the redirect URI registered at the provider, whatever host the request came in on
    const current = new URL(ssoRedirectUri());
    current.search = callbackUrl.search;
    const tokens = await oidc.authorizationCodeGrant(config, current, {
      pkceCodeVerifier: login.codeVerifier,
      expectedState: state,
      expectedNonce: login.nonce,
      idTokenExpected: true,
    });
    claims = tokens.claims();
    // providers that keep profile claims out of the ID token answer them at userinfo (OIDC Core §5.3,
    // its `sub` must equal the ID token's)
    if (claims && typeof claims.email !== "string") claims = { ...claims, ...(await oidc.fetchUserInfo(config, tokens.access_token, claims.sub)) };
  } catch (e) {
    const err = e as Error & { code?: string; error?: string };
    return fail(login.workspaceId, "token_check_failed", `${err.code ?? err.error ?? err.name}: ${err.message}`);
  }
  const email = typeof claims?.email === "string" ? claims.email.toLowerCase() : "";
  if (!email) return fail(login.workspaceId, "no_email_claim");
  if (claims?.email_verified === false) return fail(login.workspaceId, "email_not_verified");
  if (email.split("@")[1] !== provider.emailDomain) return fail(login.workspaceId, "email_outside_domain", email.split("@")[1]);
  const name = typeof claims?.name === "string" && claims.name.trim() ? claims.name.trim() : email.split("@")[0]!;
  const userId = await joinJustInTime(db, provider, email, name);
  await recordDomainEvent(db, {
    workspaceId: login.workspaceId,
    type: "auth.sso_signed_in",
    subjectId: userId,
    payload: { email, issuer: provider.issuer, sub: claims!.sub },
  });
  return { userId, workspaceId: login.workspaceId };
}

/** The person of `email` (created with an unusable random password when new), a member of the workspace. */
async function joinJustInTime(db: Database, provider: SsoProvider, email: string, name: string): Promise<string> {
  const existing = await findFirst(db, users, eq(users.email, email), { id: true });
  if (existing) {
    const member = await withWorkspace(db, provider.workspaceId, (tx) =>
      findFirst(tx, memberships, and(eq(memberships.workspaceId, provider.workspaceId), eq(memberships.userId, existing.id)), { id: true }),
    );
    if (member) return existing.id;
  }
  await withWorkspace(db, provider.workspaceId, (tx) =>
    addMember(tx, provider.workspaceId, { email, name, password: randomToken(32), role: provider.defaultRole }),
  );
  const created = await findFirst(db, users, eq(users.email, email), { id: true });
  return created!.id;
}
