/**
 * Issue 14, part 6: a provider whose access tokens live 5 minutes (`expires_in: 300`) was
 * refreshed in a hot loop — 86 to 141 refresh grants in 3 s — because the due window and the
 * scheduled job used the same 5-minute margin. Against a real local authorization server
 * (oauth2-mock-server) that answers `expires_in: 300`: repeated use of the credentials and the
 * refresh job over 3 s send no refresh grant; once the token is 80 % into its lifetime, exactly one.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OAuth2Server } from "oauth2-mock-server";
import { openHarness, type Harness } from "../../testing/harness";
import { signUpWorkspace, type FreshWorkspace } from "../../testing/fixtures";
import { findAction } from "./actions";
import { MIN_REFRESH_INTERVAL_MS, refreshDueAt } from "./refresh-schedule";
import { actionContext, startProviderServer, type ProviderServer } from "./test-support";

let h: Harness;
let as: OAuth2Server;
let api: ProviderServer;
let ws: FreshWorkspace;
const grants: string[] = [];

beforeAll(async () => {
  h = await openHarness();
  as = new OAuth2Server();
  await as.issuer.keys.generate("RS256");
  await as.start(0, "127.0.0.1");
  as.service.on("beforeResponse", (res: { body: Record<string, unknown> }, req: { body: Record<string, string> }) => {
    if (req.body.grant_type) grants.push(req.body.grant_type);
    res.body.expires_in = 300;
  });
  const base = as.issuer.url!;
  process.env.PROVIDER_SLACK_AUTHORIZATION_URL = `${base}/authorize`;
  process.env.PROVIDER_SLACK_TOKEN_URL = `${base}/token`;
  api = await startProviderServer();
  process.env.PROVIDER_SLACK_BASE_URL = `${api.url}/slack`;
  ws = await signUpWorkspace(h, "Short Tokens Co", "short-tokens");
  const owner = await h.signIn(ws.email, ws.password);
  const app = await h.call("PUT", `/api/v1/workspaces/${ws.workspaceId}/oauth-apps/slack`, {
    token: owner,
    body: { client_id: "nh-client", client_secret: "short-lived-secret" },
  });
  expect(app.status).toBe(200);
});
afterAll(async () => {
  await as.stop();
  await api.close();
  await h.close();
});

/** Connects `userId` through the real authorization code flow; answers the connection and end user ids. */
async function connect(userId: string): Promise<{ id: string; endUserId: string }> {
  const res = await h.call("POST", "/api/v1/integrations/auth-url", {
    token: ws.apiKey,
    body: { provider: "slack", user_id: userId, workspace_id: ws.workspaceId },
  });
  const { auth_url } = (await res.json()) as { auth_url: string };
  const consent = await fetch(auth_url, { redirect: "manual" });
  const cb = new URL(consent.headers.get("location")!);
  const back = await h.call("GET", `/api/v1/integrations/oauth/callback${cb.search}`);
  const id = new URL(back.headers.get("location")!, "http://x").searchParams.get("connected")!;
  const [eu] = await h.owner<{ id: string }[]>`select id from end_users where workspace_id = ${ws.workspaceId} and external_user_id = ${userId}`;
  return { id, endUserId: eu!.id };
}

const rowOf = async (id: string) =>
  (
    await h.owner<
      { expires_at: Date; refresh_due_at: Date; last_refreshed_at: Date | null }[]
    >`select expires_at, refresh_due_at, last_refreshed_at from connections where id = ${id}`
  )[0]!;
const refreshGrants = () => grants.filter((g) => g === "refresh_token").length;

/** Uses the credentials (a Slack action) and runs the refresh job, again and again for `ms`. */
async function hammer(endUserId: string, ms: number): Promise<number> {
  const slack = findAction("slack", "send_message")!;
  let uses = 0;
  for (const until = Date.now() + ms; Date.now() < until; uses++) {
    await slack.run({ channel: "C1", text: `use ${uses}` }, actionContext(ws.workspaceId, endUserId));
    if (uses % 5 === 0) await h.runJobs();
  }
  return uses;
}

describe("refresh at 80 % of the token's own lifetime", () => {
  it("computes the due time from expires_in, with a floor for very short lifetimes", () => {
    const t0 = new Date("2026-12-07T08:00:00Z");
    expect(refreshDueAt(t0, 300)!.getTime() - t0.getTime()).toBe(240_000);
    expect(refreshDueAt(t0, 3600)!.getTime() - t0.getTime()).toBe(2_880_000);
    expect(refreshDueAt(t0, 5)!.getTime() - t0.getTime()).toBe(5_000);
    expect(refreshDueAt(t0, 30)!.getTime() - t0.getTime()).toBe(Math.max(24_000, MIN_REFRESH_INTERVAL_MS));
    expect(refreshDueAt(t0, null)).toBeNull();
  });

  it("sends no refresh grant over 3 s of repeated use and refresh jobs of a 5-minute token", async () => {
    const { id, endUserId } = await connect("short-1");
    const row = await rowOf(id);
    expect(row.expires_at.getTime() - Date.now()).toBeGreaterThan(290_000);
    expect(row.expires_at.getTime() - row.refresh_due_at.getTime()).toBe(60_000);
    await h.runJobs(); // the connection's domain events, before counting
    const before = refreshGrants();
    api.requests.length = 0;
    const uses = await hammer(endUserId, 3_000);
    expect(uses).toBeGreaterThan(10);
    expect(api.requests.length).toBe(uses);
    expect(refreshGrants() - before).toBe(0);
    expect((await rowOf(id)).last_refreshed_at).toBeNull();
  });

  it("refreshes exactly once when the token is due, and schedules the next refresh 80 % into the new lifetime", async () => {
    const { id, endUserId } = await connect("short-2");
    await h.owner`update connections set refresh_due_at = now() - interval '1 second', expires_at = now() + interval '59 seconds' where id = ${id}`;
    const before = refreshGrants();
    await hammer(endUserId, 3_000);
    expect(refreshGrants() - before).toBe(1);
    const row = await rowOf(id);
    expect(row.refresh_due_at.getTime() - row.last_refreshed_at!.getTime()).toBeGreaterThan(239_000);
    expect(row.refresh_due_at.getTime() - row.last_refreshed_at!.getTime()).toBeLessThan(241_000);
    const [job] = await h.owner<{ run_at: Date }[]>`select run_at from graphile_worker._private_jobs where key = ${`refresh:${id}`}`;
    expect(Math.abs(job!.run_at.getTime() - row.refresh_due_at.getTime())).toBeLessThan(1_000);
  });

  it("the refresh job refreshes a due token once, and a job that runs before the due time sends nothing", async () => {
    const { id } = await connect("short-3");
    const before = refreshGrants();
    // the job made due too early (e.g. by a recovery sweep): nothing to do
    await h.owner`update graphile_worker._private_jobs set run_at = now() where key = ${`refresh:${id}`}`;
    await h.runJobs();
    expect(refreshGrants() - before).toBe(0);
    await h.owner`update connections set refresh_due_at = now() - interval '1 second' where id = ${id}`;
    await h.owner`select graphile_worker.add_job('integrations.refresh_connection', json_build_object('workspace_id', ${ws.workspaceId}::text, 'connection_id', ${id}::text), job_key := ${`refresh:${id}`})`;
    for (let i = 0; i < 5; i++) await h.runJobs();
    expect(refreshGrants() - before).toBe(1);
  });
});
