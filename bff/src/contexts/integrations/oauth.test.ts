/**
 * The OAuth 2 flow end to end against a real local authorization server (oauth2-mock-server):
 * auth URL with PKCE S256 and state, the callback's code exchange (the server checks the
 * verifier), state refusal and replay, encryption at rest, refresh before expiry (once under
 * concurrency), a refused refresh marking the connection expired, and revocation (RFC 7009).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OAuth2Server } from "oauth2-mock-server";
import { openHarness, type Harness } from "../../testing/harness";
import { expectProblem, signUpWorkspace, type FreshWorkspace } from "../../testing/fixtures";
import { withWorkspace } from "../../db/tenant";
import { decryptForWorkspace, DecryptionFailed, sha256Hex } from "../../lib/secrets";
import { findAction } from "./actions";
import { sealFor } from "./oauth-apps";
import { actionContext, startProviderServer, type ProviderServer } from "./test-support";

let h: Harness;
let as: OAuth2Server;
let api: ProviderServer;
let ws: FreshWorkspace;
let owner: string;
const issued: { grant: string; access_token?: string; refresh_token?: string }[] = [];
let failRefresh = false;

beforeAll(async () => {
  h = await openHarness();
  as = new OAuth2Server();
  await as.issuer.keys.generate("RS256");
  await as.start(0, "127.0.0.1");
  as.service.on("beforeResponse", (res: { body: Record<string, string>; statusCode: number }, req: { body: Record<string, string> }) => {
    if (req.body.grant_type === "refresh_token" && failRefresh) {
      res.statusCode = 400;
      res.body = { error: "invalid_grant", error_description: "refresh token revoked" };
      return;
    }
    issued.push({ grant: req.body.grant_type!, access_token: res.body.access_token, refresh_token: res.body.refresh_token });
  });
  const base = as.issuer.url!;
  process.env.PROVIDER_SLACK_AUTHORIZATION_URL = `${base}/authorize`;
  process.env.PROVIDER_SLACK_TOKEN_URL = `${base}/token`;
  process.env.PROVIDER_SLACK_REVOCATION_URL = `${base}/revoke`;
  api = await startProviderServer();
  process.env.PROVIDER_SLACK_BASE_URL = `${api.url}/slack`;
  ws = await signUpWorkspace(h, "OAuth Co", "oauth");
  owner = await h.signIn(ws.email, ws.password);
  const app = await h.call("PUT", `/api/v1/workspaces/${ws.workspaceId}/oauth-apps/slack`, {
    token: owner,
    body: { client_id: "nh-client", client_secret: "client-secret-plaintext-42" },
  });
  expect(app.status).toBe(200);
  expect(await app.json()).not.toHaveProperty("client_secret");
});
afterAll(async () => {
  await as.stop();
  await api.close();
  await h.close();
});

async function authorize(userId: string): Promise<{ callback: URL; state: string }> {
  const res = await h.call("POST", "/api/v1/integrations/auth-url", {
    token: ws.apiKey,
    body: { provider: "slack", user_id: userId, workspace_id: ws.workspaceId },
  });
  expect(res.status).toBe(200);
  const { auth_url, state } = (await res.json()) as { auth_url: string; state: string };
  const url = new URL(auth_url);
  expect(url.searchParams.get("code_challenge_method")).toBe("S256");
  expect(url.searchParams.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect(url.searchParams.get("state")).toBe(state);
  expect(url.searchParams.get("scope")).toBe("chat:write,channels:read");
  const consent = await fetch(auth_url, { redirect: "manual" });
  expect(consent.status).toBe(302);
  return { callback: new URL(consent.headers.get("location")!), state };
}

const callback = (url: URL, query = url.search) => h.call("GET", `/api/v1/integrations/oauth/callback${query}`);
const connectionOf = async (id: string) =>
  (
    await h.owner<
      { status: string; last_error: string | null; access_token_encrypted: string | null; refresh_token_encrypted: string | null; expires_at: Date | null }[]
    >`select * from connections where id = ${id}`
  )[0]!;

async function connect(userId: string): Promise<string> {
  const { callback: cb } = await authorize(userId);
  const res = await callback(cb);
  expect(res.status).toBe(302);
  const back = new URL(res.headers.get("location")!, "http://x");
  expect(back.pathname).toBe("/client");
  expect(back.searchParams.get("connect_error")).toBeNull();
  return back.searchParams.get("connected")!;
}

async function endUserIdOf(external: string) {
  return (await h.owner<{ id: string }[]>`select id from end_users where workspace_id = ${ws.workspaceId} and external_user_id = ${external}`)[0]!.id;
}

describe("authorization code with PKCE", () => {
  it("connects, lists the connection as in the seed, and keeps no plaintext secret in the database", async () => {
    const id = await connect("cust-1");
    const row = await connectionOf(id);
    expect(row.status).toBe("active");
    const list = await h.call("GET", "/api/v1/users/cust-1/integrations", { token: ws.apiKey });
    expect(list.status).toBe(200);
    expect(await list.json()).toMatchObject({ user_id: "cust-1", integrations: [{ id, provider: "slack", status: "active" }] });
    const secrets = [issued.at(-1)!.access_token!, issued.at(-1)!.refresh_token!, "client-secret-plaintext-42"];
    const tables = await h.owner<
      { t: string }[]
    >`select table_name as t from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`;
    for (const { t } of tables) {
      for (const s of secrets) {
        const [hit] = await h.owner.unsafe<{ n: number }[]>(`select count(*)::int as n from public."${t}" x where x::text like '%' || $1 || '%'`, [s]);
        expect(hit!.n, `${t} holds a plaintext secret`).toBe(0);
      }
    }
  });

  it("fails to decrypt a tampered token", async () => {
    const id = await connect("cust-tamper");
    const row = await connectionOf(id);
    const [wsRow] = await h.owner<{ k: string }[]>`select data_key_wrapped as k from workspaces where id = ${ws.workspaceId}`;
    const purpose = `connection:${id}:access`;
    expect(decryptForWorkspace(wsRow!.k, ws.workspaceId, purpose, row.access_token_encrypted!)).toBe(issued.at(-1)!.access_token);
    const parts = row.access_token_encrypted!.split(".");
    parts[3] = (parts[3]![0] === "A" ? "B" : "A") + parts[3]!.slice(1);
    expect(() => decryptForWorkspace(wsRow!.k, ws.workspaceId, purpose, parts.join("."))).toThrow(DecryptionFailed);
    expect(() => decryptForWorkspace(wsRow!.k, ws.workspaceId, `connection:${crypto.randomUUID()}:access`, row.access_token_encrypted!)).toThrow(
      DecryptionFailed,
    );
  });

  it("refuses a mismatched state and a replayed one", async () => {
    const { callback: cb } = await authorize("cust-state");
    const forged = new URLSearchParams(cb.search);
    forged.set("state", `${ws.workspaceId}.forged-state-value`);
    const res = await callback(cb, `?${forged}`);
    expect(new URL(res.headers.get("location")!, "http://x").searchParams.get("connect_error")).toMatch(/state/);
    expect((await callback(cb)).headers.get("location")).toContain("connected=");
    expect(new URL((await callback(cb)).headers.get("location")!, "http://x").searchParams.get("connect_error")).toMatch(/already used/);
  });

  it("fails when the PKCE verifier does not match the challenge (the server checks it)", async () => {
    const { callback: cb, state } = await authorize("cust-pkce");
    await withWorkspace(h.handles.db, ws.workspaceId, async (tx) => {
      const wrong = await sealFor(tx, ws.workspaceId, `pkce:${sha256Hex(state)}`, "x".repeat(64));
      await h.owner`update oauth_authorizations set code_verifier_encrypted = ${wrong} where state_hash = ${sha256Hex(state)}`;
    });
    const res = await callback(cb);
    expect(new URL(res.headers.get("location")!, "http://x").searchParams.get("connect_error")).toMatch(/refused/);
    const [n] = await h.owner<
      { n: number }[]
    >`select count(*)::int as n from connections c join end_users e on e.id = c.end_user_id where e.external_user_id = 'cust-pkce'`;
    expect(n!.n).toBe(0);
  });

  it("discovers Jira's cloud id right after the code exchange", async () => {
    const base = as.issuer.url!;
    process.env.PROVIDER_JIRA_AUTHORIZATION_URL = `${base}/authorize`;
    process.env.PROVIDER_JIRA_TOKEN_URL = `${base}/token`;
    process.env.PROVIDER_JIRA_RESOURCES_URL = `${api.url}/oauth/token/accessible-resources`;
    await h.call("PUT", `/api/v1/workspaces/${ws.workspaceId}/oauth-apps/jira`, {
      token: owner,
      body: { client_id: "jira-client", client_secret: "jira-secret" },
    });
    api.respond((r) =>
      r.path.endsWith("accessible-resources")
        ? { json: [{ id: "1324a887-45db-1bf4-1e99-ef0ff456d421", name: "acme", url: "https://acme.atlassian.net" }] }
        : { json: {} },
    );
    const res = await h.call("POST", "/api/v1/integrations/auth-url", {
      token: ws.apiKey,
      body: { provider: "jira", user_id: "cust-jira", workspace_id: ws.workspaceId },
    });
    const { auth_url } = (await res.json()) as { auth_url: string };
    expect(new URL(auth_url).searchParams.get("audience")).toBe("api.atlassian.com");
    const back = await callback(new URL((await fetch(auth_url, { redirect: "manual" })).headers.get("location")!));
    const id = new URL(back.headers.get("location")!, "http://x").searchParams.get("connected")!;
    const [row] = await h.owner<{ config: Record<string, string> }[]>`select config from connections where id = ${id}`;
    expect(row!.config).toEqual({ cloud_id: "1324a887-45db-1bf4-1e99-ef0ff456d421", oauth_app: "workspace" });
    expect(api.requests.at(-1)!.headers.authorization).toBe(`Bearer ${issued.at(-1)!.access_token}`);
    api.respond(() => ({ json: { ok: true } }));
  });

  it("refuses bad bodies and another workspace's id", async () => {
    await expectProblem(
      await h.call("POST", "/api/v1/integrations/auth-url", { token: ws.apiKey, body: { provider: "slack", user_id: "", workspace_id: ws.workspaceId } }),
      400,
    );
    await expectProblem(
      await h.call("POST", "/api/v1/integrations/auth-url", { token: ws.apiKey, body: { provider: "slack", user_id: "u", workspace_id: h.acmeId } }),
      404,
    );
    const noApp = await expectProblem(
      await h.call("POST", "/api/v1/integrations/auth-url", { token: ws.apiKey, body: { provider: "github", user_id: "u", workspace_id: ws.workspaceId } }),
      400,
    );
    expect(noApp.errors?.[0]?.pointer).toBe("#/provider");
  });
});

describe("token lifecycle", () => {
  it("refreshes a token near expiry once, even for concurrent executions", async () => {
    const id = await connect("cust-refresh");
    const eu = await endUserIdOf("cust-refresh");
    await h.owner`update connections set expires_at = now() + interval '1 minute', refresh_due_at = now() - interval '1 second' where id = ${id}`;
    const before = issued.filter((i) => i.grant === "refresh_token").length;
    const slack = findAction("slack", "send_message")!;
    api.requests.length = 0;
    await Promise.all([1, 2, 3].map(() => slack.run({ channel: "C1", text: "hi" }, actionContext(ws.workspaceId, eu))));
    const refreshes = issued.filter((i) => i.grant === "refresh_token");
    expect(refreshes.length - before).toBe(1);
    expect(api.requests.map((r) => r.headers.authorization)).toEqual(Array(3).fill(`Bearer ${refreshes.at(-1)!.access_token}`));
    const row = await connectionOf(id);
    expect(row.expires_at!.getTime()).toBeGreaterThan(Date.now() + 30 * 60_000);
    const [ev] = await h.owner<{ n: number }[]>`select count(*)::int as n from domain_events where type = 'connection.refreshed' and subject_id = ${id}`;
    expect(ev!.n).toBe(1);
  });

  it("marks the connection expired when the refresh is refused, and does not call the provider", async () => {
    const id = await connect("cust-expire");
    const eu = await endUserIdOf("cust-expire");
    await h.owner`update connections set expires_at = now() + interval '1 minute', refresh_due_at = now() - interval '1 second' where id = ${id}`;
    failRefresh = true;
    api.requests.length = 0;
    const err = await findAction("slack", "send_message")!
      .run({ channel: "C1", text: "hi" }, actionContext(ws.workspaceId, eu))
      .catch((e: unknown) => e);
    failRefresh = false;
    expect(err).toMatchObject({ retryable: false, message: expect.stringMatching(/^connection_expired/) });
    expect(api.requests).toHaveLength(0);
    const row = await connectionOf(id);
    expect(row.status).toBe("expired");
    expect(row.last_error).toMatch(/invalid_grant/);
    const types = await h.owner<{ type: string }[]>`select type from domain_events where subject_id = ${id} order by occurred_at`;
    expect(types.map((t) => t.type)).toEqual(expect.arrayContaining(["connection.created", "connection.refresh_failed", "connection.expired"]));
  });

  it("the background job refreshes a connection before it expires", async () => {
    const id = await connect("cust-job");
    await h.owner`update connections set expires_at = now() + interval '2 minutes', refresh_due_at = now() - interval '1 second' where id = ${id}`;
    // other test files drain the same queue from processes without this file's provider URLs:
    // make the job due again until this process is the one that runs it
    for (let i = 0; i < 20 && (await connectionOf(id)).expires_at!.getTime() < Date.now() + 30 * 60_000; i++) {
      await h.owner`update graphile_worker._private_jobs set run_at = now(), attempts = 0 where key = ${`refresh:${id}`} and locked_at is null`;
      await h.runJobs();
    }
    expect((await connectionOf(id)).expires_at!.getTime()).toBeGreaterThan(Date.now() + 30 * 60_000);
  });

  it("disconnecting revokes the token at the provider and forgets it", async () => {
    const id = await connect("cust-revoke");
    const revoked: string[] = [];
    const onRevoke = (_res: unknown, req: { method: string }) => revoked.push(req.method);
    as.service.on("beforeRevoke", onRevoke);
    const session = await h.call("POST", "/api/v1/connect/sessions", { token: ws.apiKey, body: { end_user_id: "cust-revoke" } });
    const ex = await h.call("POST", "/api/v1/connect/exchange", { body: { token: ((await session.json()) as { token: string }).token } });
    const euToken = ((await ex.json()) as { access_token: string }).access_token;
    const res = await h.call("DELETE", `/api/v1/client/connections/${id}`, { token: euToken });
    as.service.off("beforeRevoke", onRevoke);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id, status: "revoked" });
    expect(revoked).toEqual(["POST"]);
    const [ev] = await h.owner<
      { payload: { revoked_at_provider: boolean } }[]
    >`select payload from domain_events where type = 'connection.revoked' and subject_id = ${id}`;
    expect(ev!.payload.revoked_at_provider).toBe(true);
    const row = await connectionOf(id);
    expect([row.status, row.access_token_encrypted, row.refresh_token_encrypted]).toEqual(["revoked", null, null]);
  });
});
