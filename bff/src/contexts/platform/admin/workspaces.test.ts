/** Workspace lifecycle and plans as platform staff: detail, create, change plan, soft delete and purge. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openHarness, type Harness } from "../../../testing/harness";
import { expectProblem, pointers, signUpWorkspace, uniqueEmail } from "../../../testing/fixtures";
import type { PlanDefinition, WorkspaceDetail } from "@nhood/contracts";

let h: Harness;
let admin = "";
let billing = "";
beforeAll(async () => {
  h = await openHarness();
  admin = await h.signIn("admin@neighbourhood.test");
  billing = await h.signIn("billing@neighbourhood.test");
});
afterAll(async () => {
  await h.close();
});

const detail = async (id: string, token = admin) => (await (await h.call("GET", `/api/v1/admin/workspaces/${id}`, { token })).json()) as WorkspaceDetail;

describe("workspace detail", () => {
  it("shows members, plan, status, creation and usage against the plan's quotas", async () => {
    const d = await detail(h.acmeId);
    expect(d).toMatchObject({ id: h.acmeId, name: "Acme", plan: "professional", status: "active", deleted_at: null });
    expect(d.members.map((m) => m.email)).toEqual(expect.arrayContaining(["owner@acme.test", "dev@acme.test", "rep1@acme.test"]));
    expect(d.members.find((m) => m.email === "owner@acme.test")!.role).toBe("owner");
    const users = d.usage.find((u) => u.metric === "users")!;
    expect(users).toEqual({ metric: "users", period: "current", used: d.members.length, limit: 10000 });
    expect(d.usage.find((u) => u.metric === "events")!.limit).toBe(500000);
  });

  it("counts usage from the usage read model of this month", async () => {
    const ws = await signUpWorkspace(h, "Usage Co", "usage");
    const month = new Date().toISOString().slice(0, 7);
    await h.owner`insert into usage_counters (workspace_id, period_type, period, metric, count) values (${ws.workspaceId}, 'month', ${month}, 'events', 42)`;
    expect((await detail(ws.workspaceId)).usage.find((u) => u.metric === "events")).toEqual({ metric: "events", period: month, used: 42, limit: 1000 });
  });

  it("answers 404 for an unknown workspace and 400 for a malformed id", async () => {
    await expectProblem(await h.call("GET", `/api/v1/admin/workspaces/${crypto.randomUUID()}`, { token: admin }), 404);
    const p = await expectProblem(await h.call("GET", "/api/v1/admin/workspaces/not-a-uuid", { token: admin }), 400);
    expect(pointers(p)).toEqual(["#/path/workspace_id"]);
  });
});

describe("creating and changing plans", () => {
  it("creates a workspace with its owner on a chosen plan; the owner can sign in", async () => {
    const email = uniqueEmail("staff-created");
    const res = await h.call("POST", "/api/v1/admin/workspaces", {
      token: admin,
      body: { name: "Initech", owner_email: email, owner_password: "owner-password-123", plan: "starter" },
    });
    expect(res.status).toBe(201);
    const { workspace_id } = (await res.json()) as { workspace_id: string };
    expect(await detail(workspace_id)).toMatchObject({ name: "Initech", plan: "starter", status: "active" });
    expect((await h.call("POST", "/api/v1/auth/login", { body: { email, password: "owner-password-123" } })).status).toBe(200);
  });

  it("refuses an unknown plan, a taken email and bad fields with 4xx naming the field", async () => {
    const ok = { name: "X", owner_email: uniqueEmail("bad"), owner_password: "owner-password-123" };
    expect(pointers(await expectProblem(await h.call("POST", "/api/v1/admin/workspaces", { token: admin, body: { ...ok, plan: "platinum" } }), 400))).toEqual([
      "#/plan",
    ]);
    expect(
      pointers(await expectProblem(await h.call("POST", "/api/v1/admin/workspaces", { token: admin, body: { ...ok, owner_email: "owner@acme.test" } }), 409)),
    ).toEqual(["#/owner_email"]);
    const p = await expectProblem(
      await h.call("POST", "/api/v1/admin/workspaces", { token: admin, body: { name: "", owner_email: "nope", owner_password: "short" } }),
      400,
    );
    expect(pointers(p)).toEqual(expect.arrayContaining(["#/name", "#/owner_email", "#/owner_password"]));
  });

  it("lets billing move a workspace to another plan and records workspace.plan_changed", async () => {
    const ws = await signUpWorkspace(h, "Upgrade Co", "upgrade");
    const res = await h.call("PUT", `/api/v1/admin/workspaces/${ws.workspaceId}/plan`, { token: billing, body: { plan: "professional" } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as WorkspaceDetail).plan).toBe("professional");
    const [e] = await h.owner<
      { payload: { from: string; to: string } }[]
    >`select payload from domain_events where type = 'workspace.plan_changed' and subject_id = ${ws.workspaceId}`;
    expect(e!.payload).toEqual({ from: "free", to: "professional" });
    expect(
      pointers(await expectProblem(await h.call("PUT", `/api/v1/admin/workspaces/${ws.workspaceId}/plan`, { token: billing, body: { plan: "gold" } }), 400)),
    ).toEqual(["#/plan"]);
  });
});

describe("plans and quotas", () => {
  it("lists the seed's four tiers in order with their quotas and workspace counts", async () => {
    const { items } = (await (await h.call("GET", "/api/v1/admin/plans", { token: admin })).json()) as { items: PlanDefinition[] };
    expect(items.slice(0, 4).map((p) => p.id)).toEqual(["free", "starter", "professional", "enterprise"]);
    expect(items.find((p) => p.id === "enterprise")).toMatchObject({ events_per_month: null, requests_per_hour: null });
    expect(items.find((p) => p.id === "professional")!.workspace_count).toBeGreaterThanOrEqual(1);
  });

  it("edits a quota (null = unlimited), records plan.updated, and refuses bad values naming the field", async () => {
    const res = await h.call("PATCH", "/api/v1/admin/plans/enterprise", { token: admin, body: { rules: 500 } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as PlanDefinition).rules).toBe(500);
    expect(
      ((await (await h.call("PATCH", "/api/v1/admin/plans/enterprise", { token: billing, body: { rules: null } })).json()) as PlanDefinition).rules,
    ).toBeNull();
    const [n] = await h.owner<{ n: number }[]>`select count(*)::int as n from domain_events where type = 'plan.updated' and subject_id = 'enterprise'`;
    expect(n!.n).toBe(2);
    expect(pointers(await expectProblem(await h.call("PATCH", "/api/v1/admin/plans/enterprise", { token: admin, body: { rules: -1 } }), 400))).toEqual([
      "#/rules",
    ]);
    expect(pointers(await expectProblem(await h.call("PATCH", "/api/v1/admin/plans/enterprise", { token: admin, body: { users: "many" } }), 400))).toEqual([
      "#/users",
    ]);
    await expectProblem(await h.call("PATCH", "/api/v1/admin/plans/enterprise", { token: admin, body: {} }), 400);
    await expectProblem(await h.call("PATCH", "/api/v1/admin/plans/platinum", { token: admin, body: { rules: 1 } }), 404);
  });
});

describe("soft delete and purge", () => {
  it("refuses the deleted workspace at once, can be restored, and is purged after the grace period", async () => {
    const ws = await signUpWorkspace(h, "Doomed Co", "doomed");
    const res = await h.call("DELETE", `/api/v1/admin/workspaces/${ws.workspaceId}`, { token: admin });
    expect(res.status).toBe(200);
    const d = (await res.json()) as WorkspaceDetail;
    expect(d.deleted_at).not.toBeNull();
    expect(new Date(d.purge_at!).getTime() - new Date(d.deleted_at!).getTime()).toBe(30 * 86_400_000);
    await expectProblem(await h.call("GET", `/api/v1/workspaces/${ws.workspaceId}/end-users`, { token: ws.apiKey }), 403);
    await expectProblem(await h.call("DELETE", `/api/v1/admin/workspaces/${ws.workspaceId}`, { token: admin }), 409);
    // not due yet: running the queue purges nothing
    await h.runJobs();
    expect((await h.owner`select 1 from workspaces where id = ${ws.workspaceId}`).length).toBe(1);
    // a notification of it: the purge deletes it itself (notifications have no foreign key to workspaces: migration 0043)
    await h.owner`insert into notifications (workspace_id, title, message) values (${ws.workspaceId}, 'last', '')`;
    // the grace period passes
    await h.owner`update workspaces set deleted_at = now() - interval '31 days' where id = ${ws.workspaceId}`;
    await h.owner`update graphile_worker._private_jobs set run_at = now() where key = ${`purge:${ws.workspaceId}`}`;
    await h.runJobs();
    for (const table of ["workspaces", "memberships", "api_keys", "branding", "notifications"]) {
      const col = table === "workspaces" ? "id" : "workspace_id";
      expect((await h.owner.unsafe(`select 1 from ${table} where ${col} = $1`, [ws.workspaceId])).length).toBe(0);
    }
    const [e] = await h.owner<{ n: number }[]>`select count(*)::int as n from domain_events where type = 'workspace.purged' and subject_id = ${ws.workspaceId}`;
    expect(e!.n).toBe(1);
    await expectProblem(await h.call("GET", `/api/v1/admin/workspaces/${ws.workspaceId}`, { token: admin }), 404);
  });

  it("reactivating a deleted workspace cancels its purge", async () => {
    const ws = await signUpWorkspace(h, "Saved Co", "saved");
    await h.call("DELETE", `/api/v1/admin/workspaces/${ws.workspaceId}`, { token: admin });
    const res = await h.call("POST", `/api/v1/admin/workspaces/${ws.workspaceId}/reactivate`, { token: admin, body: {} });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "active", deleted_at: null, purge_at: null });
    expect((await h.owner`select 1 from graphile_worker._private_jobs where key = ${`purge:${ws.workspaceId}`}`).length).toBe(0);
    expect((await h.call("GET", `/api/v1/workspaces/${ws.workspaceId}/end-users`, { token: ws.apiKey })).status).toBe(200);
  });
});
