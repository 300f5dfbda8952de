import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeJwt } from "jose";
import { openHarness, type Harness } from "../../testing/harness";
import { expectProblem, pointers, setCookies } from "../../testing/fixtures";

let h: Harness;
let acmeKey: string;
let xyzId: string;
beforeAll(async () => {
  h = await openHarness();
  const dev = await h.signIn("dev@acme.test");
  const res = await h.call("POST", `/api/v1/workspaces/${h.acmeId}/api-keys`, { token: dev, body: { name: "connect tests", scopes: ["end_users"] } });
  acmeKey = ((await res.json()) as { key: string }).key;
  const [eu] = await h.owner<{ id: string }[]>`select id from end_users where workspace_id = ${h.acmeId} and external_user_id = 'user_xyz'`;
  xyzId = eu!.id;
});
afterAll(async () => {
  await h.close();
});

interface Session {
  token: string;
  url: string;
  expires_at: string;
}

async function mint(endUserId: string, key = acmeKey): Promise<Session> {
  const res = await h.call("POST", "/api/v1/connect/sessions", { token: key, body: { end_user_id: endUserId } });
  expect(res.status).toBe(201);
  return (await res.json()) as Session;
}
const exchange = (token: string) => h.call("POST", "/api/v1/connect/exchange", { body: { token } });

async function endUserToken(endUserId = "user_xyz"): Promise<string> {
  const res = await exchange((await mint(endUserId)).token);
  expect(res.status).toBe(200);
  return ((await res.json()) as { access_token: string }).access_token;
}

describe("connect sessions minted with an API key", () => {
  it("answers a token, the client-portal URL and a near expiry", async () => {
    const s = await mint("user_xyz");
    expect(s.token).toMatch(/^ncs_[A-Za-z0-9_-]{43}$/);
    expect(new URL(s.url).searchParams.get("token")).toBe(s.token);
    const ttl = Date.parse(s.expires_at) - Date.now();
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(10 * 60_000);
    const [stored] = await h.owner<
      { n: number }[]
    >`select count(*)::int as n from connect_sessions where token_hash = ${s.token} or token_hash like ${`%${s.token.slice(4, 20)}%`}`;
    expect(stored!.n).toBe(0);
  });

  it("exchanges once for an end-user token; a second exchange is 401", async () => {
    const s = await mint("user_xyz");
    const first = await exchange(s.token);
    expect(first.status).toBe(200);
    const body = (await first.json()) as { access_token: string; expires_in: number; end_user: { id: string; external_user_id: string } };
    expect(body.end_user).toMatchObject({ id: xyzId, external_user_id: "user_xyz" });
    expect(body.expires_in).toBeLessThanOrEqual(900);
    const claims = decodeJwt(body.access_token);
    expect(claims).toMatchObject({ sub: xyzId, typ: "end_user", ws: h.acmeId });
    expect(claims.exp! - claims.iat!).toBeLessThanOrEqual(900);
    // the end-user token stays in the opening tab: no cookie that would replace a person's session
    expect(setCookies(first)).not.toHaveProperty("nh_at");
    await expectProblem(await exchange(s.token), 401);
    await expectProblem(await exchange("ncs_made-up-token"), 401);
  });

  it("creates an end user on first sight, once", async () => {
    const external = `ext-${Date.now()}`;
    await mint(external);
    await mint(external);
    const [n] = await h.owner<{ n: number }[]>`select count(*)::int as n from end_users where workspace_id = ${h.acmeId} and external_user_id = ${external}`;
    expect(n!.n).toBe(1);
  });

  it("refuses bad bodies and callers that are not API keys", async () => {
    const p = await expectProblem(await h.call("POST", "/api/v1/connect/sessions", { token: acmeKey, body: { end_user_id: "" } }), 400);
    expect(pointers(p)).toEqual(["#/end_user_id"]);
    await expectProblem(await h.call("POST", "/api/v1/connect/sessions", { body: { end_user_id: "x" } }), 401);
    await expectProblem(await h.call("POST", "/api/v1/connect/sessions", { token: await h.signIn("dev@acme.test"), body: { end_user_id: "x" } }), 403);
    const dev = await h.signIn("dev@acme.test");
    const res = await h.call("POST", `/api/v1/workspaces/${h.acmeId}/api-keys`, { token: dev, body: { name: "no end users", scopes: ["leads"] } });
    const leadsKey = ((await res.json()) as { key: string }).key;
    await expectProblem(await h.call("POST", "/api/v1/connect/sessions", { token: leadsKey, body: { end_user_id: "x" } }), 403);
  });
});

describe("the end-user token", () => {
  it("reads /me as the end user", async () => {
    const res = await h.call("GET", "/api/v1/me", { token: await endUserToken() });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      kind: "end_user",
      end_user: { id: xyzId, external_user_id: "user_xyz" },
      workspace: { id: h.acmeId, name: "Acme" },
    });
  });

  it("reads the end user's own consents", async () => {
    const res = await h.call("GET", "/api/v1/client/consents", { token: await endUserToken() });
    expect(res.status).toBe(200);
    const { items } = (await res.json()) as { items: { purpose: string; granted: boolean }[] };
    expect(items).toEqual([expect.objectContaining({ purpose: "workflow_automation", granted: true })]);
    const other = await h.call("GET", "/api/v1/client/consents", { token: await endUserToken(`nobody-${Date.now()}`) });
    expect(((await other.json()) as { items: unknown[] }).items).toEqual([]);
  });

  it("opens only the client portal", async () => {
    const res = await h.call("GET", "/api/v1/portals", { token: await endUserToken() });
    expect(res.status).toBe(200);
    const { portals } = (await res.json()) as { portals: { name: string }[] };
    expect(portals.map((p) => p.name)).toEqual(["client"]);
  });

  it("is refused on workspace routes with 404", async () => {
    const token = await endUserToken();
    for (const path of ["api-keys", "members", "branding", "end-users", "workflows", "leads", "notifications", "team"]) {
      await expectProblem(await h.call("GET", `/api/v1/workspaces/${h.acmeId}/${path}`, { token }), 404);
    }
  });

  it("is not a person: person-only routes refuse it", async () => {
    const token = await endUserToken();
    await expectProblem(await h.call("POST", "/api/v1/auth/switch-workspace", { token, body: { workspace_id: h.acmeId } }), 404);
    await expectProblem(await h.call("GET", "/api/v1/admin/workspaces", { token }), 403);
  });
});

describe("connect sessions minted by a signed-in developer", () => {
  const path = () => `/api/v1/workspaces/${h.acmeId}/end-users/${xyzId}/connect-session`;

  it("lets a developer mint one for an end user that works once", async () => {
    const res = await h.call("POST", path(), { token: await h.signIn("dev@acme.test") });
    expect(res.status).toBe(201);
    const s = (await res.json()) as Session;
    const ex = await exchange(s.token);
    expect(ex.status).toBe(200);
    expect(((await ex.json()) as { end_user: { id: string } }).end_user.id).toBe(xyzId);
  });

  it("lists the end users for developers", async () => {
    const res = await h.call("GET", `/api/v1/workspaces/${h.acmeId}/end-users`, { token: await h.signIn("dev@acme.test") });
    expect(res.status).toBe(200);
    const { items } = (await res.json()) as { items: { id: string }[] };
    expect(items.map((e) => e.id)).toContain(xyzId);
  });

  it("refuses sales reps (403) and unknown end users (404)", async () => {
    await expectProblem(await h.call("POST", path(), { token: await h.signIn("rep1@acme.test") }), 403);
    const dev = await h.signIn("dev@acme.test");
    await expectProblem(await h.call("POST", `/api/v1/workspaces/${h.acmeId}/end-users/${crypto.randomUUID()}/connect-session`, { token: dev }), 404);
  });
});
