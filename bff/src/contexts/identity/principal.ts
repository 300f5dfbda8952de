/**
 * Who is calling. The `authenticate` middleware reads one credential per request —
 * `Authorization: Bearer nhood_sk_live_…` (API key), `Authorization: Bearer nhood_pk_…` (a
 * publishable key with a signed end user, publishable-keys.ts), `Authorization: Bearer <JWT>`, or
 * the `nh_at` cookie — and stores the principal. It never throws for a missing credential (public
 * routes need none); guards.ts turns the principal into 401/403/404 answers.
 *
 * Cookie-authenticated writes must carry `X-CSRF-Token` equal to the `nh_csrf` cookie
 * (double-submit, OWASP CSRF Prevention Cheat Sheet); credentials in a query string are refused
 * with 400 (they leak into logs and Referer headers), never read.
 *
 * Every refused credential — forged, expired or not-yet-valid token, unknown or revoked key, a
 * credential in the URL — appends an `auth.credential_rejected` domain event (so an audit row)
 * with the reason, where it came from and the path; never the credential itself.
 */
import { createMiddleware } from "hono/factory";
import { getCookie } from "hono/cookie";
import { eq, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { BadRequest, Forbidden, Unauthorized } from "../../lib/errors";
import type { AppEnv, Principal } from "../../lib/http";
import { requestContext } from "../../lib/request-context";
import { safeEqual, sha256Hex } from "../../lib/secrets";
import { users } from "./schema";
import { inspectAccessToken } from "./tokens";
import { workspaceGate, WorkspaceSuspended } from "./workspace-gate";
import { recordDomainEvent } from "../../kernel/events";
import { logger } from "../../lib/logger";
import { findFirst } from "../../db/find-first";
import { isPublishableKey, resolvePublishableKey } from "./publishable-keys";

export const API_KEY_PREFIX = "nhood_sk_live_";
/** Test keys start test executions (provider calls go to the sandbox); same length as the live prefix. */
export const TEST_API_KEY_PREFIX = "nhood_sk_test_";
/** Whether `value` looks like one of our API keys, live or test. */
export const isApiKey = (value: string): boolean => value.startsWith(API_KEY_PREFIX) || value.startsWith(TEST_API_KEY_PREFIX);
/** A key's mode, read from its prefix (decision 020): `nhood_sk_test_…` is test, anything else live. */
export const apiKeyMode = (keyOrPrefix: string): "live" | "test" => (keyOrPrefix.startsWith(TEST_API_KEY_PREFIX) ? "test" : "live");
export const ACCESS_COOKIE = "nh_at";
export const REFRESH_COOKIE = "nh_rt";
export const CSRF_COOKIE = "nh_csrf";

export type { Principal };

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const QUERY_CREDENTIALS = ["api_key", "apikey", "access_token", "token", "refresh_token", "jwt", "key"];

/**
 * Resolved API keys kept in memory (decision 036): an integration sends many requests a second
 * with one key, and resolving it was a transaction of its own for each. Only a usable key of a
 * usable workspace is kept, for at most API_KEY_CACHE_MS (default 1,000; 0 turns it off) and
 * never past the key's expiry; refused keys are looked up (and audited) every time. This
 * process forgets every kept key when it revokes a key or suspends or deletes a workspace
 * (`forgetResolvedApiKeys`, after that COMMIT); another process's such change reaches it within
 * API_KEY_CACHE_MS. A look-up that was under way when keys were forgotten is not kept.
 */
const API_KEY_CACHE_MS = Number(process.env.API_KEY_CACHE_MS ?? 1000);
const resolvedKeys = new Map<string, { principal: Principal; until: number }>();
let resolvedKeysEpoch = 0;

/** Forgets the API keys this process resolved (call after the COMMIT that revoked a key or made a workspace unusable). */
export function forgetResolvedApiKeys(): void {
  resolvedKeys.clear();
  resolvedKeysEpoch += 1;
}

/**
 * Resolves a full API key (stored as its SHA-256 hash) with one statement, `nh_resolve_api_key`
 * (migrations 0019, 0040): the key, its workspace's state (a suspended or deleted workspace throws
 * WorkspaceSuspended, 403) and a last_used_at touch at most once a minute; a usable key is kept
 * for a moment (above). Unknown, revoked and expired keys answer an anonymous principal with the
 * reason.
 */
async function resolveApiKey(db: Database, key: string): Promise<Principal> {
  const hash = sha256Hex(key);
  const kept = resolvedKeys.get(hash);
  if (kept) {
    if (kept.until > Date.now()) return kept.principal;
    resolvedKeys.delete(hash);
  }
  const epoch = resolvedKeysEpoch;
  const [row] = await db.execute<{
    api_key_id: string;
    workspace_id: string;
    scopes: string[];
    state: "active" | "revoked" | "expired";
    workspace_status: "active" | "suspended" | null;
    workspace_deleted: boolean | null;
    expires_at: string | Date | null;
  }>(sql`select * from nh_resolve_api_key(${hash})`);
  if (row?.state !== "active") {
    return {
      kind: "anonymous",
      error: "The API key is unknown, revoked or expired.",
      reason: !row ? "unknown_api_key" : row.state === "revoked" ? "revoked_api_key" : "expired_api_key",
    };
  }
  if (row.workspace_status !== null && !workspaceGate().isUsable({ status: row.workspace_status, deletedAt: row.workspace_deleted ? new Date(0) : null })) {
    throw new WorkspaceSuspended();
  }
  const principal: Principal = { kind: "api_key", apiKeyId: row.api_key_id, workspaceId: row.workspace_id, scopes: row.scopes, mode: apiKeyMode(key) };
  if (API_KEY_CACHE_MS > 0 && epoch === resolvedKeysEpoch) {
    const expiresAt = row.expires_at === null ? Number.POSITIVE_INFINITY : new Date(row.expires_at).getTime();
    if (resolvedKeys.size >= 10_000) resolvedKeys.clear(); // forgetting only costs a look-up
    resolvedKeys.set(hash, { principal, until: Math.min(Date.now() + API_KEY_CACHE_MS, expiresAt) });
  }
  return principal;
}

/**
 * The seed 003 §6.1 header pair: `X-API-Secret` is the full API key (the secret) and `X-API-Key`
 * its visible prefix (the public identifier shown in key lists), so a leaked `X-API-Key` alone
 * grants nothing. `X-API-Key` alone carrying a full key is accepted too (one-header clients).
 */
async function resolveApiKeyPair(db: Database, keyId: string, secret: string | undefined): Promise<Principal> {
  if (!secret) {
    return isApiKey(keyId) && keyId.length > API_KEY_PREFIX.length + 8
      ? resolveApiKey(db, keyId)
      : { kind: "anonymous", error: "Send X-API-Secret (the API key) with X-API-Key (its prefix).", reason: "incomplete_api_key_pair" };
  }
  // the stored prefix is the key's first characters (api-keys.ts), so no second look-up is needed
  if (!safeEqual(secret.slice(0, API_KEY_PREFIX.length + 8), keyId))
    return { kind: "anonymous", error: "X-API-Key does not belong to X-API-Secret.", reason: "mismatched_api_key_pair" };
  return resolveApiKey(db, secret);
}

async function resolveJwt(db: Database, token: string, via: "cookie" | "bearer"): Promise<Principal> {
  const checked = await inspectAccessToken(token);
  if (!("claims" in checked)) return { kind: "anonymous", error: "The access token is invalid or expired.", reason: checked.rejected };
  const { claims } = checked;
  if (claims.typ === "end_user") {
    if (!claims.ws) return { kind: "anonymous", error: "The access token is invalid.", reason: "missing_claim" };
    return { kind: "end_user", endUserId: claims.sub, workspaceId: claims.ws, via };
  }
  const user = await findFirst(db, users, eq(users.id, claims.sub));
  if (!user) return { kind: "anonymous", error: "The account no longer exists.", reason: "unknown_account" };
  if (user.disabledAt) return { kind: "anonymous", error: "The account is disabled.", reason: "account_disabled" };
  return { kind: "user", userId: user.id, email: user.email, name: user.name, platformRole: user.platformRole, activeWorkspaceId: claims.ws ?? null, via };
}

/** Resolves the principal and sets the request's audit facts. */
export function authenticate(db: Database) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const url = new URL(c.req.url);
    const named = QUERY_CREDENTIALS.find((name) => url.searchParams.has(name));
    if (named) {
      await auditRejected(db, c.req.method, c.req.path, "credential_in_query_string", "query_string", named);
      throw new BadRequest("Credentials are not accepted in the query string; send them in the Authorization header.", [
        { pointer: `#/query/${named}`, detail: "credentials must not be sent in the URL" },
      ]);
    }
    for (const [name, value] of url.searchParams) {
      // any parameter holding one of our API keys; JWT-shaped values are not refused here, since
      // public routes such as the OAuth callback carry third parties' opaque codes in the URL
      if (isApiKey(value)) {
        await auditRejected(db, c.req.method, c.req.path, "credential_in_query_string", "query_string", name);
        throw new BadRequest("Credentials are not accepted in the query string; send `Authorization: Bearer <credential>`.", [
          { pointer: `#/query/${name}`, detail: "credentials must not be sent in the URL" },
        ]);
      }
    }
    const header = c.req.header("authorization");
    let principal: Principal = { kind: "anonymous" };
    const pairKey = c.req.header("x-api-key");
    if (!header && pairKey) {
      principal = await resolveApiKeyPair(db, pairKey, c.req.header("x-api-secret"));
    } else if (header) {
      const [scheme, value] = header.split(" ", 2);
      if (scheme?.toLowerCase() !== "bearer" || !value) {
        principal = { kind: "anonymous", error: "Use `Authorization: Bearer <token>`." };
      } else {
        principal = isApiKey(value)
          ? await resolveApiKey(db, value)
          : isPublishableKey(value)
            ? await resolvePublishableKey(db, value, {
                workspace: c.req.header("x-nhood-workspace"),
                user: c.req.header("x-nhood-user"),
                userHash: c.req.header("x-nhood-user-hash"),
              })
            : await resolveJwt(db, value, "bearer");
      }
    } else {
      const cookie = getCookie(c, ACCESS_COOKIE);
      if (cookie) {
        principal = await resolveJwt(db, cookie, "cookie");
        if (principal.kind !== "anonymous" && UNSAFE.has(c.req.method)) assertCsrf(c.req.header("x-csrf-token"), getCookie(c, CSRF_COOKIE));
      }
    }
    c.set("principal", principal);
    if (principal.kind === "anonymous" && principal.error) {
      // a presented but refused credential (forged, expired, revoked) is an audited fact
      await auditRejected(
        db,
        c.req.method,
        c.req.path,
        principal.reason ?? principal.error,
        header ? "authorization_header" : pairKey ? "x_api_key" : "cookie",
      );
    }
    const facts = requestContext.getStore();
    if (facts) {
      facts.actor =
        principal.kind === "user"
          ? { kind: "user", id: principal.userId }
          : principal.kind === "api_key"
            ? { kind: "api_key", id: principal.apiKeyId }
            : principal.kind === "end_user"
              ? { kind: "end_user", id: principal.endUserId }
              : principal.kind === "client"
                ? { kind: "end_user", id: null }
                : { kind: "anonymous", id: null };
    }
    await next();
  });
}

/**
 * Appends `auth.credential_rejected` (platform scope, in its own transaction so it survives the
 * refused request): `reason` is a TokenRejection or another short code, `via` where the
 * credential came from, `parameter` the query parameter for a credential in the URL.
 */
async function auditRejected(db: Database, method: string, path: string, reason: string, via: string, parameter?: string): Promise<void> {
  await recordDomainEvent(db, {
    workspaceId: null,
    type: "auth.credential_rejected",
    payload: { method, path, reason, via, ...(parameter ? { parameter } : {}) },
  }).catch((err) => logger.error({ err }, "could not record a rejected credential"));
}

/** Double-submit check: the header must equal the `nh_csrf` cookie. Throws Forbidden. */
export function assertCsrf(header: string | undefined, cookie: string | undefined): void {
  if (!header || !cookie || !safeEqual(header, cookie)) {
    throw new Forbidden("Missing or wrong X-CSRF-Token header for a cookie-authenticated write.");
  }
}

export function unauthorizedFor(principal: Principal): Unauthorized {
  return new Unauthorized(principal.kind === "anonymous" && principal.error ? principal.error : undefined);
}
