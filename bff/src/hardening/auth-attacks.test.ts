/**
 * Authentication attacks (OWASP API2:2023, ASVS 5.0 V6/V7/V9, RFC 8725 JWT BCP): every attack is
 * sent to the real app and must be refused (4xx problem+json, never a session) AND audited (one
 * `audit_log` row per refused request, found by the request's unique User-Agent).
 *
 * - access tokens: `alg: none`; RS256 signed with a fresh RSA key (also with the public key
 *   embedded as a `jwk` header, CVE-2018-0114); HS256 whose HMAC secret is that RSA public key's
 *   PEM (key confusion); HS256 with another secret; expired; not yet valid (`nbf`); wrong `aud`;
 *   wrong `iss`
 * - refresh tokens: a spent token replayed (the family is revoked), then the family's newer token
 * - credentials in the URL: `?api_key=`, `?access_token=`, `?token=` carrying VALID credentials
 * - brute force: 10 wrong passwords lock the account; the right password then gets 429
 *
 * Prints one JSON line: attacks, requests, refused, audited.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SignJWT, UnsecuredJWT, exportJWK, exportSPKI, generateKeyPair } from "jose";
import { openHarness, type Harness } from "../testing/harness";
import { cookieHeader, setCookies, signUpWorkspace, userIdOf, type FreshWorkspace } from "../testing/fixtures";
import { deriveKey } from "../lib/secrets";
import { config } from "../config";

let h: Harness;
let ws: FreshWorkspace;
let userId: string;
let validToken: string;
beforeAll(async () => {
  h = await openHarness();
  ws = await signUpWorkspace(h, "Attack Co", "attack");
  userId = await userIdOf(h, ws.email);
  validToken = await h.signIn(ws.email, ws.password);
});
afterAll(async () => {
  await h.close();
});

const now = () => Math.floor(Date.now() / 1000);
const realKey = () => deriveKey("jwt-hs256");

/** Our claims, valid unless overridden; `sign` receives the builder to sign however the attack needs. */
function claims(opts: { aud?: string; iss?: string; iat?: number; nbf?: number; exp?: number } = {}) {
  const jwt = new SignJWT({ typ: "user", ws: ws.workspaceId })
    .setSubject(userId)
    .setIssuer(opts.iss ?? config.jwtIssuer)
    .setAudience(opts.aud ?? config.jwtAudience)
    .setIssuedAt(opts.iat ?? now())
    .setExpirationTime(opts.exp ?? now() + 300);
  if (opts.nbf !== undefined) jwt.setNotBefore(opts.nbf);
  return jwt;
}

interface Attack {
  name: string;
  /** sends the attack with this User-Agent; answers every response it got */
  send: (ua: string) => Promise<Response[]>;
  /** the statuses expected, in order */
  statuses: number[];
  /** audit rows expected for this User-Agent: action (and reason when given) */
  audits: { action: string; reason?: string }[];
}

const me = (token: string, ua: string) => h.call("GET", "/api/v1/me", { token, headers: { "user-agent": ua } });
const login = (email: string, password: string, ua: string) =>
  h.call("POST", "/api/v1/auth/login", { body: { email, password }, headers: { "user-agent": ua } });
const rejected = (reason: string) => [{ action: "auth.credential_rejected", reason }];

async function attacks(): Promise<Attack[]> {
  const rsa = await generateKeyPair("RS256", { extractable: true });
  const pem = await exportSPKI(rsa.publicKey);
  const victim = await signUpWorkspace(h, "Brute Co", "brute");
  const apiKey = ws.apiKey;
  return [
    {
      name: "alg none",
      statuses: [401],
      audits: rejected("algorithm_not_allowed"),
      send: async (ua) => [
        await me(
          new UnsecuredJWT({ typ: "user", ws: ws.workspaceId })
            .setSubject(userId)
            .setIssuer(config.jwtIssuer)
            .setAudience(config.jwtAudience)
            .setIssuedAt()
            .setExpirationTime("5m")
            .encode(),
          ua,
        ),
      ],
    },
    {
      name: "RS256 signed with a fresh RSA key",
      statuses: [401],
      audits: rejected("algorithm_not_allowed"),
      send: async (ua) => [await me(await claims().setProtectedHeader({ alg: "RS256", typ: "JWT" }).sign(rsa.privateKey), ua)],
    },
    {
      name: "RS256 with its public key embedded as jwk",
      statuses: [401],
      audits: rejected("algorithm_not_allowed"),
      send: async (ua) => [
        await me(
          await claims()
            .setProtectedHeader({ alg: "RS256", typ: "JWT", jwk: await exportJWK(rsa.publicKey) })
            .sign(rsa.privateKey),
          ua,
        ),
      ],
    },
    {
      name: "HS256 keyed with the RSA public key PEM",
      statuses: [401],
      audits: rejected("bad_signature"),
      send: async (ua) => [await me(await claims().setProtectedHeader({ alg: "HS256", typ: "JWT" }).sign(new TextEncoder().encode(pem)), ua)],
    },
    {
      name: "HS256 with another secret",
      statuses: [401],
      audits: rejected("bad_signature"),
      send: async (ua) => [
        await me(
          await claims()
            .setProtectedHeader({ alg: "HS256", typ: "JWT" })
            .sign(crypto.getRandomValues(new Uint8Array(32))),
          ua,
        ),
      ],
    },
    {
      name: "expired",
      statuses: [401],
      audits: rejected("expired"),
      send: async (ua) => [
        await me(
          await claims({ iat: now() - 3600, exp: now() - 1800 })
            .setProtectedHeader({ alg: "HS256" })
            .sign(realKey()),
          ua,
        ),
      ],
    },
    {
      name: "not yet valid",
      statuses: [401],
      audits: rejected("not_yet_valid"),
      send: async (ua) => [
        await me(
          await claims({ nbf: now() + 600, exp: now() + 900 })
            .setProtectedHeader({ alg: "HS256" })
            .sign(realKey()),
          ua,
        ),
      ],
    },
    {
      name: "wrong aud",
      statuses: [401],
      audits: rejected("wrong_audience"),
      send: async (ua) => [await me(await claims({ aud: "another-api" }).setProtectedHeader({ alg: "HS256" }).sign(realKey()), ua)],
    },
    {
      name: "wrong iss",
      statuses: [401],
      audits: rejected("wrong_issuer"),
      send: async (ua) => [await me(await claims({ iss: "evil-issuer" }).setProtectedHeader({ alg: "HS256" }).sign(realKey()), ua)],
    },
    {
      name: "reused refresh token",
      statuses: [200, 200, 401, 401],
      audits: [{ action: "auth.signed_in" }, { action: "auth.refresh_token_reused" }, { action: "auth.credential_rejected", reason: "revoked_refresh_token" }],
      send: async (ua) => {
        const signIn = await login(ws.email, ws.password, ua);
        const c = setCookies(signIn);
        const refresh = (rt: string) =>
          h.call("POST", "/api/v1/auth/refresh", {
            headers: { "user-agent": ua, cookie: cookieHeader({ nh_rt: rt, nh_csrf: c.nh_csrf!.value }), "x-csrf-token": c.nh_csrf!.value },
          });
        const first = await refresh(c.nh_rt!.value);
        const newer = setCookies(first).nh_rt!.value;
        return [signIn, first, await refresh(c.nh_rt!.value), await refresh(newer)];
      },
    },
    ...(["api_key", "access_token", "token"] as const).map(
      (param): Attack => ({
        name: `?${param}= with a valid credential`,
        statuses: [400],
        audits: rejected("credential_in_query_string"),
        send: async (ua) => [
          await h.call("GET", `/api/v1/workspaces/${ws.workspaceId}/workflows?${param}=${encodeURIComponent(param === "api_key" ? apiKey : validToken)}`, {
            headers: { "user-agent": ua },
          }),
        ],
      }),
    ),
    {
      name: "brute-force sign-in",
      statuses: [...Array<number>(10).fill(401), 429, 429],
      audits: [
        ...Array(9).fill({ action: "auth.sign_in_failed", reason: "wrong_password" }),
        { action: "auth.sign_in_failed", reason: "wrong_password_locked" },
        { action: "auth.sign_in_failed", reason: "locked" },
        { action: "auth.sign_in_failed", reason: "locked" },
      ],
      send: async (ua) => {
        const out: Response[] = [];
        for (let i = 0; i < 10; i++) out.push(await login(victim.email, `guess-${i}-wrong`, ua));
        out.push(await login(victim.email, victim.password, ua), await login(victim.email, `guess-late`, ua));
        return out;
      },
    },
  ];
}

/** Audit rows for one User-Agent, draining the event queue until `min` are there (~5 s). */
async function auditRowsOf(ua: string, min: number): Promise<{ action: string; detail: { reason?: string } }[]> {
  let rows: { action: string; detail: { reason?: string } }[] = [];
  for (let i = 0; i < 50; i++) {
    await h.drainEvents();
    rows = await h.owner`select action, detail from audit_log where user_agent = ${ua} order by occurred_at, event_id`;
    if (rows.length >= min) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return rows;
}

describe("authentication attacks", () => {
  it("the control: a well-formed token of ours is accepted", async () => {
    const token = await claims().setProtectedHeader({ alg: "HS256", typ: "JWT" }).sign(realKey());
    expect((await me(token, "control")).status).toBe(200);
  });

  it("refuses every attack with problem+json and audits every refusal", async () => {
    const list = await attacks();
    let requests = 0;
    let refused = 0;
    let audited = 0;
    const failures: string[] = [];
    for (const attack of list) {
      const ua = `attack-${crypto.randomUUID()}`;
      const responses = await attack.send(ua);
      requests += responses.length;
      const got: number[] = [];
      for (const res of responses) {
        got.push(res.status);
        if (res.status >= 400) {
          refused++;
          if (!(res.headers.get("content-type") ?? "").startsWith("application/problem+json"))
            failures.push(`${attack.name}: a ${res.status} without problem+json`);
          if (res.headers.getSetCookie().some((c) => /^nh_at=[^;]/.test(c))) failures.push(`${attack.name}: a refusal set a session cookie`);
        }
        await res.arrayBuffer();
      }
      if (JSON.stringify(got) !== JSON.stringify(attack.statuses))
        failures.push(`${attack.name}: statuses ${got.join(",")}, expected ${attack.statuses.join(",")}`);
      const rows = await auditRowsOf(ua, attack.audits.length);
      const seen = rows.map((r) => ({ action: r.action, ...(r.detail.reason ? { reason: r.detail.reason } : {}) }));
      const missing = attack.audits.filter((want) => {
        const i = seen.findIndex((s) => s.action === want.action && (want.reason === undefined || s.reason === want.reason));
        if (i < 0) return true;
        seen.splice(i, 1);
        return false;
      });
      const refusal = (a: { action: string }) => a.action !== "auth.signed_in";
      audited += attack.audits.filter(refusal).length - missing.filter(refusal).length;
      if (missing.length)
        failures.push(`${attack.name}: audit rows missing ${JSON.stringify(missing)}; got ${JSON.stringify(rows.map((r) => [r.action, r.detail.reason]))}`);
    }
    console.log(JSON.stringify({ figure: "auth_attacks", attacks: list.length, requests, refused, audited, failures: failures.length }));
    expect(failures).toEqual([]);
    expect(audited).toBe(refused);
  }, 60_000);

  it("refuses credential parameters, and an API key in any parameter", async () => {
    for (const query of [`token=${validToken}`, `refresh_token=x`, `filter=${ws.apiKey}`, `jwt=${validToken}`]) {
      const res = await h.call("GET", `/api/v1/me?${query}`);
      expect({ query: query.split("=")[0], status: res.status }).toEqual({ query: query.split("=")[0], status: 400 });
    }
    expect((await me(validToken, "control")).status).toBe(200); // the same token in the header works
  });
});
