/**
 * Apple Push Notification service, token-based (developer.apple.com: "Establishing a token-based
 * connection to APNs", "Sending notification requests to APNs"). A workspace's .p8 signing key
 * signs an ES256 JWT (header `kid` = key id, claims `iss` = team id, `iat`), reused for 50 minutes
 * (Apple refuses tokens older than an hour and asks for no more than one new token per 20 minutes).
 * Each device token gets one HTTP/2 `POST /3/device/{token}` with `apns-topic` (the bundle id),
 * `apns-push-type: alert`, `apns-priority` and `apns-expiration`, on one kept-open connection per
 * APNs host. Hosts are the operator's: `APNS_BASE_URL` (default https://api.push.apple.com) and
 * `APNS_SANDBOX_BASE_URL` (default https://api.sandbox.push.apple.com).
 */
import { createHash } from "node:crypto";
import http2 from "node:http2";
import { importPKCS8, SignJWT } from "jose";
import type { MobileMessage, TokenOutcome } from "./message";

/** A workspace's APNs settings; `key_p8` is the PKCS#8 PEM of the .p8 file (P-256). */
export interface ApnsCredentials {
  key_p8: string;
  key_id: string;
  team_id: string;
  bundle_id: string;
  environment: "sandbox" | "production";
}

/** How long a provider token is reused (under Apple's one hour). */
export const APNS_JWT_REUSE_MS = 50 * 60 * 1000;

export const apnsBaseUrl = (environment: ApnsCredentials["environment"]) =>
  (environment === "sandbox"
    ? (process.env.APNS_SANDBOX_BASE_URL ?? "https://api.sandbox.push.apple.com")
    : (process.env.APNS_BASE_URL ?? "https://api.push.apple.com")
  ).replace(/\/+$/, "");

const jwts = new Map<string, { jwt: string; issuedAt: number }>();
const sessions = new Map<string, http2.ClientHttp2Session>();
const MAX_CACHED = 1000;

const cacheKey = (c: ApnsCredentials) => createHash("sha256").update(`${c.team_id}\n${c.key_id}\n${c.key_p8}`).digest("hex");

/** The provider token for `c`, reused until APNS_JWT_REUSE_MS old. */
export async function apnsProviderToken(c: ApnsCredentials, now = Date.now()): Promise<string> {
  const key = cacheKey(c);
  const cached = jwts.get(key);
  if (cached && now - cached.issuedAt < APNS_JWT_REUSE_MS) return cached.jwt;
  const jwt = await new SignJWT({})
    .setProtectedHeader({ alg: "ES256", kid: c.key_id })
    .setIssuer(c.team_id)
    .setIssuedAt(Math.floor(now / 1000))
    .sign(await importPKCS8(c.key_p8, "ES256"));
  if (jwts.size >= MAX_CACHED) jwts.delete(jwts.keys().next().value!);
  jwts.set(key, { jwt, issuedAt: now });
  return jwt;
}

/** Forgets cached provider tokens and closes the kept-open connections (tests, shutdown). */
export function resetApns(): void {
  jwts.clear();
  for (const s of sessions.values()) s.close();
  sessions.clear();
}

function sessionFor(origin: string): http2.ClientHttp2Session {
  const open = sessions.get(origin);
  if (open && !open.closed && !open.destroyed) return open;
  const s = http2.connect(origin);
  const drop = () => {
    if (sessions.get(origin) === s) sessions.delete(origin);
  };
  s.on("error", drop);
  s.on("goaway", drop);
  s.on("close", drop);
  // an idle connection closes after a minute; Apple keeps them open but we have no heartbeat
  s.setTimeout(60_000, () => s.close());
  sessions.set(origin, s);
  return s;
}

/** The APNs JSON payload (the `aps` dictionary plus our keys; ≤ 4 KB). */
export function apnsPayload(m: MobileMessage): Record<string, unknown> {
  const urgent = m.priority === "high" || m.priority === "critical";
  return {
    aps: {
      alert: { title: m.title, body: m.body },
      sound: m.sound ?? "default",
      ...(urgent ? { "interruption-level": "time-sensitive" } : {}),
    },
    notification_id: m.notificationId,
    priority: m.priority,
    ...(m.soundId ? { sound_id: m.soundId } : {}),
  };
}

interface RawAnswer {
  status: number;
  body: string;
}

function post(origin: string, path: string, headers: Record<string, string>, body: string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    let s: http2.ClientHttp2Session;
    try {
      s = sessionFor(origin);
    } catch (e) {
      reject(e);
      return;
    }
    const req = s.request({ ":method": "POST", ":path": path, ...headers });
    req.setTimeout(15_000, () => req.close(http2.constants.NGHTTP2_CANCEL));
    let status = 0;
    let text = "";
    req.setEncoding("utf8");
    req.on("response", (h) => {
      status = Number(h[":status"]);
    });
    req.on("data", (d: string) => {
      if (text.length < 64 * 1024) text += d;
    });
    req.on("end", () => resolve({ status, body: text }));
    req.on("close", () => {
      if (!status) reject(new Error("the APNs stream closed without an answer"));
    });
    req.on("error", reject);
    req.end(body);
  });
}

/**
 * Maps an APNs answer to an outcome (Apple's "Handling notification responses from APNs"):
 * 410 Unregistered and 400 BadDeviceToken mean the token is dead (prune it); 429
 * TooManyRequests, 500 InternalServerError and 503 ServiceUnavailable / Shutdown are retried;
 * anything else (bad topic, bad provider token, payload) fails this token only.
 */
export function apnsOutcome(a: RawAnswer): TokenOutcome {
  if (a.status === 200) return { kind: "sent" };
  let reason = `HTTP ${a.status}`;
  try {
    reason = (JSON.parse(a.body) as { reason?: string }).reason ?? reason;
  } catch {}
  const detail = `APNs ${a.status} ${reason}`;
  if (a.status === 410 || (a.status === 400 && reason === "BadDeviceToken")) return { kind: "invalid", reason: detail };
  if (a.status === 429 || a.status >= 500) return { kind: "retry", reason: detail };
  return { kind: "failed", reason: detail };
}

/**
 * Sends `m` to one device token. An `ExpiredProviderToken` 403 drops the cached JWT and tries once
 * more with a fresh one. Never throws for an APNs answer; a connection failure is a retry.
 */
export async function sendApns(c: ApnsCredentials, token: string, m: MobileMessage): Promise<TokenOutcome> {
  const origin = apnsBaseUrl(c.environment);
  const urgent = m.priority !== "low";
  for (let attempt = 0; ; attempt++) {
    let answer: RawAnswer;
    try {
      answer = await post(
        origin,
        `/3/device/${encodeURIComponent(token)}`,
        {
          authorization: `bearer ${await apnsProviderToken(c)}`,
          "apns-topic": c.bundle_id,
          "apns-push-type": "alert",
          "apns-priority": urgent ? "10" : "5",
          "apns-expiration": String(Math.floor(Date.now() / 1000) + 3600),
          "content-type": "application/json",
        },
        JSON.stringify(apnsPayload(m)),
      );
    } catch (e) {
      return { kind: "retry", reason: `APNs unreachable: ${(e as Error).message}` };
    }
    const outcome = apnsOutcome(answer);
    if (attempt === 0 && answer.status === 403 && answer.body.includes("ExpiredProviderToken")) {
      jwts.delete(cacheKey(c));
      continue;
    }
    return outcome;
  }
}
