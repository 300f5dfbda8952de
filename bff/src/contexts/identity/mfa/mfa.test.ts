/**
 * MFA (issue 18 part 2) on the real app and database: TOTP enrolment and sign-in, wrong and
 * replayed codes, single-use recovery codes, the end of a challenge after 5 wrong codes, platform
 * staff without a second factor reaching no admin API, a workspace's enforcement, its owner's
 * reset and both from the other tenant's side. Passkeys are registered and used with a software
 * authenticator written here with node:crypto (WebAuthn §6.1 authenticator data, `none`
 * attestation, ES256 assertions).
 */
import { createHash, generateKeyPairSync, randomBytes, sign } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openHarness, type Harness } from "../../../testing/harness";
import { expectProblem, setCookies, signUpWorkspace, uniqueEmail, userIdOf, waitForAudit, type FreshWorkspace } from "../../../testing/fixtures";
import { DEMO_STAFF_TOTP_SECRET } from "../../../seed/demo";
import { totpCode } from "./totp";
import { relyingParty } from "./passkeys";

let h: Harness;
let ws: FreshWorkspace;
let other: FreshWorkspace;
beforeAll(async () => {
  h = await openHarness();
  ws = await signUpWorkspace(h, "Factor Co", "mfa");
  other = await signUpWorkspace(h, "Other Co", "mfa-other");
});
afterAll(async () => {
  await h.close();
});

const PASSWORD = "member-password-123";
const login = async (email: string, password = PASSWORD) => {
  const res = await h.call("POST", "/api/v1/auth/login", { body: { email, password } });
  expect(res.status).toBe(200);
  return { body: (await res.json()) as Record<string, unknown> & { mfa_token?: string; access_token?: string }, res };
};
const verify = (body: Record<string, unknown>) => h.call("POST", "/api/v1/auth/mfa/verify", { body });
const step = (offset: number) => Date.now() + offset * 30_000;

/** Adds a member to `w` with PASSWORD; answers e-mail and membership id. */
async function member(w: FreshWorkspace, role = "developer"): Promise<{ email: string; membershipId: string }> {
  const owner = await h.signIn(w.email, w.password);
  const email = uniqueEmail("member");
  const res = await h.call("POST", `/api/v1/workspaces/${w.workspaceId}/members`, {
    token: owner,
    body: { email, name: "Mia Member", password: PASSWORD, role },
  });
  expect(res.status).toBe(201);
  return { email, membershipId: ((await res.json()) as { membership_id: string }).membership_id };
}

/** Enrols a TOTP app for a signed-in person; answers the secret and the recovery codes. */
async function enrolTotp(token: string): Promise<{ secret: string; codes: string[] }> {
  const begun = await h.call("POST", "/api/v1/me/mfa/totp", { token });
  expect(begun.status).toBe(200);
  const e = (await begun.json()) as { factor_id: string; secret: string; otpauth_url: string; qr_code: string };
  expect(e.otpauth_url).toMatch(/^otpauth:\/\/totp\/NeighbourHood:/);
  expect(e.qr_code).toMatch(/^data:image\/svg\+xml;base64,/);
  const wrong = await h.call("POST", `/api/v1/me/mfa/totp/${e.factor_id}/confirm`, { token, body: { code: totpCode(e.secret, step(5)) } });
  // a 400 at the field, not a 401: the session is fine (a 401 would make a client refresh it and retry)
  expect((await expectProblem(wrong, 400)).errors?.[0]?.pointer).toBe("#/code");
  const ok = await h.call("POST", `/api/v1/me/mfa/totp/${e.factor_id}/confirm`, { token, body: { code: totpCode(e.secret) } });
  expect(ok.status).toBe(200);
  const { recovery_codes } = (await ok.json()) as { recovery_codes: string[] };
  return { secret: e.secret, codes: recovery_codes };
}

describe("TOTP", () => {
  let email: string;
  let secret: string;
  let codes: string[];
  beforeAll(async () => {
    ({ email } = await member(ws));
    const first = await login(email);
    expect(first.body.access_token).toBeTruthy(); // no factor, none required: password alone
    ({ secret, codes } = await enrolTotp(first.body.access_token!));
  });

  it("enrols with a QR code and shows 10 distinct recovery codes once, stored only as hashes", async () => {
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    const uid = await userIdOf(h, email);
    const rows = await h.owner<{ code_hash: string }[]>`select code_hash from mfa_recovery_codes where user_id = ${uid}`;
    expect(rows).toHaveLength(10);
    expect(rows.every((r) => r.code_hash.startsWith("$argon2id$") && !codes.some((c) => r.code_hash.includes(c)))).toBe(true);
    const [f] = await h.owner<{ secret_encrypted: string }[]>`select secret_encrypted from mfa_factors where user_id = ${uid}`;
    expect(f!.secret_encrypted).not.toContain(secret);
    await waitForAudit(h, "auth.mfa_enrolled", uid);
  });

  it("renames a person's own factor only, and names a bad label", async () => {
    const a = await member(ws);
    const token = (await login(a.email)).body.access_token!;
    await enrolTotp(token);
    const [f] = ((await h.call("GET", "/api/v1/me/mfa", { token }).then((r) => r.json())) as { factors: { id: string }[] }).factors;
    const res = await h.call("PATCH", `/api/v1/me/mfa/factors/${f!.id}`, { token, body: { label: " Phone " } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: f!.id, kind: "totp", label: "Phone" });
    expect((await expectProblem(await h.call("PATCH", `/api/v1/me/mfa/factors/${f!.id}`, { token, body: { label: "" } }), 400)).errors?.[0]?.pointer).toBe(
      "#/label",
    );
    const b = await member(ws);
    const other = (await login(b.email)).body.access_token!;
    await expectProblem(await h.call("PATCH", `/api/v1/me/mfa/factors/${f!.id}`, { token: other, body: { label: "Mine now" } }), 404);
  });

  it("asks for the second factor after the password and gives no session, cookie or token before it", async () => {
    const { body, res } = await login(email);
    expect(body).toMatchObject({ mfa_required: true, enrolment_required: false, methods: ["totp", "recovery_code"] });
    expect(body.access_token).toBeUndefined();
    expect(setCookies(res).nh_at).toBeUndefined();
    // the pending token is no credential for the API
    await expectProblem(await h.call("GET", "/api/v1/me", { token: body.mfa_token }), 401);
  });

  it("refuses a wrong code (audited) and accepts the right one; the same code again is a replay", async () => {
    const uid = await userIdOf(h, email);
    const a = (await login(email)).body;
    await expectProblem(await verify({ mfa_token: a.mfa_token, code: totpCode(secret, step(4)) }), 401);
    const failed = await waitForAudit(h, "auth.mfa_failed", uid);
    expect(failed.some((r) => r.detail.reason === "wrong_code")).toBe(true);
    // the enrolment spent the current step: the next step's code (one step of drift) is accepted
    const code = totpCode(secret, step(1));
    const ok = await verify({ mfa_token: a.mfa_token, code });
    expect(ok.status).toBe(200);
    const session = (await ok.json()) as { access_token: string };
    expect(setCookies(ok).nh_at).toBeTruthy();
    expect((await h.call("GET", "/api/v1/me", { token: session.access_token })).status).toBe(200);
    // the spent pending token opens nothing more
    await expectProblem(await verify({ mfa_token: a.mfa_token, code: totpCode(secret, step(1)) }), 401);
    // replay: the same code in a new sign-in
    const b = (await login(email)).body;
    const replay = await expectProblem(await verify({ mfa_token: b.mfa_token, code }), 401);
    expect(replay.detail).toMatch(/already used/);
    const rows = await waitForAudit(h, "auth.mfa_failed", uid, 2);
    expect(rows.some((r) => r.detail.reason === "replayed_code")).toBe(true);
    // an older step than the last used one is refused too
    await expectProblem(await verify({ mfa_token: b.mfa_token, code: totpCode(secret) }), 401);
  });

  it("spends a recovery code once", async () => {
    const uid = await userIdOf(h, email);
    const a = (await login(email)).body;
    expect((await verify({ mfa_token: a.mfa_token, recovery_code: codes[0] })).status).toBe(200);
    await waitForAudit(h, "auth.mfa_recovery_code_used", uid);
    const b = (await login(email)).body;
    await expectProblem(await verify({ mfa_token: b.mfa_token, recovery_code: codes[0] }), 401);
    expect((await verify({ mfa_token: b.mfa_token, recovery_code: codes[1]!.toUpperCase() })).status).toBe(200);
    const me = (await verify({ mfa_token: (await login(email)).body.mfa_token, recovery_code: codes[2] }).then((r) => r.json())) as { access_token: string };
    const status = (await h.call("GET", "/api/v1/me/mfa", { token: me.access_token }).then((r) => r.json())) as {
      recovery_codes_left: number;
      required: boolean;
    };
    expect(status).toMatchObject({ recovery_codes_left: 7, required: false });
  });

  it("ends the step after 5 wrong codes", async () => {
    const a = (await login(email)).body;
    for (let i = 0; i < 5; i++) await expectProblem(await verify({ mfa_token: a.mfa_token, code: "000000" === totpCode(secret) ? "111111" : "000000" }), 401);
    const ended = await expectProblem(await verify({ mfa_token: a.mfa_token, recovery_code: codes[3] }), 401);
    expect(ended.detail).toMatch(/sign in with your password again/);
  });
});

describe("platform staff", () => {
  it("get no session and reach no admin API with the password alone", async () => {
    const { body, res } = await login("support@neighbourhood.test", "demo-password-1");
    expect(body).toMatchObject({ mfa_required: true, methods: ["totp", "recovery_code"] });
    expect(body.access_token).toBeUndefined();
    expect(res.headers.get("set-cookie")).toBeNull();
    await expectProblem(await h.call("GET", "/api/v1/admin/workspaces", { token: body.mfa_token }), 401);
    await expectProblem(await h.call("GET", "/api/v1/admin/workspaces"), 401);
    const ok = await verify({ mfa_token: body.mfa_token, code: totpCode(DEMO_STAFF_TOTP_SECRET) });
    expect(ok.status).toBe(200);
    const { access_token } = (await ok.json()) as { access_token: string };
    expect((await h.call("GET", "/api/v1/admin/workspaces", { token: access_token })).status).toBe(200);
  });

  it("without a factor are sent to enrolment, which alone finishes the sign-in", async () => {
    const admin = await h.signIn("admin@neighbourhood.test");
    const email = uniqueEmail("staff");
    const created = await h.call("POST", "/api/v1/admin/staff", {
      token: admin,
      body: { email, name: "New Staff", platform_role: "support", password: PASSWORD },
    });
    expect(created.status).toBe(201);
    const { body } = await login(email);
    expect(body).toMatchObject({ mfa_required: true, enrolment_required: true, methods: [] });
    await expectProblem(await verify({ mfa_token: body.mfa_token, code: "123456" }), 403);
    const e = (await h.call("POST", "/api/v1/auth/mfa/enrol/totp", { body: { mfa_token: body.mfa_token } }).then((r) => r.json())) as {
      factor_id: string;
      secret: string;
    };
    await expectProblem(
      await h.call("POST", "/api/v1/auth/mfa/enrol/totp/confirm", {
        body: { mfa_token: body.mfa_token, factor_id: e.factor_id, code: totpCode(e.secret, step(6)) },
      }),
      401,
    );
    const done = await h.call("POST", "/api/v1/auth/mfa/enrol/totp/confirm", {
      body: { mfa_token: body.mfa_token, factor_id: e.factor_id, code: totpCode(e.secret) },
    });
    expect(done.status).toBe(200);
    const s = (await done.json()) as { access_token: string; recovery_codes: string[] };
    expect(s.recovery_codes).toHaveLength(10);
    expect((await h.call("GET", "/api/v1/admin/workspaces", { token: s.access_token })).status).toBe(200);
    // their only factor cannot be removed: staff must keep one
    const status = (await h.call("GET", "/api/v1/me/mfa", { token: s.access_token }).then((r) => r.json())) as { factors: { id: string }[]; required: boolean };
    expect(status.required).toBe(true);
    await expectProblem(await h.call("DELETE", `/api/v1/me/mfa/factors/${status.factors[0]!.id}`, { token: s.access_token }), 409);
  });
});

describe("workspace enforcement", () => {
  it("sends a member without a factor to enrolment once the owner requires MFA, and leaves other workspaces alone", async () => {
    const m = await member(ws, "sales_rep");
    const o = await member(other, "sales_rep");
    expect((await login(m.email)).body.access_token).toBeTruthy();
    const owner = await h.signIn(ws.email, ws.password);
    const set = await h.call("PUT", `/api/v1/workspaces/${ws.workspaceId}/security`, { token: owner, body: { mfa_required: true } });
    expect(set.status).toBe(200);
    expect(await set.json()).toEqual({ mfa_required: true });
    expect((await login(m.email)).body).toMatchObject({ mfa_required: true, enrolment_required: true });
    expect((await login(o.email)).body.access_token).toBeTruthy();
    await waitForAudit(h, "workspace.mfa_policy_changed");
    const off = await h.call("PUT", `/api/v1/workspaces/${ws.workspaceId}/security`, { token: owner, body: { mfa_required: false } });
    expect(off.status).toBe(200);
    expect((await login(m.email)).body.access_token).toBeTruthy();
  });

  it("is the owner's alone: an admin gets 403, and bad input names the field", async () => {
    const a = await member(ws, "admin");
    const token = (await login(a.email)).body.access_token!;
    await expectProblem(await h.call("PUT", `/api/v1/workspaces/${ws.workspaceId}/security`, { token, body: { mfa_required: true } }), 403);
    const owner = await h.signIn(ws.email, ws.password);
    const bad = await expectProblem(await h.call("PUT", `/api/v1/workspaces/${ws.workspaceId}/security`, { token: owner, body: { mfa_required: "yes" } }), 400);
    expect(bad.errors?.[0]?.pointer).toBe("#/mfa_required");
  });

  it("cannot be set, read or used to reset factors from another workspace's side", async () => {
    const victim = await member(ws);
    const t = (await login(victim.email)).body.access_token!;
    await enrolTotp(t);
    const otherOwner = await h.signIn(other.email, other.password);
    await expectProblem(await h.call("PUT", `/api/v1/workspaces/${ws.workspaceId}/security`, { token: otherOwner, body: { mfa_required: true } }), 404);
    await expectProblem(await h.call("GET", `/api/v1/workspaces/${ws.workspaceId}/security`, { token: otherOwner }), 404);
    await expectProblem(await h.call("DELETE", `/api/v1/workspaces/${ws.workspaceId}/members/${victim.membershipId}/mfa`, { token: otherOwner }), 404);
    // A's membership id under B's path
    await expectProblem(await h.call("DELETE", `/api/v1/workspaces/${other.workspaceId}/members/${victim.membershipId}/mfa`, { token: otherOwner }), 404);
    const [n] = await h.owner<{ n: number }[]>`select count(*)::int as n from mfa_factors where user_id = ${await userIdOf(h, victim.email)}`;
    expect(n!.n).toBe(1);
    await expectProblem(await h.call("GET", `/api/v1/workspaces/${ws.workspaceId}/security/members`, { token: otherOwner }), 404);
    // A's own owner sees who has a factor (the kinds only), may reset them (audited), and then the password alone signs in again
    const owner = await h.signIn(ws.email, ws.password);
    const kinds = async () =>
      (
        (await h.call("GET", `/api/v1/workspaces/${ws.workspaceId}/security/members`, { token: owner }).then((r) => r.json())) as {
          items: { membership_id: string; factors: string[] }[];
        }
      ).items.find((i) => i.membership_id === victim.membershipId)?.factors;
    expect(await kinds()).toEqual(["totp"]);
    expect((await h.call("DELETE", `/api/v1/workspaces/${ws.workspaceId}/members/${victim.membershipId}/mfa`, { token: owner })).status).toBe(204);
    expect((await login(victim.email)).body.access_token).toBeTruthy();
    expect(await kinds()).toEqual([]);
    await waitForAudit(h, "auth.mfa_factor_removed", await userIdOf(h, victim.email));
  });
});

// --- a software authenticator (WebAuthn §6.1, §6.5.4 `none` attestation, ES256) ---

/** Minimal CBOR (RFC 8949) for what attestation objects and COSE keys hold. */
function cbor(v: unknown): Buffer {
  const head = (major: number, n: number) =>
    n < 24 ? Buffer.from([(major << 5) | n]) : n < 256 ? Buffer.from([(major << 5) | 24, n]) : Buffer.from([(major << 5) | 25, n >> 8, n & 255]);
  if (typeof v === "number") return v >= 0 ? head(0, v) : head(1, -1 - v);
  if (typeof v === "string") return Buffer.concat([head(3, Buffer.byteLength(v)), Buffer.from(v)]);
  if (Buffer.isBuffer(v)) return Buffer.concat([head(2, v.length), v]);
  if (v instanceof Map) return Buffer.concat([head(5, v.size), ...[...v].flatMap(([k, x]) => [cbor(k), cbor(x)])]);
  throw new Error("unsupported");
}

function softAuthenticator() {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const jwk = publicKey.export({ format: "jwk" });
  const credId = randomBytes(16);
  let counter = 0;
  const rp = relyingParty();
  const rpHash = createHash("sha256").update(rp.id).digest();
  const u32 = (n: number) => {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(n);
    return b;
  };
  const clientData = (type: string, challenge: string, origin = rp.origin) => Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }));
  return {
    id: credId.toString("base64url"),
    register(challenge: string) {
      const cose = new Map<number, unknown>([
        [1, 2],
        [3, -7],
        [-1, 1],
        [-2, Buffer.from(jwk.x!, "base64url")],
        [-3, Buffer.from(jwk.y!, "base64url")],
      ]);
      const len = Buffer.from([credId.length >> 8, credId.length & 255]);
      const authData = Buffer.concat([rpHash, Buffer.from([0x45]), u32(counter), Buffer.alloc(16), len, credId, cbor(cose)]);
      const att = cbor(
        new Map<string, unknown>([
          ["fmt", "none"],
          ["attStmt", new Map()],
          ["authData", authData],
        ]),
      );
      return {
        id: this.id,
        rawId: this.id,
        type: "public-key",
        response: {
          clientDataJSON: clientData("webauthn.create", challenge).toString("base64url"),
          attestationObject: att.toString("base64url"),
          transports: ["internal"],
        },
        clientExtensionResults: {},
      };
    },
    assert(challenge: string, opts: { origin?: string; keepCounter?: boolean } = {}) {
      if (!opts.keepCounter) counter += 1;
      const authData = Buffer.concat([rpHash, Buffer.from([0x05]), u32(counter)]);
      const cd = clientData("webauthn.get", challenge, opts.origin);
      const signature = sign("sha256", Buffer.concat([authData, createHash("sha256").update(cd).digest()]), privateKey);
      return {
        id: this.id,
        rawId: this.id,
        type: "public-key",
        response: { clientDataJSON: cd.toString("base64url"), authenticatorData: authData.toString("base64url"), signature: signature.toString("base64url") },
        clientExtensionResults: {},
      };
    },
  };
}

describe("passkeys", () => {
  it("registers with `none` attestation and signs in as the second factor; a wrong origin or a stale counter is refused", async () => {
    const { email } = await member(ws);
    const token = (await login(email)).body.access_token!;
    const key = softAuthenticator();
    const options = (await h.call("POST", "/api/v1/me/mfa/passkeys/options", { token }).then((r) => r.json())) as { challenge: string; rp: { id: string } };
    expect(options.rp.id).toBe(relyingParty().id);
    // a challenge we did not issue (or for someone else) is refused, naming the field
    const forged = await expectProblem(
      await h.call("POST", "/api/v1/me/mfa/passkeys", { token, body: { credential: key.register(randomBytes(40).toString("base64url")), label: "Laptop" } }),
      400,
    );
    expect(forged.errors?.[0]?.pointer).toBe("#/credential");
    const reg = await h.call("POST", "/api/v1/me/mfa/passkeys", { token, body: { credential: key.register(options.challenge), label: "Laptop" } });
    expect(reg.status).toBe(201);
    expect(await reg.json()).toMatchObject({ kind: "passkey", label: "Laptop" });

    const { body } = await login(email);
    expect(body).toMatchObject({ mfa_required: true, methods: ["passkey", "recovery_code"] });
    const req = (await h.call("POST", "/api/v1/auth/mfa/passkey/options", { body: { mfa_token: body.mfa_token } }).then((r) => r.json())) as {
      challenge: string;
      allowCredentials: { id: string }[];
    };
    expect(req.allowCredentials.map((c) => c.id)).toEqual([key.id]);
    const pv = (credential: unknown) => h.call("POST", "/api/v1/auth/mfa/passkey/verify", { body: { mfa_token: body.mfa_token, credential } });
    await expectProblem(await pv(key.assert(req.challenge, { origin: "https://evil.example" })), 401);
    await expectProblem(await pv(key.assert(randomBytes(32).toString("base64url"))), 401);
    const ok = await pv(key.assert(req.challenge));
    expect(ok.status).toBe(200);
    // a cloned authenticator replaying an old counter is refused in the next sign-in
    const next = (await login(email)).body;
    const req2 = (await h.call("POST", "/api/v1/auth/mfa/passkey/options", { body: { mfa_token: next.mfa_token } }).then((r) => r.json())) as {
      challenge: string;
    };
    await expectProblem(
      await h.call("POST", "/api/v1/auth/mfa/passkey/verify", {
        body: { mfa_token: next.mfa_token, credential: key.assert(req2.challenge, { keepCounter: true }) },
      }),
      401,
    );
  });
});
