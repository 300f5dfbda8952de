/**
 * The FCM HTTP v1 and APNs senders against local services that check and answer like the real
 * ones (testing/push-services.ts): Google's token endpoint verifies the service account's RS256
 * assertion; FCM wants the OAuth bearer token and a v1 message; APNs (HTTP/2 over TLS) verifies
 * the ES256 provider token and its headers. No database here.
 */
import { createPublicKey } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apnsKey, apnsToken, fcmToken, serviceAccount, startApns, startFcm } from "../testing/push-services";
import { apnsProviderToken, resetApns, sendApns, type ApnsCredentials } from "./apns";
import { clearFcmTokenCache, fcmAccessToken, fcmOutcome, retryAfterMs, sendFcm, type FcmServiceAccount } from "./fcm";
import type { MobileMessage } from "./message";

let fcm: Awaited<ReturnType<typeof startFcm>>;
let apns: Awaited<ReturnType<typeof startApns>>;

beforeAll(async () => {
  process.env.NH_OUTBOUND_ALLOWLIST = "127.0.0.1/32";
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0"; // the local services' certificates are self-signed
  fcm = await startFcm();
  apns = await startApns();
  process.env.FCM_BASE_URL = fcm.base;
  process.env.APNS_SANDBOX_BASE_URL = apns.base;
  process.env.APNS_BASE_URL = apns.base;
});
afterAll(async () => {
  resetApns();
  await fcm.close();
  await apns.close();
});

const message = (over: Partial<MobileMessage> = {}): MobileMessage => ({
  notificationId: "e5f6a7b8-c9d0-4e1f-8a2b-3c4d5e6f7a8b",
  title: "Order over 1000",
  body: "Ada ordered for 1250 EUR.",
  priority: "high",
  sound: "cash-register.wav",
  soundId: "c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f",
  ...over,
});

function fcmAccount(project = "acme-mobile"): FcmServiceAccount {
  const sa = serviceAccount(project, fcm.tokenUri);
  fcm.accounts.set(sa.json.client_email, { publicKey: sa.publicKey, projectId: project });
  return sa.json;
}

describe("FCM HTTP v1", () => {
  it("exchanges a signed assertion for an access token once and sends the v1 message with it", async () => {
    clearFcmTokenCache();
    const sa = fcmAccount();
    const [a, b] = [fcmToken(), fcmToken()];
    fcm.devices.add(a).add(b);
    const before = fcm.tokenRequests.length;
    expect(await sendFcm(sa, a, message())).toEqual({ kind: "sent" });
    expect(await sendFcm(sa, b, message({ priority: "low", sound: null, soundId: null }))).toEqual({ kind: "sent" });
    // one token exchange for both sends (cached until it expires)
    expect(fcm.tokenRequests.length - before).toBe(1);
    const t = fcm.tokenRequests.at(-1)!;
    expect(t.form.get("grant_type")).toBe("urn:ietf:params:oauth:grant-type:jwt-bearer");
    expect(t.header).toMatchObject({ alg: "RS256", typ: "JWT", kid: sa.private_key_id });
    expect(t.claims).toMatchObject({ iss: sa.client_email, aud: fcm.tokenUri, scope: "https://www.googleapis.com/auth/firebase.messaging" });
    expect(t.claims.exp! - t.claims.iat!).toBe(3600);

    const [first, second] = fcm.sends.slice(-2);
    expect(first!.project).toBe("acme-mobile");
    expect(first!.authorization).toMatch(/^Bearer ya29\./);
    expect(second!.authorization).toBe(first!.authorization);
    expect(first!.contentType).toMatch(/^application\/json/);
    expect(first!.message).toEqual({
      token: a,
      notification: { title: "Order over 1000", body: "Ada ordered for 1250 EUR." },
      data: { notification_id: message().notificationId, priority: "high", sound: "cash-register.wav", sound_id: message().soundId },
      android: { priority: "HIGH", ttl: "3600s", notification: { sound: "cash-register.wav" } },
    });
    expect(second!.message).toMatchObject({ android: { priority: "NORMAL", notification: { sound: "default" } }, data: { priority: "low" } });
    // FCM refuses non-string data values; every one is a string
    for (const v of Object.values(second!.message.data as Record<string, unknown>)) expect(typeof v).toBe("string");
  });

  it("makes one token exchange for concurrent sends of one account", async () => {
    const sa = fcmAccount();
    const devices = Array.from({ length: 5 }, fcmToken);
    for (const d of devices) fcm.devices.add(d);
    const before = fcm.tokenRequests.length;
    const outcomes = await Promise.all(devices.map((d) => sendFcm(sa, d, message())));
    expect(outcomes).toEqual(devices.map(() => ({ kind: "sent" })));
    expect(fcm.tokenRequests.length - before).toBe(1);
  });

  it("calls an UNREGISTERED token and a malformed one invalid, retries 429 and 503, fails a refused payload", async () => {
    const sa = fcmAccount();
    expect(await sendFcm(sa, fcmToken(), message())).toMatchObject({ kind: "invalid", reason: expect.stringContaining("UNREGISTERED") });
    expect(await sendFcm(sa, "not-a-token", message())).toMatchObject({ kind: "invalid", reason: expect.stringContaining("INVALID_ARGUMENT") });
    const busy = fcmToken();
    fcm.devices.add(busy);
    fcm.failNext.set(busy, [429, 503]);
    expect(await sendFcm(sa, busy, message())).toMatchObject({ kind: "retry", retryAfterMs: 7000, reason: expect.stringContaining("QUOTA_EXCEEDED") });
    expect(await sendFcm(sa, busy, message())).toMatchObject({ kind: "retry", reason: expect.stringContaining("UNAVAILABLE") });
    expect(await sendFcm(sa, busy, message())).toEqual({ kind: "sent" });
    // an INVALID_ARGUMENT about the payload is not the token's fault
    const payloadError = JSON.stringify({
      error: {
        code: 400,
        message: "Invalid value at 'message.android.ttl'",
        status: "INVALID_ARGUMENT",
        details: [{ "@type": "type.googleapis.com/google.rpc.BadRequest", fieldViolations: [{ field: "message.android.ttl", description: "Invalid value" }] }],
      },
    });
    expect(fcmOutcome(400, payloadError)).toMatchObject({ kind: "failed" });
    expect(fcmOutcome(404, "")).toMatchObject({ kind: "invalid" });
    expect(fcmOutcome(500, "")).toMatchObject({ kind: "retry" });
    expect(
      fcmOutcome(403, JSON.stringify({ error: { code: 403, status: "PERMISSION_DENIED", details: [{ errorCode: "SENDER_ID_MISMATCH" }] } })),
    ).toMatchObject({
      kind: "failed",
    });
    expect(retryAfterMs("120")).toBe(120_000);
    expect(retryAfterMs(new Date(Date.now() + 30_000).toUTCString())).toBeGreaterThan(28_000);
  });

  it("gets a fresh access token after a 401, and fails when the token endpoint refuses the account", async () => {
    const sa = fcmAccount();
    const device = fcmToken();
    fcm.devices.add(device);
    expect(await sendFcm(sa, device, message())).toEqual({ kind: "sent" });
    const exchanges = fcm.tokenRequests.length;
    const stale = fcm.sends.at(-1)!.authorization;
    fcm.revokeAll(); // the cached access token now answers 401 UNAUTHENTICATED
    expect(await sendFcm(sa, device, message())).toEqual({ kind: "sent" });
    expect(fcm.tokenRequests.length).toBe(exchanges + 1);
    expect(fcm.sends.at(-1)!.authorization).not.toBe(stale);

    const stranger = serviceAccount("other-project", fcm.tokenUri).json; // not known to the token endpoint
    expect(await sendFcm(stranger, device, message())).toMatchObject({ kind: "failed", reason: expect.stringContaining("invalid_grant") });
    // a token_uri the outbound guard refuses is never called
    await expect(fcmAccessToken({ ...sa, private_key_id: "x", token_uri: "https://10.0.0.1/token" })).rejects.toThrow(/refused/);
  });
});

function apnsCreds(environment: ApnsCredentials["environment"] = "sandbox"): ApnsCredentials {
  const k = apnsKey();
  const keyId = Math.random().toString(36).slice(2, 12).toUpperCase().padEnd(10, "X");
  apns.keys.set(keyId, { teamId: "DEF123GHIJ", publicKey: createPublicKey(k.publicKey.export({ type: "spki", format: "pem" })), topic: "com.acme.app" });
  return { key_p8: k.p8, key_id: keyId, team_id: "DEF123GHIJ", bundle_id: "com.acme.app", environment };
}

describe("APNs (HTTP/2, token-based)", () => {
  it("posts to /3/device/{token} with the provider token, topic, push type and priority, reusing the JWT and the connection", async () => {
    const c = apnsCreds();
    const [a, b] = [apnsToken(), apnsToken()];
    apns.devices.add(a).add(b);
    const sessions = apns.state.sessions;
    expect(await sendApns(c, a, message())).toEqual({ kind: "sent" });
    expect(await sendApns(c, b, message({ priority: "low", sound: null, soundId: null }))).toEqual({ kind: "sent" });
    expect(apns.state.sessions - sessions).toBeLessThanOrEqual(1);
    const [r1, r2] = apns.requests.slice(-2);
    expect(r1!.token).toBe(a);
    expect(r1!.headers[":method"]).toBe("POST");
    expect(r1!.headers["apns-topic"]).toBe("com.acme.app");
    expect(r1!.headers["apns-push-type"]).toBe("alert");
    expect(r1!.headers["apns-priority"]).toBe("10");
    expect(Number(r1!.headers["apns-expiration"])).toBeGreaterThan(Date.now() / 1000);
    expect(r2!.headers["apns-priority"]).toBe("5");
    expect(r1!.jwtHeader).toEqual({ alg: "ES256", kid: c.key_id });
    expect(r1!.claims).toEqual({ iss: "DEF123GHIJ", iat: expect.any(Number) });
    expect(r2!.headers.authorization).toBe(r1!.headers.authorization);
    expect(r1!.payload).toEqual({
      aps: { alert: { title: "Order over 1000", body: "Ada ordered for 1250 EUR." }, sound: "cash-register.wav", "interruption-level": "time-sensitive" },
      notification_id: message().notificationId,
      priority: "high",
      sound_id: message().soundId,
    });
    expect(r2!.payload).toEqual({
      aps: { alert: { title: "Order over 1000", body: "Ada ordered for 1250 EUR." }, sound: "default" },
      notification_id: message().notificationId,
      priority: "low",
    });
  });

  it("reuses a provider token for 50 minutes and signs a new one after", async () => {
    const c = apnsCreds();
    const now = Date.now();
    const first = await apnsProviderToken(c, now);
    expect(await apnsProviderToken(c, now + 49 * 60_000)).toBe(first);
    expect(await apnsProviderToken(c, now + 51 * 60_000)).not.toBe(first);
  });

  it("calls 410 Unregistered and 400 BadDeviceToken invalid, retries 429 and 503, re-signs after ExpiredProviderToken", async () => {
    const c = apnsCreds();
    const goneToken = apnsToken();
    apns.gone.add(goneToken);
    expect(await sendApns(c, goneToken, message())).toMatchObject({ kind: "invalid", reason: "APNs 410 Unregistered" });
    expect(await sendApns(c, "abc", message())).toMatchObject({ kind: "invalid", reason: "APNs 400 BadDeviceToken" });
    const busy = apnsToken();
    apns.devices.add(busy);
    apns.failNext.set(busy, [429, 503]);
    expect(await sendApns(c, busy, message())).toMatchObject({ kind: "retry", reason: "APNs 429 TooManyRequests" });
    expect(await sendApns(c, busy, message())).toMatchObject({ kind: "retry", reason: "APNs 503 ServiceUnavailable" });
    expect(await sendApns(c, busy, message())).toEqual({ kind: "sent" });
    const before = apns.requests.filter((r) => r.token === busy).at(-1)!.headers.authorization;
    // every token signed so far is now "expired" (iat has whole seconds: the next second's start)
    apns.state.expireTokensIssuedBefore = Math.floor(Date.now() / 1000) * 1000 + 1000;
    await new Promise((r) => setTimeout(r, 1100));
    expect(await sendApns(c, busy, message())).toEqual({ kind: "sent" });
    expect(apns.requests.filter((r) => r.token === busy).at(-1)!.headers.authorization).not.toBe(before);
    apns.state.expireTokensIssuedBefore = 0;
    // a wrong bundle id is the workspace's mistake, not the device's: failed, not pruned
    expect(await sendApns({ ...c, bundle_id: "com.other.app" }, busy, message())).toMatchObject({ kind: "failed", reason: "APNs 400 TopicDisallowed" });
  });

  it("answers retry when APNs cannot be reached", async () => {
    const saved = process.env.APNS_BASE_URL;
    process.env.APNS_BASE_URL = "https://127.0.0.1:1";
    try {
      expect(await sendApns(apnsCreds("production"), apnsToken(), message())).toMatchObject({ kind: "retry" });
    } finally {
      process.env.APNS_BASE_URL = saved;
    }
  });
});
