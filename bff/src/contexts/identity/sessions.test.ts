import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SignJWT, UnsecuredJWT, decodeJwt } from "jose";
import { openHarness, type Harness } from "../../testing/harness";
import { cookieHeader, expectProblem, setCookies, signUpWorkspace, userIdOf, waitForAudit, type FreshWorkspace } from "../../testing/fixtures";
import { deriveKey } from "../../lib/secrets";
import { config } from "../../config";

let h: Harness;
let ws: FreshWorkspace;
let userId: string;
beforeAll(async () => {
  h = await openHarness();
  ws = await signUpWorkspace(h, "Sessions Co", "sessions");
  userId = await userIdOf(h, ws.email);
});
afterAll(async () => {
  await h.close();
});

const login = (email: string, password: string, headers?: Record<string, string>) =>
  h.call("POST", "/api/v1/auth/login", { body: { email, password }, headers });

/** Signs in `ws`'s owner and answers the session cookies. */
async function cookieSession(): Promise<{ at: string; rt: string; csrf: string }> {
  const res = await login(ws.email, ws.password);
  expect(res.status).toBe(200);
  const c = setCookies(res);
  return { at: c.nh_at!.value, rt: c.nh_rt!.value, csrf: c.nh_csrf!.value };
}

const refresh = (rt: string, csrf: string, sendHeader = true) =>
  h.call("POST", "/api/v1/auth/refresh", { headers: { cookie: cookieHeader({ nh_rt: rt, nh_csrf: csrf }), ...(sendHeader && { "x-csrf-token": csrf }) } });

describe("password sign-in", () => {
  it("answers a short-lived bearer session and sets hardened cookies", async () => {
    const res = await login("owner@acme.test", "demo-password-1");
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      access_token: string;
      token_type: string;
      expires_in: number;
      user: { email: string; memberships: { workspace_id: string }[] };
    };
    expect(body.token_type).toBe("Bearer");
    expect(body.expires_in).toBeGreaterThan(0);
    expect(body.expires_in).toBeLessThanOrEqual(900);
    expect(body.user.email).toBe("owner@acme.test");
    expect(body.user.memberships.map((m) => m.workspace_id)).toContain(h.acmeId);
    const claims = decodeJwt(body.access_token);
    expect(claims.exp! - claims.iat!).toBeLessThanOrEqual(15 * 60);
    expect(claims.exp! - claims.iat!).toBeGreaterThan(0);

    const c = setCookies(res);
    expect(c.nh_at?.value).toBe(body.access_token);
    expect(c.nh_at?.attrs).toHaveProperty("httponly");
    expect(c.nh_at?.attrs.samesite).toBe("Strict");
    expect(c.nh_rt?.attrs).toHaveProperty("httponly");
    expect(c.nh_rt?.attrs.path).toBe("/api/v1/auth");
    expect(c.nh_rt?.value.length).toBeGreaterThanOrEqual(43);
    expect(c.nh_csrf?.value).toBeTruthy();
    expect(c.nh_csrf?.attrs).not.toHaveProperty("httponly");
  });

  it("stores passwords as argon2id with the OWASP parameters", async () => {
    const [row] = await h.owner<{ password_hash: string }[]>`select password_hash from users where id = ${userId}`;
    expect(row!.password_hash.startsWith("$argon2id$v=19$m=19456,t=2,p=1$")).toBe(true);
  });

  it("refuses a wrong password with a 401 problem and audits it", async () => {
    const res = await login(ws.email, "not-the-password-at-all", { "user-agent": "sessions-test-agent" });
    const p = await expectProblem(res, 401);
    expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(p.detail).toBe("The email or password is wrong.");
    const rows = await waitForAudit(h, "auth.sign_in_failed", userId);
    const row = rows.find((r) => r.detail.reason === "wrong_password")!;
    expect(row).toBeDefined();
    expect(row).toMatchObject({ actor_kind: "anonymous", subject_id: userId, user_agent: "sessions-test-agent", workspace_id: null });
    expect(row.detail.email).toBe(ws.email);
    expect(row).toHaveProperty("ip");
  });

  it("answers an unknown email exactly like a wrong password (no enumeration)", async () => {
    const wrong = await expectProblem(await login(ws.email, "not-the-password-at-all"), 401);
    const unknownRes = await login(`nobody-${Date.now()}@nowhere.test`, "not-the-password-at-all");
    const unknown = await expectProblem(unknownRes, 401);
    const shape = ({ request_id: _r, ...rest }: typeof wrong) => rest;
    expect(shape(unknown)).toEqual(shape(wrong));
    expect(unknownRes.headers.getSetCookie()).toEqual([]);
  });

  it("locks an account after 10 wrong passwords: 429 with Retry-After, even for the right one", async () => {
    const victim = await signUpWorkspace(h, "Lockout Co", "lockout");
    for (let i = 0; i < 10; i++) expect((await login(victim.email, `wrong-password-${i}`)).status).toBe(401);
    const res = await login(victim.email, victim.password);
    await expectProblem(res, 429);
    const retry = Number(res.headers.get("retry-after"));
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(15 * 60);
  });

  it("locks an account when 10 wrong passwords arrive at once", async () => {
    const victim = await signUpWorkspace(h, "Parallel Lockout Co", "plockout");
    const statuses = await Promise.all(Array.from({ length: 10 }, (_, i) => login(victim.email, `wrong-password-${i}`).then((r) => r.status)));
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
    expect((await login(victim.email, victim.password)).status).toBe(429);
  });
});

describe("refresh tokens", () => {
  it("rotates the refresh token on each use", async () => {
    const s = await cookieSession();
    const res = await refresh(s.rt, s.csrf);
    expect(res.status).toBe(200);
    const next = setCookies(res);
    expect(next.nh_rt!.value).not.toBe(s.rt);
    const body = (await res.json()) as { access_token: string };
    expect((await h.call("GET", "/api/v1/me", { token: body.access_token })).status).toBe(200);
  });

  it("needs the CSRF header to refresh", async () => {
    const s = await cookieSession();
    await expectProblem(await refresh(s.rt, s.csrf, false), 403);
    expect((await refresh(s.rt, s.csrf)).status).toBe(200);
  });

  it("revokes the whole family when a spent token is replayed, and audits it", async () => {
    const s = await cookieSession();
    const first = await refresh(s.rt, s.csrf);
    expect(first.status).toBe(200);
    const newer = setCookies(first).nh_rt!.value;
    await expectProblem(await refresh(s.rt, s.csrf), 401);
    await expectProblem(await refresh(newer, s.csrf), 401);
    const rows = await waitForAudit(h, "auth.refresh_token_reused", userId);
    expect(rows[0]).toMatchObject({ subject_id: userId });
  });

  it("logout revokes the refresh token", async () => {
    const s = await cookieSession();
    const out = await h.call("POST", "/api/v1/auth/logout", { headers: { cookie: cookieHeader({ nh_rt: s.rt, nh_csrf: s.csrf }), "x-csrf-token": s.csrf } });
    expect(out.status).toBe(204);
    expect(setCookies(out).nh_rt?.value).toBe("");
    await expectProblem(await refresh(s.rt, s.csrf), 401);
  });
});

describe("cookie-authenticated writes", () => {
  it("need X-CSRF-Token equal to the nh_csrf cookie", async () => {
    const s = await cookieSession();
    const path = `/api/v1/workspaces/${ws.workspaceId}/api-keys`;
    const cookie = cookieHeader({ nh_at: s.at, nh_csrf: s.csrf });
    await expectProblem(await h.call("POST", path, { body: { name: "csrf" }, headers: { cookie } }), 403);
    await expectProblem(await h.call("POST", path, { body: { name: "csrf" }, headers: { cookie, "x-csrf-token": "forged-value" } }), 403);
    expect((await h.call("GET", path, { headers: { cookie } })).status).toBe(200);
    expect((await h.call("POST", path, { body: { name: "csrf" }, headers: { cookie, "x-csrf-token": s.csrf } })).status).toBe(201);
  });
});

describe("access token verification", () => {
  const now = () => Math.floor(Date.now() / 1000);
  const build = (opts: { key?: Uint8Array; iss?: string; aud?: string; iat?: number; exp?: number } = {}) =>
    new SignJWT({ typ: "user", ws: ws.workspaceId })
      .setProtectedHeader({ alg: "HS256", typ: "JWT" })
      .setSubject(userId)
      .setIssuer(opts.iss ?? config.jwtIssuer)
      .setAudience(opts.aud ?? config.jwtAudience)
      .setIssuedAt(opts.iat ?? now())
      .setExpirationTime(opts.exp ?? now() + 300)
      .sign(opts.key ?? deriveKey("jwt-hs256"));
  const me = (token: string) => h.call("GET", "/api/v1/me", { token });

  it("accepts a well-formed token (control for the cases below)", async () => {
    expect((await me(await build())).status).toBe(200);
  });

  it("refuses alg none", async () => {
    const token = new UnsecuredJWT({ typ: "user" })
      .setSubject(userId)
      .setIssuer(config.jwtIssuer)
      .setAudience(config.jwtAudience)
      .setIssuedAt()
      .setExpirationTime("5m")
      .encode();
    await expectProblem(await me(token), 401);
  });

  it("audits every refused credential with where it came from", async () => {
    const agent = `forger-${crypto.randomUUID()}`;
    const forged = await build({ key: crypto.getRandomValues(new Uint8Array(32)) });
    await expectProblem(await h.call("GET", "/api/v1/me", { token: forged, headers: { "user-agent": agent } }), 401);
    let rows: { action: string; detail: { path: string; via: string } }[] = [];
    for (let i = 0; i < 50 && rows.length === 0; i++) {
      await h.drainEvents();
      rows = await h.owner`select action, detail from audit_log where user_agent = ${agent}`;
      if (!rows.length) await new Promise((r) => setTimeout(r, 100));
    }
    expect(rows).toEqual([{ action: "auth.credential_rejected", detail: expect.objectContaining({ path: "/api/v1/me", via: "authorization_header" }) }]);
  });

  it("refuses HS256 signed with another key", async () => {
    await expectProblem(await me(await build({ key: crypto.getRandomValues(new Uint8Array(32)) })), 401);
  });

  it("refuses an expired token", async () => {
    await expectProblem(await me(await build({ iat: now() - 3600, exp: now() - 1800 })), 401);
  });

  it("refuses a wrong audience or issuer", async () => {
    await expectProblem(await me(await build({ aud: "someone-else" })), 401);
    await expectProblem(await me(await build({ iss: "evil-issuer" })), 401);
  });
});
