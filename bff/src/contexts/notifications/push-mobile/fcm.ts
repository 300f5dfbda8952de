/**
 * Firebase Cloud Messaging, HTTP v1 API. A workspace's service account signs an RS256 JWT
 * assertion (RFC 7523: iss = client_email, scope firebase.messaging, aud = token_uri, one hour),
 * exchanged at the account's `token_uri` for an OAuth 2.0 access token that is cached until a
 * minute before it expires. Each device token gets one
 * `POST {FCM_BASE_URL}/v1/projects/{project_id}/messages:send` (firebase.google.com/docs/reference/fcm/rest/v1/projects.messages/send).
 * The token URL is the tenant's, so it goes through the outbound guard; the FCM base URL is the
 * operator's (`FCM_BASE_URL`, default https://fcm.googleapis.com).
 */
import { createHash } from "node:crypto";
import { importPKCS8, SignJWT } from "jose";
import { guardedFetch, OutboundBlocked, OutboundFailed } from "../../../lib/outbound";
import type { MobileMessage, TokenOutcome } from "./message";

/** The fields of a Google service account key (the downloaded JSON) that FCM needs. */
export interface FcmServiceAccount {
  project_id: string;
  client_email: string;
  private_key_id: string;
  /** PKCS#8 PEM, RSA */
  private_key: string;
  token_uri: string;
}

export const FCM_SCOPE = "https://www.googleapis.com/auth/firebase.messaging";
export const fcmBaseUrl = () => (process.env.FCM_BASE_URL ?? "https://fcm.googleapis.com").replace(/\/+$/, "");

/** Thrown when the service account cannot get an access token; `retryable` for 5xx / 429 / network. */
export class FcmAuthFailed extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

const accessTokens = new Map<string, { token: string; expiresAt: number }>();
const MAX_CACHED = 1000;

const cacheKey = (sa: FcmServiceAccount) =>
  createHash("sha256").update(`${sa.client_email}\n${sa.token_uri}\n${sa.private_key_id}\n${sa.private_key}`).digest("hex");

/** Forgets every cached access token (tests; a rotated key gets a new cache key anyway). */
export function clearFcmTokenCache(): void {
  accessTokens.clear();
}

const inFlight = new Map<string, Promise<string>>();

/**
 * An OAuth 2.0 access token for `sa`, from the cache or the token endpoint (one exchange at a
 * time per account: concurrent sends wait for the same one). Throws FcmAuthFailed.
 */
export async function fcmAccessToken(sa: FcmServiceAccount, now = Date.now()): Promise<string> {
  const key = cacheKey(sa);
  const cached = accessTokens.get(key);
  if (cached && cached.expiresAt > now) return cached.token;
  let pending = inFlight.get(key);
  if (!pending) {
    pending = exchange(sa, key, now).finally(() => inFlight.delete(key));
    inFlight.set(key, pending);
  }
  return pending;
}

async function exchange(sa: FcmServiceAccount, key: string, now: number): Promise<string> {
  const iat = Math.floor(now / 1000);
  const assertion = await new SignJWT({ scope: FCM_SCOPE })
    .setProtectedHeader({ alg: "RS256", typ: "JWT", kid: sa.private_key_id })
    .setIssuer(sa.client_email)
    .setAudience(sa.token_uri)
    .setIssuedAt(iat)
    .setExpirationTime(iat + 3600)
    .sign(await importPKCS8(sa.private_key, "RS256"));
  let res: Awaited<ReturnType<typeof guardedFetch>>;
  try {
    res = await guardedFetch(sa.token_uri, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body: new URLSearchParams({ grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer", assertion }).toString(),
      timeoutMs: 15_000,
      maxBytes: 64 * 1024,
    });
  } catch (e) {
    if (e instanceof OutboundBlocked) throw new FcmAuthFailed(`token_uri refused: ${e.message}`, false);
    throw new FcmAuthFailed(`token endpoint unreachable: ${(e as Error).message}`, true);
  }
  let body: { access_token?: string; expires_in?: number; error?: string; error_description?: string } = {};
  try {
    body = JSON.parse(res.body);
  } catch {}
  if (res.status !== 200 || typeof body.access_token !== "string") {
    const why = body.error ? `${body.error}${body.error_description ? `: ${body.error_description}` : ""}` : `HTTP ${res.status}`;
    throw new FcmAuthFailed(`token endpoint refused the service account (${why})`, res.status === 429 || res.status >= 500);
  }
  const lifetime = typeof body.expires_in === "number" ? body.expires_in : 3600;
  if (accessTokens.size >= MAX_CACHED) accessTokens.delete(accessTokens.keys().next().value!);
  accessTokens.set(key, { token: body.access_token, expiresAt: now + Math.max(0, lifetime - 60) * 1000 });
  return body.access_token;
}

function forget(sa: FcmServiceAccount): void {
  accessTokens.delete(cacheKey(sa));
}

/** The v1 `message` for one registration token (data values must be strings). */
export function fcmMessage(token: string, m: MobileMessage): Record<string, unknown> {
  const high = m.priority === "high" || m.priority === "critical";
  return {
    token,
    notification: { title: m.title, body: m.body },
    data: {
      notification_id: m.notificationId,
      priority: m.priority,
      ...(m.sound ? { sound: m.sound } : {}),
      ...(m.soundId ? { sound_id: m.soundId } : {}),
    },
    android: {
      priority: high ? "HIGH" : "NORMAL",
      ttl: "3600s",
      notification: { sound: m.sound ?? "default", ...(m.priority === "critical" ? { notification_priority: "PRIORITY_MAX" } : {}) },
    },
  };
}

interface FcmErrorBody {
  error?: { code?: number; message?: string; status?: string; details?: { "@type"?: string; errorCode?: string; fieldViolations?: { field?: string }[] }[] };
}

/**
 * Maps an FCM v1 answer to an outcome (firebase.google.com/docs/reference/fcm/rest/v1/ErrorCode):
 * UNREGISTERED / 404 NOT_FOUND and an INVALID_ARGUMENT about the token mean the token is dead
 * (prune it); 429 QUOTA_EXCEEDED, 500 INTERNAL and 503 UNAVAILABLE are retried (honouring
 * Retry-After); anything else fails this token only.
 */
export function fcmOutcome(status: number, bodyText: string, retryAfter?: string): TokenOutcome {
  if (status >= 200 && status < 300) return { kind: "sent" };
  let body: FcmErrorBody = {};
  try {
    body = JSON.parse(bodyText);
  } catch {}
  const err = body.error ?? {};
  const codes = (err.details ?? []).map((d) => d.errorCode).filter(Boolean);
  const reason = codes[0] ?? err.status ?? `HTTP ${status}`;
  const detail = `FCM ${status} ${reason}${err.message ? `: ${err.message}` : ""}`;
  if (codes.includes("UNREGISTERED") || status === 404 || err.status === "NOT_FOUND") return { kind: "invalid", reason: detail };
  if (status === 400 && (codes.includes("INVALID_ARGUMENT") || err.status === "INVALID_ARGUMENT")) {
    const aboutToken =
      /registration token/i.test(err.message ?? "") || (err.details ?? []).some((d) => (d.fieldViolations ?? []).some((f) => f.field === "message.token"));
    return aboutToken ? { kind: "invalid", reason: detail } : { kind: "failed", reason: detail };
  }
  if (status === 429 || status >= 500) return { kind: "retry", reason: detail, retryAfterMs: retryAfterMs(retryAfter) };
  return { kind: "failed", reason: detail };
}

/** Seconds or an HTTP date (RFC 9110 §10.2.3) to milliseconds; undefined when absent or unreadable. */
export function retryAfterMs(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * Sends `m` to one registration token. A 401 (the access token expired early or was revoked)
 * drops the cached token and tries once more with a fresh one. Never throws for an answer of
 * FCM's; an unreachable FCM is a retry.
 */
export async function sendFcm(sa: FcmServiceAccount, token: string, m: MobileMessage): Promise<TokenOutcome> {
  for (let attempt = 0; ; attempt++) {
    let access: string;
    try {
      access = await fcmAccessToken(sa);
    } catch (e) {
      if (e instanceof FcmAuthFailed) return e.retryable ? { kind: "retry", reason: e.message } : { kind: "failed", reason: e.message };
      throw e;
    }
    let res: Awaited<ReturnType<typeof guardedFetch>>;
    try {
      res = await guardedFetch(`${fcmBaseUrl()}/v1/projects/${encodeURIComponent(sa.project_id)}/messages:send`, {
        method: "POST",
        headers: { authorization: `Bearer ${access}`, "content-type": "application/json; charset=utf-8" },
        body: JSON.stringify({ message: fcmMessage(token, m) }),
        timeoutMs: 15_000,
        maxBytes: 64 * 1024,
      });
    } catch (e) {
      if (e instanceof OutboundFailed || e instanceof OutboundBlocked) return { kind: "retry", reason: `FCM unreachable: ${e.message}` };
      throw e;
    }
    if (res.status === 401 && attempt === 0) {
      forget(sa);
      continue;
    }
    return fcmOutcome(res.status, res.body, res.headers["retry-after"]);
  }
}
