/**
 * The users quota (seed 003 §3.1, §9.2): members added past the plan's `users` are refused with
 * 403 quota-exceeded naming the figures; 80 % and 100 % append quota.warning / quota.exceeded
 * once (with inbox notices for the owners); the quota is per workspace, and another workspace
 * neither sees nor is affected by it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openHarness, type Harness } from "../../testing/harness";
import { expectProblem, FRESH_PASSWORD, uniqueEmail } from "../../testing/fixtures";
import { settle, workspaceOnPlan } from "../../testing/notifications";

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
  await h.owner`insert into plans (id, name, events_per_month, notifications_per_month, users, rules, sounds, requests_per_hour, webhooks)
    values ('test_five_users', 'Five users', 1000, 1000, 5, 5, 3, 5000, true) on conflict (id) do nothing`;
});
afterAll(async () => {
  await h.close();
});

const addMember = (token: string, workspaceId: string, email = uniqueEmail("member")) =>
  h.call("POST", `/api/v1/workspaces/${workspaceId}/members`, { token, body: { email, name: "New member", password: FRESH_PASSWORD, role: "member" } });
const events = (workspaceId: string, type: string) =>
  h.owner<
    { payload: Record<string, unknown> }[]
  >`select payload from domain_events where workspace_id = ${workspaceId} and type = ${type} order by occurred_at`;
const memberCount = async (workspaceId: string) =>
  (await h.owner<{ n: number }[]>`select count(*)::int as n from memberships where workspace_id = ${workspaceId}`)[0]!.n;

describe("users quota", () => {
  it("warns at 80 %, marks 100 %, then refuses with 403 quota-exceeded and creates nothing", async () => {
    const ws = await workspaceOnPlan(h, "test_five_users", "Five Seats");
    // the owner is user 1 of 5; users 2 and 3 stay under 80 %
    for (let i = 0; i < 2; i++) expect((await addMember(ws.token, ws.workspaceId)).status).toBe(201);
    expect(await events(ws.workspaceId, "quota.warning")).toEqual([]);
    expect((await addMember(ws.token, ws.workspaceId)).status).toBe(201); // 4 of 5 = 80 %
    expect((await events(ws.workspaceId, "quota.warning")).map((e) => e.payload)).toEqual([
      expect.objectContaining({ metric: "users", usage: 4, quota: 5, percent: 80 }),
    ]);
    expect(await events(ws.workspaceId, "quota.exceeded")).toEqual([]);
    expect((await addMember(ws.token, ws.workspaceId)).status).toBe(201); // 5 of 5: the last seat
    expect((await events(ws.workspaceId, "quota.exceeded")).map((e) => e.payload)).toEqual([
      expect.objectContaining({ metric: "users", usage: 5, quota: 5, percent: 100 }),
    ]);

    const email = uniqueEmail("sixth");
    const refused = await addMember(ws.token, ws.workspaceId, email);
    const problem = (await expectProblem(refused, 403)) as unknown as Record<string, unknown>;
    expect(problem).toMatchObject({ type: "https://neighbourhood.dev/problems/quota-exceeded", metric: "users", quota: 5, usage: 5 });
    expect(String(problem.detail)).toContain("5 users");
    expect(await memberCount(ws.workspaceId)).toBe(5);
    // the account the refused request would have created was rolled back with it
    expect(await h.owner`select 1 from users where email = ${email}`).toHaveLength(0);
    // each threshold is announced once
    await expectProblem(await addMember(ws.token, ws.workspaceId), 403);
    expect(await events(ws.workspaceId, "quota.warning")).toHaveLength(1);
    expect(await events(ws.workspaceId, "quota.exceeded")).toHaveLength(1);

    // the owners get inbox notices that speak of members, not of events
    await settle(h, async () => (await h.owner`select 1 from notifications where workspace_id = ${ws.workspaceId}`).length >= 2);
    const notices = await h.owner<
      { title: string; message: string }[]
    >`select title, message from notifications where workspace_id = ${ws.workspaceId} order by seq`;
    expect(notices.map((n) => n.title)).toEqual(["You have used 80% of your users quota", "Your users quota is used up"]);
    expect(notices[1]!.message).toContain("No more members can be added");
    const usage = (await (await h.call("GET", "/api/v1/projects/me/usage", { token: ws.token })).json()) as {
      plan: { users: number };
      counts: { users: number };
    };
    expect(usage).toMatchObject({ plan: { users: 5 }, counts: { users: 5 } });
  });

  it("lets only one of two concurrent additions take the last seat", async () => {
    const ws = await workspaceOnPlan(h, "test_five_users", "Race Co");
    for (let i = 0; i < 3; i++) expect((await addMember(ws.token, ws.workspaceId)).status).toBe(201);
    const results = await Promise.all([addMember(ws.token, ws.workspaceId), addMember(ws.token, ws.workspaceId)]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 403]);
    expect(await memberCount(ws.workspaceId)).toBe(5);
  });

  it("is per workspace: a full workspace neither blocks nor shows itself to another", async () => {
    const full = await workspaceOnPlan(h, "test_five_users", "Full Co");
    const emails = [uniqueEmail("a"), uniqueEmail("b"), uniqueEmail("c"), uniqueEmail("d")];
    for (const email of emails) expect((await addMember(full.token, full.workspaceId, email)).status).toBe(201);
    await expectProblem(await addMember(full.token, full.workspaceId), 403);

    const other = await workspaceOnPlan(h, "test_five_users", "Other Co");
    // another workspace's owner adding to the full one gets 404 (no quota figures leak), and nothing is added
    const intruder = await addMember(other.token, full.workspaceId);
    const p = (await expectProblem(intruder, 404)) as unknown as Record<string, unknown>;
    expect(p).not.toHaveProperty("usage");
    expect(await memberCount(full.workspaceId)).toBe(5);
    // the other workspace has its own seats, and a member of the full one may join it
    expect((await addMember(other.token, other.workspaceId, emails[0])).status).toBe(201);
    expect(await memberCount(other.workspaceId)).toBe(2);
    expect(await events(other.workspaceId, "quota.warning")).toEqual([]);
    // Globex (free: 100 users) is untouched by either
    const globex = await h.signIn("owner@globex.test");
    expect((await addMember(globex, h.globexId)).status).toBe(201);
    expect(await events(h.globexId, "quota.warning")).toEqual([]);
  });
});
