/**
 * Issue 14, part 6: platform-held OAuth apps. A super admin sets the platform's OAuth app per
 * provider (support reads, nobody else); the secret is encrypted at rest and never answered; a
 * workspace with no app of its own connects through the platform's, its own app wins when it has
 * one, and another workspace neither sees nor uses it. Against a real local authorization server
 * (oauth2-mock-server) that records which client id each token request carried. Every answer is
 * checked against its documented schema (NHOOD_VALIDATE_RESPONSES, vitest.config.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OAuth2Server } from "oauth2-mock-server";
import { openHarness, type Harness } from "../../testing/harness";
import { expectProblem, signUpWorkspace, type FreshWorkspace } from "../../testing/fixtures";
import { decryptForPlatform } from "../../lib/secrets";

let h: Harness;
let as: OAuth2Server;
let a: FreshWorkspace;
let b: FreshWorkspace;
const tokens: Record<string, string> = {};
const tokenRequests: { client_id?: string; client_secret?: string }[] = [];
const PLATFORM_SECRET = "platform-secret-plaintext-77";
const A_SECRET = "workspace-a-secret-plaintext-88";

beforeAll(async () => {
  h = await openHarness();
  as = new OAuth2Server();
  await as.issuer.keys.generate("RS256");
  await as.start(0, "127.0.0.1");
  // Slack authenticates with client_secret_post: the body names the client
  as.service.on("beforeResponse", (_res: unknown, req: { body: Record<string, string> }) => {
    if (req.body.grant_type) tokenRequests.push({ client_id: req.body.client_id, client_secret: req.body.client_secret });
  });
  process.env.PROVIDER_SLACK_AUTHORIZATION_URL = `${as.issuer.url}/authorize`;
  process.env.PROVIDER_SLACK_TOKEN_URL = `${as.issuer.url}/token`;
  a = await signUpWorkspace(h, "Small Tenant A", "platform-app-a");
  b = await signUpWorkspace(h, "Small Tenant B", "platform-app-b");
  for (const [who, email] of [
    ["super_admin", "admin@neighbourhood.test"],
    ["support", "support@neighbourhood.test"],
    ["billing", "billing@neighbourhood.test"],
    ["acme_owner", "owner@acme.test"],
  ] as const)
    tokens[who] = await h.signIn(email);
  tokens.a = await h.signIn(a.email, a.password);
  tokens.b = await h.signIn(b.email, b.password);
});
afterAll(async () => {
  await as.stop();
  await h.close();
});

const setPlatformApp = (token: string, provider = "slack", body: unknown = { client_id: "platform-client", client_secret: PLATFORM_SECRET }) =>
  h.call("PUT", `/api/v1/admin/oauth-apps/${provider}`, { token, body });
const slackOf = async (ws: FreshWorkspace, token: string) => {
  const res = await h.call("GET", `/api/v1/workspaces/${ws.workspaceId}/integrations/providers`, { token });
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: { key: string; enabled: boolean; oauth_app?: string | null; token_endpoint_auth_method?: string }[] }).items.find(
    (p) => p.key === "slack",
  )!;
};

/** Runs the connect flow for `ws`; answers the client id in the authorization URL and the token request's client. */
async function connect(ws: FreshWorkspace, user: string) {
  const res = await h.call("POST", "/api/v1/integrations/auth-url", {
    token: ws.apiKey,
    body: { provider: "slack", user_id: user, workspace_id: ws.workspaceId },
  });
  if (res.status !== 200) return { status: res.status, res };
  const { auth_url } = (await res.json()) as { auth_url: string };
  const cb = new URL((await fetch(auth_url, { redirect: "manual" })).headers.get("location")!);
  tokenRequests.length = 0;
  const back = await h.call("GET", `/api/v1/integrations/oauth/callback${cb.search}`);
  const connected = new URL(back.headers.get("location")!, "http://x").searchParams.get("connected");
  return { status: 200, authClientId: new URL(auth_url).searchParams.get("client_id"), token: tokenRequests[0], connected };
}

describe("who may manage platform OAuth apps", () => {
  it("refuses anonymous callers (401), workspace members and billing (403), and support's writes (403)", async () => {
    await expectProblem(await h.call("GET", "/api/v1/admin/oauth-apps"), 401);
    await expectProblem(await h.call("GET", "/api/v1/admin/oauth-apps", { token: tokens.acme_owner }), 403);
    await expectProblem(await h.call("GET", "/api/v1/admin/oauth-apps", { token: tokens.billing }), 403);
    await expectProblem(await h.call("GET", "/api/v1/admin/oauth-apps", { token: a.apiKey }), 403);
    await expectProblem(await setPlatformApp(tokens.support!), 403);
    await expectProblem(await setPlatformApp(tokens.acme_owner!), 403);
    await expectProblem(await setPlatformApp(tokens.a!), 403);
    await expectProblem(await h.call("DELETE", "/api/v1/admin/oauth-apps/slack", { token: tokens.support }), 403);
    const [n] = await h.owner<{ n: number }[]>`select count(*)::int as n from platform_oauth_apps`;
    expect(n!.n).toBe(0);
    const list = await h.call("GET", "/api/v1/admin/oauth-apps", { token: tokens.support });
    expect(list.status).toBe(200);
    expect(await list.json()).toEqual({ items: [] });
  });

  it("a super admin sets one per catalogue OAuth provider; the secret is never answered and sealed at rest", async () => {
    await expectProblem(await setPlatformApp(tokens.super_admin!, "custom:their-crm"), 400);
    await expectProblem(await setPlatformApp(tokens.super_admin!, "stripe"), 400);
    await expectProblem(await setPlatformApp(tokens.super_admin!, "slack", { client_id: "x" }), 400);
    const res = await setPlatformApp(tokens.super_admin!);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain(PLATFORM_SECRET);
    expect(JSON.parse(text)).toMatchObject({ provider: "slack", provider_name: "Slack", client_id: "platform-client", scopes: null });
    const list = await h.call("GET", "/api/v1/admin/oauth-apps", { token: tokens.support });
    const listed = await list.text();
    expect(listed).not.toContain(PLATFORM_SECRET);
    expect(JSON.parse(listed).items).toHaveLength(1);
    const [row] = await h.owner<{ sealed: string }[]>`select client_secret_encrypted as sealed from platform_oauth_apps where provider = 'slack'`;
    expect(row!.sealed).not.toContain(PLATFORM_SECRET);
    expect(decryptForPlatform("platform_oauth_app:slack", row!.sealed)).toBe(PLATFORM_SECRET);
    expect(() => decryptForPlatform("platform_oauth_app:github", row!.sealed)).toThrow();
    const [ev] = await h.owner<{ n: number }[]>`select count(*)::int as n from domain_events where type = 'platform_oauth_app.saved' and workspace_id is null`;
    expect(ev!.n).toBe(1);
  });

  it("the app role cannot write the table outside the platform scope (RLS)", async () => {
    const err = await h.handles.sql`insert into platform_oauth_apps (provider, client_id, client_secret_encrypted) values ('github', 'planted', 'x')`.catch(
      (e: unknown) => e,
    );
    expect(String(err)).toMatch(/row-level security/);
    const [n] = await h.handles.sql<{ n: number }[]>`select count(*)::int as n from platform_oauth_apps`;
    expect(n!.n).toBe(1);
  });
});

describe("which OAuth app the connect flow uses", () => {
  it("a workspace without its own app connects through the platform's", async () => {
    expect(await slackOf(a, tokens.a!)).toMatchObject({ enabled: true, oauth_app: "platform", token_endpoint_auth_method: "client_secret_post" });
    const flow = await connect(a, "a-user-1");
    expect(flow).toMatchObject({ status: 200, authClientId: "platform-client", token: { client_id: "platform-client", client_secret: PLATFORM_SECRET } });
    expect(flow.connected).toBeTruthy();
  });

  it("the workspace's own app wins, and only for that workspace", async () => {
    const own = await h.call("PUT", `/api/v1/workspaces/${a.workspaceId}/oauth-apps/slack`, {
      token: tokens.a,
      body: { client_id: "a-own-client", client_secret: A_SECRET },
    });
    expect(own.status).toBe(200);
    expect(await slackOf(a, tokens.a!)).toMatchObject({ enabled: true, oauth_app: "workspace" });
    expect(await connect(a, "a-user-2")).toMatchObject({ authClientId: "a-own-client", token: { client_id: "a-own-client", client_secret: A_SECRET } });
    // workspace B neither sees nor uses A's app
    expect(await slackOf(b, tokens.b!)).toMatchObject({ enabled: true, oauth_app: "platform" });
    expect(await connect(b, "b-user-1")).toMatchObject({ authClientId: "platform-client", token: { client_id: "platform-client" } });
    await expectProblem(await h.call("GET", `/api/v1/workspaces/${a.workspaceId}/oauth-apps`, { token: tokens.b }), 404);
    const bApps = await h.call("GET", `/api/v1/workspaces/${b.workspaceId}/oauth-apps`, { token: tokens.b });
    expect(await bApps.json()).toEqual({ items: [] });
  });

  it("a connection keeps refreshing with the app that obtained its token, even once the workspace has its own", async () => {
    // a-user-1 connected through the platform's app; A has its own app since
    const [conn] = await h.owner<
      { id: string; config: Record<string, string> }[]
    >`select c.id, c.config from connections c join end_users e on e.id = c.end_user_id where e.external_user_id = 'a-user-1'`;
    expect(conn!.config.oauth_app).toBe("platform");
    await h.owner`update connections set refresh_due_at = now() - interval '1 second' where id = ${conn!.id}`;
    tokenRequests.length = 0;
    await h.owner`select graphile_worker.add_job('integrations.refresh_connection', json_build_object('workspace_id', ${a.workspaceId}::text, 'connection_id', ${conn!.id}::text), job_key := ${`refresh:${conn!.id}`})`;
    await h.runJobs();
    expect(tokenRequests).toEqual([{ client_id: "platform-client", client_secret: PLATFORM_SECRET }]);
    const [own] = await h.owner<
      { config: Record<string, string> }[]
    >`select c.config from connections c join end_users e on e.id = c.end_user_id where e.external_user_id = 'a-user-2'`;
    expect(own!.config.oauth_app).toBe("workspace");
  });

  it("deleting the platform's app leaves workspaces without one unable to connect; a workspace's own keeps working", async () => {
    await expectProblem(await h.call("DELETE", "/api/v1/admin/oauth-apps/github", { token: tokens.super_admin }), 404);
    const del = await h.call("DELETE", "/api/v1/admin/oauth-apps/slack", { token: tokens.super_admin });
    expect(del.status).toBe(204);
    expect(await slackOf(b, tokens.b!)).toMatchObject({ enabled: false, oauth_app: null });
    const refused = await connect(b, "b-user-2");
    expect(refused.status).toBe(400);
    expect((await expectProblem(refused.res!, 400)).errors?.[0]?.pointer).toBe("#/provider");
    expect(await connect(a, "a-user-3")).toMatchObject({ authClientId: "a-own-client" });
  });
});
