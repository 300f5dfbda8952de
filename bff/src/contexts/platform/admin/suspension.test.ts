/**
 * A suspended workspace keeps its data, but its API keys, its members' sign-ins and sessions,
 * and webhooks into it are refused with a 403 `workspace-suspended` problem; platform staff and
 * other workspaces are unaffected; reactivation restores everything.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openHarness, type Harness } from "../../../testing/harness";
import { expectProblem, signUpWorkspace, uniqueEmail, type FreshWorkspace } from "../../../testing/fixtures";
import { assertWorkspaceActive, WorkspaceSuspended } from "../../tenancy";

let h: Harness;
let admin = "";
let ws: FreshWorkspace;
let sessionBefore = "";
let endUserBefore = "";

const suspend = (id: string) => h.call("POST", `/api/v1/admin/workspaces/${id}/suspend`, { token: admin, body: { reason: "unpaid invoices" } });
const reactivate = (id: string) => h.call("POST", `/api/v1/admin/workspaces/${id}/reactivate`, { token: admin, body: {} });
const login = (email: string, password: string) => h.call("POST", "/api/v1/auth/login", { body: { email, password } });

beforeAll(async () => {
  h = await openHarness();
  admin = await h.signIn("admin@neighbourhood.test");
  ws = await signUpWorkspace(h, "Suspended Co", "suspended");
  sessionBefore = await h.signIn(ws.email, ws.password);
  const cs = await h.call("POST", "/api/v1/connect/sessions", { token: ws.apiKey, body: { end_user_id: "suspended_customer" } });
  const ex = await h.call("POST", "/api/v1/connect/exchange", { body: { token: ((await cs.json()) as { token: string }).token } });
  endUserBefore = ((await ex.json()) as { access_token: string }).access_token;
  expect((await h.call("GET", "/api/v1/client/connections", { token: endUserBefore })).status).toBe(200);
  expect((await suspend(ws.workspaceId)).status).toBe(200);
});
afterAll(async () => {
  await h.close();
});

describe("a suspended workspace", () => {
  it("refuses its API keys with 403 workspace-suspended", async () => {
    const p = await expectProblem(await h.call("GET", `/api/v1/workspaces/${ws.workspaceId}/end-users`, { token: ws.apiKey }), 403);
    expect(p.type).toMatch(/workspace-suspended$/);
    expect(p.detail).toMatch(/suspended/);
  });

  it("refuses its owner's sign-in with 403 naming the workspace, and sets no session cookie", async () => {
    const res = await login(ws.email, ws.password);
    expect(res.headers.getSetCookie().filter((c) => c.startsWith("nh_at="))).toEqual([]);
    const p = await expectProblem(res, 403);
    expect(p.detail).toContain("Suspended Co");
    const [e] = await h.owner<
      { n: number }[]
    >`select count(*)::int as n from domain_events where type = 'auth.sign_in_refused' and payload->>'email' = ${ws.email}`;
    expect(e!.n).toBeGreaterThan(0);
  });

  it("still answers 401 (not 403) for a wrong password, so suspension reveals nothing to a guesser", async () => {
    await expectProblem(await login(ws.email, "wrong-password-123"), 401);
  });

  it("refuses a session opened before the suspension on the workspace's routes", async () => {
    const p = await expectProblem(await h.call("GET", `/api/v1/workspaces/${ws.workspaceId}/api-keys`, { token: sessionBefore }), 403);
    expect(p.type).toMatch(/workspace-suspended$/);
  });

  it("refuses its end users' client-portal calls with 403", async () => {
    const p = await expectProblem(await h.call("GET", "/api/v1/client/connections", { token: endUserBefore }), 403);
    expect(p.type).toMatch(/workspace-suspended$/);
  });

  it("refuses webhooks into it with 403", async () => {
    const p = await expectProblem(await h.call("POST", `/webhooks/${ws.workspaceId}/new-customer`, { body: { email: "a@b.test" } }), 403);
    expect(p.type).toMatch(/workspace-suspended$/);
    await expect(assertWorkspaceActive(h.handles.db, ws.workspaceId)).rejects.toBeInstanceOf(WorkspaceSuspended);
    await expect(assertWorkspaceActive(h.handles.db, h.acmeId)).resolves.toBeUndefined();
  });

  it("keeps its data", async () => {
    const [n] = await h.owner<{ n: number }[]>`select (select count(*) from api_keys where workspace_id = ${ws.workspaceId})::int
      + (select count(*) from memberships where workspace_id = ${ws.workspaceId})::int as n`;
    expect(n!.n).toBe(2);
  });

  it("leaves platform staff, Acme and Globex unaffected", async () => {
    const detail = await h.call("GET", `/api/v1/admin/workspaces/${ws.workspaceId}`, { token: admin });
    expect(detail.status).toBe(200);
    expect(await detail.json()).toMatchObject({ status: "suspended" });
    expect((await login("dev@acme.test", "demo-password-1")).status).toBe(200);
    expect((await login("owner@globex.test", "demo-password-1")).status).toBe(200);
    const dev = await h.signIn("dev@acme.test");
    expect((await h.call("GET", `/api/v1/workspaces/${h.acmeId}/api-keys`, { token: dev })).status).toBe(200);
  });

  it("lets a person who also belongs to an active workspace sign in there", async () => {
    const other = await signUpWorkspace(h, "Active Co", "active-too");
    const owner = await h.signIn(other.email, other.password);
    const added = await h.call("POST", `/api/v1/workspaces/${other.workspaceId}/members`, {
      token: owner,
      body: { email: ws.email, name: "Shared Person", password: ws.password, role: "developer" },
    });
    expect(added.status).toBe(201);
    const res = await login(ws.email, ws.password);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { workspace_id: string }).workspace_id).toBe(other.workspaceId);
  });

  it("answers 409 when suspended twice and works again once reactivated", async () => {
    await expectProblem(await suspend(ws.workspaceId), 409);
    expect((await reactivate(ws.workspaceId)).status).toBe(200);
    expect((await h.call("GET", `/api/v1/workspaces/${ws.workspaceId}/end-users`, { token: ws.apiKey })).status).toBe(200);
    expect((await h.call("GET", `/api/v1/workspaces/${ws.workspaceId}/api-keys`, { token: sessionBefore })).status).toBe(200);
    await expectProblem(await reactivate(ws.workspaceId), 409);
  });

  it("never blocks platform staff, who belong to no workspace", async () => {
    const email = uniqueEmail("staff-signin");
    const created = await h.call("POST", "/api/v1/admin/staff", {
      token: admin,
      body: { email, name: "Staffer", platform_role: "support", password: "staff-password-123" },
    });
    expect(created.status).toBe(201);
    expect((await login(email, "staff-password-123")).status).toBe(200);
  });
});
