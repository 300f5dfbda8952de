/**
 * Local stand-ins for Google's OAuth token endpoint, FCM's HTTP v1 API and APNs (HTTP/2), for the
 * mobile push tests. They check what the real services check (the JWT assertion's signature and
 * claims, the bearer token, the APNs provider token and headers) and answer in their real formats,
 * success and errors alike (FCM: google.rpc.Status with an FcmError detail; APNs: `{"reason"}`).
 * Each speaks TLS with a self-signed certificate made by openssl for the run.
 */
import { execFileSync } from "node:child_process";
import { generateKeyPairSync, randomBytes, randomUUID, type KeyObject } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import http2 from "node:http2";
import https from "node:https";
import { tmpdir } from "node:os";
import path from "node:path";
import { decodeProtectedHeader, jwtVerify, type JWTPayload } from "jose";

/** A self-signed certificate for 127.0.0.1 (EC P-256, one day). */
export function selfSignedCert(): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(path.join(tmpdir(), "push-mobile-"));
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:prime256v1",
      "-nodes",
      "-days",
      "1",
      "-subj",
      "/CN=127.0.0.1",
      "-addext",
      "subjectAltName=IP:127.0.0.1",
      "-keyout",
      path.join(dir, "key.pem"),
      "-out",
      path.join(dir, "cert.pem"),
    ],
    { stdio: "ignore" },
  );
  return { key: readFileSync(path.join(dir, "key.pem")), cert: readFileSync(path.join(dir, "cert.pem")) };
}

/** A service account key JSON for `projectId` whose token_uri is `tokenUri`, and its public key. */
export function serviceAccount(projectId: string, tokenUri: string) {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const json = {
    type: "service_account" as const,
    project_id: projectId,
    private_key_id: randomBytes(20).toString("hex"),
    private_key: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    client_email: `push@${projectId}.iam.gserviceaccount.com`,
    client_id: "109876543210987654321",
    auth_uri: "https://accounts.google.com/o/oauth2/auth",
    token_uri: tokenUri,
  };
  return { json, publicKey };
}

/** An APNs signing key (.p8 content) and its public key. */
export function apnsKey(): { p8: string; publicKey: KeyObject } {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  return { p8: privateKey.export({ type: "pkcs8", format: "pem" }).toString(), publicKey };
}

export interface FcmRequest {
  project: string;
  authorization: string | undefined;
  contentType: string | undefined;
  message: Record<string, unknown> & { token?: string };
}

/** A registration token shaped like FCM's (152+ chars of base64url and a colon). */
export const fcmToken = () => `${randomBytes(11).toString("base64url")}:APA91b${randomBytes(105).toString("base64url")}`;

const fcmError = (code: number, status: string, message: string, errorCode?: string) => ({
  error: {
    code,
    message,
    status,
    details: errorCode ? [{ "@type": "type.googleapis.com/google.firebase.fcm.v1.FcmError", errorCode }] : [],
  },
});

/**
 * Google's token endpoint (`POST /token`, RFC 7523 JWT bearer grant) and FCM v1
 * (`POST /v1/projects/{project}/messages:send`). `accounts` maps client_email → public key;
 * `devices` are the live registration tokens (others of FCM's shape are UNREGISTERED, anything
 * else INVALID_ARGUMENT); `failNext` queues statuses (429 / 503) per token.
 */
export async function startFcm() {
  const tls = selfSignedCert();
  const accounts = new Map<string, { publicKey: KeyObject; projectId: string }>();
  const issued = new Set<string>();
  const devices = new Set<string>();
  const failNext = new Map<string, number[]>();
  const tokenRequests: { form: URLSearchParams; header: ReturnType<typeof decodeProtectedHeader>; claims: JWTPayload }[] = [];
  const sends: FcmRequest[] = [];
  let base = "";
  const server = https.createServer(tls, (req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (d: Buffer) => chunks.push(d));
    req.on("end", async () => {
      const text = Buffer.concat(chunks).toString("utf8");
      const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
        res.writeHead(status, { "content-type": "application/json; charset=UTF-8", ...headers }).end(JSON.stringify(body));
      if (req.method === "POST" && req.url === "/token") {
        const form = new URLSearchParams(text);
        if (form.get("grant_type") !== "urn:ietf:params:oauth:grant-type:jwt-bearer")
          return json(400, { error: "unsupported_grant_type", error_description: "Invalid grant_type: " });
        const assertion = form.get("assertion") ?? "";
        try {
          const header = decodeProtectedHeader(assertion);
          const unverified = JSON.parse(Buffer.from(assertion.split(".")[1] ?? "", "base64url").toString()) as JWTPayload;
          const account = accounts.get(String(unverified.iss));
          if (!account) return json(400, { error: "invalid_grant", error_description: "Invalid grant: account not found" });
          const { payload } = await jwtVerify(assertion, account.publicKey, {
            algorithms: ["RS256"],
            audience: `${base}/token`,
            issuer: String(unverified.iss),
          });
          tokenRequests.push({ form, header, claims: payload });
          const token = `ya29.${randomBytes(24).toString("base64url")}`;
          issued.add(token);
          return json(200, { access_token: token, expires_in: 3599, token_type: "Bearer" });
        } catch {
          return json(400, { error: "invalid_grant", error_description: "Invalid JWT Signature." });
        }
      }
      const m = /^\/v1\/projects\/([^/]+)\/messages:send$/.exec(req.url ?? "");
      if (req.method === "POST" && m) {
        const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
        if (!bearer || !issued.has(bearer)) {
          return json(
            401,
            fcmError(
              401,
              "UNAUTHENTICATED",
              "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.",
            ),
          );
        }
        let body: { message?: FcmRequest["message"] } = {};
        try {
          body = JSON.parse(text);
        } catch {
          return json(400, fcmError(400, "INVALID_ARGUMENT", "Invalid JSON payload received."));
        }
        const message = body.message ?? {};
        sends.push({ project: decodeURIComponent(m[1]!), authorization: req.headers.authorization, contentType: req.headers["content-type"], message });
        const token = String(message.token ?? "");
        const queued = failNext.get(token)?.shift();
        if (queued === 429) return json(429, fcmError(429, "RESOURCE_EXHAUSTED", "Quota exceeded for the device.", "QUOTA_EXCEEDED"), { "retry-after": "7" });
        if (queued === 503) return json(503, fcmError(503, "UNAVAILABLE", "The service is currently unavailable.", "UNAVAILABLE"));
        if (!/^[\w-]+:APA91b[\w-]+$/.test(token)) {
          return json(400, fcmError(400, "INVALID_ARGUMENT", "The registration token is not a valid FCM registration token", "INVALID_ARGUMENT"));
        }
        if (!devices.has(token)) return json(404, fcmError(404, "NOT_FOUND", "Requested entity was not found.", "UNREGISTERED"));
        return json(200, { name: `projects/${m[1]}/messages/0:${Date.now()}%${randomBytes(8).toString("hex")}` });
      }
      json(404, fcmError(404, "NOT_FOUND", "Not found"));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `https://127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    base,
    tokenUri: `${base}/token`,
    accounts,
    devices,
    failNext,
    tokenRequests,
    sends,
    /** forgets every access token issued so far (they answer 401 UNAUTHENTICATED, as expired ones do) */
    revokeAll: () => issued.clear(),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

export interface ApnsRequest {
  headers: http2.IncomingHttpHeaders;
  token: string;
  jwtHeader: ReturnType<typeof decodeProtectedHeader> | null;
  claims: JWTPayload | null;
  payload: Record<string, unknown>;
}

/** A device token shaped like APNs's (32 bytes, hex). */
export const apnsToken = () => randomBytes(32).toString("hex");

/**
 * APNs over HTTP/2 with TLS: `POST /3/device/{token}`. `keys` maps key id → { team id, public
 * key, topic }; `devices` are live tokens, `gone` tokens answer 410 Unregistered, malformed ones
 * 400 BadDeviceToken; `failNext` queues 429 / 503 per token; `expireTokensIssuedBefore` makes
 * older provider tokens answer 403 ExpiredProviderToken.
 */
export async function startApns() {
  const tls = selfSignedCert();
  const keys = new Map<string, { teamId: string; publicKey: KeyObject; topic: string }>();
  const devices = new Set<string>();
  const gone = new Set<string>();
  const failNext = new Map<string, number[]>();
  const requests: ApnsRequest[] = [];
  const state = { expireTokensIssuedBefore: 0, sessions: 0 };
  const server = http2.createSecureServer(tls);
  server.on("session", () => (state.sessions += 1));
  server.on("stream", (stream, headers) => {
    const chunks: Buffer[] = [];
    stream.on("data", (d: Buffer) => chunks.push(d));
    stream.on("end", async () => {
      const apnsId = String(headers["apns-id"] ?? randomUUID()).toUpperCase();
      const answer = (status: number, reason?: string, extra: Record<string, unknown> = {}) => {
        stream.respond({ ":status": status, "apns-id": apnsId, ...(reason ? { "content-type": "application/json" } : {}) });
        stream.end(reason ? JSON.stringify({ reason, ...extra }) : undefined);
      };
      const m = /^\/3\/device\/([^/?]+)$/.exec(String(headers[":path"]));
      if (headers[":method"] !== "POST") return answer(405, "MethodNotAllowed");
      if (!m) return answer(404, "BadPath");
      const token = decodeURIComponent(m[1]!);
      const jwt = /^bearer (.+)$/.exec(String(headers.authorization ?? ""))?.[1];
      if (!jwt) return answer(403, "MissingProviderToken");
      let jwtHeader: ReturnType<typeof decodeProtectedHeader> | null = null;
      let claims: JWTPayload | null = null;
      try {
        jwtHeader = decodeProtectedHeader(jwt);
        const key = keys.get(String(jwtHeader.kid));
        if (!key) return answer(403, "InvalidProviderToken");
        claims = (await jwtVerify(jwt, key.publicKey, { algorithms: ["ES256"], issuer: key.teamId })).payload;
        if (!claims.iat || claims.iat * 1000 < state.expireTokensIssuedBefore || claims.iat * 1000 < Date.now() - 3600_000) {
          return answer(403, "ExpiredProviderToken");
        }
        if (!headers["apns-topic"]) return answer(400, "MissingTopic");
        if (headers["apns-topic"] !== key.topic) return answer(400, "TopicDisallowed");
      } catch {
        return answer(403, "InvalidProviderToken");
      }
      const body = Buffer.concat(chunks);
      if (body.length > 4096) return answer(413, "PayloadTooLarge");
      let payload: Record<string, unknown>;
      try {
        payload = JSON.parse(body.toString("utf8"));
      } catch {
        return answer(400, "PayloadEmpty");
      }
      if (!["alert", "background", "voip", "complication", "fileprovider", "mdm", "liveactivity"].includes(String(headers["apns-push-type"]))) {
        return answer(400, "InvalidPushType");
      }
      if (headers["apns-priority"] !== undefined && !["10", "5", "1"].includes(String(headers["apns-priority"]))) return answer(400, "BadPriority");
      requests.push({ headers, token, jwtHeader, claims, payload });
      const queued = failNext.get(token)?.shift();
      if (queued === 429) return answer(429, "TooManyRequests");
      if (queued === 503) return answer(503, "ServiceUnavailable");
      if (!/^[0-9a-f]{64}$/i.test(token)) return answer(400, "BadDeviceToken");
      if (gone.has(token)) return answer(410, "Unregistered", { timestamp: Date.now() });
      if (!devices.has(token)) return answer(400, "BadDeviceToken");
      answer(200);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    base: `https://127.0.0.1:${(server.address() as { port: number }).port}`,
    keys,
    devices,
    gone,
    failNext,
    requests,
    state,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
