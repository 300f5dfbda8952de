/**
 * Who may call which admin route, table-driven over every `/api/v1/admin/*` route: super_admin
 * everything; support reads only (403 on every write); billing plans and quotas only (plus the
 * workspace reads that needs); platform OAuth apps: super_admin sets and deletes, support reads,
 * billing nothing; workspace members (owners included, Acme's and Globex's), an
 * API key and an end user get 403; anonymous callers 401. Refused writes change nothing.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openHarness, type Harness } from "../../../testing/harness";
import { expectProblem, signUpWorkspace, uniqueEmail, type FreshWorkspace } from "../../../testing/fixtures";

type Role = "super_admin" | "support" | "billing";
interface AdminRoute {
  method: string;
  path: () => string;
  body?: () => unknown;
  allowed: Role[];
}

let h: Harness;
let target: FreshWorkspace;
let staffTargetId = "";
const tokens: Record<string, string> = {};

const ALL: Role[] = ["super_admin", "support", "billing"];
const OPS: Role[] = ["super_admin", "support"];
const PLANS: Role[] = ["super_admin", "billing"];
const SUPER: Role[] = ["super_admin"];
const ws = () => `/api/v1/admin/workspaces/${target.workspaceId}`;
/** the catalogue OAuth 2 provider whose platform OAuth app these calls set and delete */
const OAUTH_APP_PROVIDER = "slack";
const oauthApp = () => `/api/v1/admin/oauth-apps/${OAUTH_APP_PROVIDER}`;
/** every email a route body asked to create, so refused calls can be shown to have created nothing */
const attempted: string[] = [];
const fresh = (tag: string) => {
  const email = uniqueEmail(tag);
  attempted.push(email);
  return email;
};

// in the order an allowed caller can run them one after another on the target workspace
const ROUTES: AdminRoute[] = [
  { method: "GET", path: () => "/api/v1/admin/workspaces", allowed: ALL },
  { method: "GET", path: ws, allowed: ALL },
  { method: "GET", path: () => "/api/v1/admin/plans", allowed: ALL },
  { method: "PUT", path: () => `${ws()}/plan`, body: () => ({ plan: "starter" }), allowed: PLANS },
  { method: "PATCH", path: () => "/api/v1/admin/plans/starter", body: () => ({ sounds: 11 }), allowed: PLANS },
  { method: "GET", path: () => "/api/v1/admin/staff", allowed: OPS },
  {
    method: "POST",
    path: () => "/api/v1/admin/staff",
    body: () => ({ email: fresh("staff"), name: "New Staff", platform_role: "support", password: "staff-password-123" }),
    allowed: SUPER,
  },
  { method: "PATCH", path: () => `/api/v1/admin/staff/${staffTargetId}`, body: () => ({ platform_role: "support" }), allowed: SUPER },
  { method: "GET", path: () => "/api/v1/admin/metrics?days=7", allowed: OPS },
  { method: "GET", path: () => "/api/v1/admin/audit?limit=5", allowed: OPS },
  { method: "GET", path: () => "/api/v1/admin/audit/export?format=json", allowed: OPS },
  { method: "GET", path: () => "/api/v1/admin/audit/export?format=csv", allowed: OPS },
  { method: "GET", path: () => "/api/v1/admin/oauth-apps", allowed: OPS },
  { method: "PUT", path: oauthApp, body: () => ({ client_id: "role-test-client", client_secret: "role-test-secret", scopes: ["chat:write"] }), allowed: SUPER },
  { method: "DELETE", path: oauthApp, allowed: SUPER },
  { method: "PUT", path: oauthApp, body: () => ({ client_id: "role-test-client-2", client_secret: "role-test-secret-2" }), allowed: SUPER },
  {
    method: "POST",
    path: () => "/api/v1/admin/workspaces",
    body: () => ({ name: "Staff-made Co", owner_email: fresh("staff-made"), owner_password: "owner-password-123", plan: "free" }),
    allowed: SUPER,
  },
  { method: "POST", path: () => `${ws()}/suspend`, body: () => ({ reason: "role test" }), allowed: SUPER },
  { method: "POST", path: () => `${ws()}/reactivate`, allowed: SUPER },
  { method: "DELETE", path: ws, allowed: SUPER },
];

const call = (r: AdminRoute, token: string) => h.call(r.method, r.path(), { token, body: r.body?.() ?? (r.method === "POST" ? {} : undefined) });

beforeAll(async () => {
  h = await openHarness();
  target = await signUpWorkspace(h, "Role Target", "role-target");
  for (const [role, email] of [
    ["super_admin", "admin@neighbourhood.test"],
    ["support", "support@neighbourhood.test"],
    ["billing", "billing@neighbourhood.test"],
    ["acme_owner", "owner@acme.test"],
    ["globex_owner", "owner@globex.test"],
    ["acme_dev", "dev@acme.test"],
  ] as const) {
    tokens[role] = await h.signIn(email);
  }
  const created = await h.call("POST", "/api/v1/admin/staff", {
    token: tokens.super_admin!,
    body: { email: uniqueEmail("staff-target"), name: "Staff Target", platform_role: "support", password: "staff-password-123" },
  });
  expect(created.status).toBe(201);
  staffTargetId = ((await created.json()) as { id: string }).id;
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => {
  attempted.length = 0;
});

// other test files create workspaces and staff at the same time: look only at what these calls touch
async function snapshot() {
  const [w] = await h.owner<
    { plan: string; status: string; deleted_at: Date | null }[]
  >`select plan, status, deleted_at from workspaces where id = ${target.workspaceId}`;
  const [p] = await h.owner<{ sounds: number | null }[]>`select sounds from plans where id = 'starter'`;
  const [t] = await h.owner<{ platform_role: string }[]>`select platform_role from users where id = ${staffTargetId}`;
  const apps = await h.owner<
    { client_id: string; client_secret_encrypted: string; scopes: string[] | null }[]
  >`select client_id, client_secret_encrypted, scopes from platform_oauth_apps where provider = ${OAUTH_APP_PROVIDER}`;
  return { w, p, t, apps };
}
async function createdAccounts(): Promise<number> {
  const [n] = await h.owner<{ n: number }[]>`select count(*)::int as n from users where email in ${h.owner(attempted.length ? attempted : [""])}`;
  return n!.n;
}

describe("admin routes by platform staff role", () => {
  for (const role of ["support", "billing"] as const) {
    it(`${role}: allowed routes answer, every other route is 403 and changes nothing`, async () => {
      const before = await snapshot();
      for (const r of ROUTES) {
        const res = await call(r, tokens[role]!);
        if (r.allowed.includes(role)) {
          expect({ route: `${r.method} ${r.path()}`, status: res.status }).toMatchObject({ status: expect.toSatisfy((s: number) => s >= 200 && s < 300) });
        } else {
          const p = await expectProblem(res, 403);
          expect(p.detail).toMatch(/platform role/);
        }
      }
      const after = await snapshot();
      if (role === "support") expect(after).toEqual(before);
      else {
        // billing changed the workspace's plan and the plan's quota: nothing else
        expect(after.t).toEqual(before.t);
        expect(after.apps).toEqual(before.apps);
        expect({ status: after.w!.status, deleted_at: after.w!.deleted_at }).toEqual({ status: before.w!.status, deleted_at: before.w!.deleted_at });
      }
      expect(await createdAccounts()).toBe(0);
    });
  }

  it("support gets 403 on every write", async () => {
    for (const r of ROUTES.filter((x) => x.method !== "GET")) await expectProblem(await call(r, tokens.support!), 403);
  });

  it("super_admin can call every route (in order: plan, staff, OAuth app set, deleted and set again, suspend, reactivate, delete)", async () => {
    for (const r of ROUTES) {
      const res = await call(r, tokens.super_admin!);
      expect({ route: `${r.method} ${r.path()}`, status: res.status }).toMatchObject({ status: expect.toSatisfy((s: number) => s >= 200 && s < 300) });
    }
    const apps = await h.owner<{ client_id: string }[]>`select client_id from platform_oauth_apps where provider = ${OAUTH_APP_PROVIDER}`;
    expect(apps).toEqual([{ client_id: "role-test-client-2" }]);
    const [w] = await h.owner<{ deleted_at: Date | null }[]>`select deleted_at from workspaces where id = ${target.workspaceId}`;
    expect(w!.deleted_at).not.toBeNull();
  });
});

describe("admin routes refuse everyone who is not platform staff", () => {
  it("workspace owners and developers (Acme's and Globex's) get 403 on every admin route", async () => {
    for (const who of ["acme_owner", "globex_owner", "acme_dev"]) {
      for (const r of ROUTES) await expectProblem(await call(r, tokens[who]!), 403);
    }
    expect(await createdAccounts()).toBe(0);
  });

  it("an API key gets 403 and anonymous callers get 401 on every admin route", async () => {
    const other = await signUpWorkspace(h, "Key Holder", "key-holder");
    for (const r of ROUTES) {
      await expectProblem(await call(r, other.apiKey), 403);
      await expectProblem(await call(r, ""), 401);
    }
  });

  it("records each refusal as auth.authorization_failed", async () => {
    const [n] = await h.owner<{ n: number }[]>`select count(*)::int as n from domain_events
      where type = 'auth.authorization_failed' and payload->>'path' like '/api/v1/admin/%' and payload->>'reason' in ('platform_role_missing', 'not_platform_staff')`;
    expect(n!.n).toBeGreaterThan(ROUTES.length);
  });
});
