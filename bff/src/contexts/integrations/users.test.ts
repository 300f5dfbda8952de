/**
 * Users of a workspace and their user roles (seed 003 §5.4, §5.7) through the real API with an
 * API key: create, read by id or externalUserId, list with filters, update, approve, sync with
 * per-row answers (in a fixed number of statements), delete = GDPR erasure, the users quota,
 * problem+json naming the field, and another workspace's key and session from the other side.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openHarness, type Harness } from "../../testing/harness";
import { expectProblem, pointers, signUpWorkspace, type FreshWorkspace } from "../../testing/fixtures";

let h: Harness;
let ws: FreshWorkspace;
let other: FreshWorkspace;
let otherSession = "";

beforeAll(async () => {
  h = await openHarness();
  ws = await signUpWorkspace(h, "Users Co");
  await h.owner`update workspaces set plan = 'professional' where id = ${ws.workspaceId}`;
  other = await signUpWorkspace(h, "Other Co");
  otherSession = await h.signIn(other.email, other.password);
  for (const key of ["finance", "drivers"]) {
    const r = await h.call("POST", "/api/v1/roles", { token: ws.apiKey, body: { key, name: key.toUpperCase() } });
    expect(r.status).toBe(201);
  }
});
afterAll(async () => {
  await h.close();
});

const json = async <T>(res: Response, status: number): Promise<T> => {
  const text = await res.text();
  expect({ status: res.status, text }).toMatchObject({ status });
  return JSON.parse(text) as T;
};
type User = { id: string; external_user_id: string; roles: string[]; status: string; email: string | null; push_tokens: { platform: string; token: string }[] };

describe("users API", () => {
  it("creates a user, reads it by id and by externalUserId, updates and lists it", async () => {
    const created = await json<User>(
      await h.call("POST", "/api/v1/users", {
        token: ws.apiKey,
        body: {
          externalUserId: "u-1",
          email: "ada@example.com",
          phone: "+44 20 7946 0958",
          roles: ["finance"],
          metadata: { plan: "pro" },
          pushTokens: [{ platform: "fcm", token: "fcm-token-0001" }],
        },
      }),
      201,
    );
    expect(created).toMatchObject({
      external_user_id: "u-1",
      roles: ["finance"],
      status: "active",
      push_tokens: [{ platform: "fcm", token: "fcm-token-0001" }],
    });
    expect(await json<User>(await h.call("GET", `/api/v1/users/${created.id}`, { token: ws.apiKey }), 200)).toMatchObject({ id: created.id });
    expect(await json<User>(await h.call("GET", "/api/v1/users/u-1", { token: ws.apiKey }), 200)).toMatchObject({ id: created.id });
    const updated = await json<User>(await h.call("PUT", "/api/v1/users/u-1", { token: ws.apiKey, body: { roles: ["finance", "drivers"], email: null } }), 200);
    expect(updated).toMatchObject({ roles: ["finance", "drivers"], email: null, push_tokens: [{ platform: "fcm" }] });
    const page = await json<{ items: User[] }>(await h.call("GET", "/api/v1/users?role=drivers", { token: ws.apiKey }), 200);
    expect(page.items.map((u) => u.external_user_id)).toEqual(["u-1"]);
    const roles = await json<{ items: { key: string; user_count: number }[] }>(await h.call("GET", "/api/v1/roles", { token: ws.apiKey }), 200);
    expect(roles.items).toEqual([expect.objectContaining({ key: "drivers", user_count: 1 }), expect.objectContaining({ key: "finance", user_count: 1 })]);
  });

  it("answers problem+json naming the field: bad e-mail, unknown role, taken externalUserId, empty update", async () => {
    expect(
      pointers(await expectProblem(await h.call("POST", "/api/v1/users", { token: ws.apiKey, body: { externalUserId: "u-x", email: "nope" } }), 400)),
    ).toEqual(["#/email"]);
    expect(
      pointers(
        await expectProblem(await h.call("POST", "/api/v1/users", { token: ws.apiKey, body: { externalUserId: "u-x", roles: ["finance", "ghost"] } }), 400),
      ),
    ).toEqual(["#/roles/1"]);
    await h.call("POST", "/api/v1/users", { token: ws.apiKey, body: { externalUserId: "u-dup" } });
    expect(pointers(await expectProblem(await h.call("POST", "/api/v1/users", { token: ws.apiKey, body: { externalUserId: "u-dup" } }), 409))).toEqual([
      "#/externalUserId",
    ]);
    expect((await expectProblem(await h.call("PUT", "/api/v1/users/u-dup", { token: ws.apiKey, body: {} }), 400)).status).toBe(400);
    expect(pointers(await expectProblem(await h.call("POST", "/api/v1/roles", { token: ws.apiKey, body: { key: "finance" } }), 409))).toEqual(["#/key"]);
  });

  it("approves a pending user", async () => {
    const u = await json<User>(await h.call("POST", "/api/v1/users", { token: ws.apiKey, body: { externalUserId: "u-pending", status: "pending" } }), 201);
    expect(u.status).toBe("pending");
    expect(await json<User>(await h.call("POST", "/api/v1/users/u-pending/approve", { token: ws.apiKey }), 200)).toMatchObject({ status: "active" });
    await h.call("PUT", "/api/v1/users/u-pending", { token: ws.apiKey, body: { status: "disabled" } });
    await expectProblem(await h.call("POST", "/api/v1/users/u-pending/approve", { token: ws.apiKey }), 409);
  });

  it("syncs 1,000 rows in one call, answering each row on its own", async () => {
    const users = Array.from({ length: 1000 }, (_, i) => ({ externalUserId: `sync-${i}`, roles: i % 10 === 0 ? ["drivers"] : [], email: `s${i}@example.com` }));
    users[3] = { externalUserId: "sync-3", roles: ["ghost"], email: "s3@example.com" };
    (users[5] as Record<string, unknown>).email = "not-an-email";
    users[7] = { ...users[6]! };
    users[0] = { externalUserId: "u-1", roles: ["finance"], email: "ada@new.example" };
    const res = await json<{ items: { index: number; outcome: string; errors: { pointer: string }[] }[]; created: number; updated: number; failed: number }>(
      await h.call("POST", "/api/v1/users/sync", { token: ws.apiKey, body: { users } }),
      200,
    );
    expect(res).toMatchObject({ created: 996, updated: 1, failed: 3 });
    expect(res.items[0]).toMatchObject({ outcome: "updated" });
    expect(res.items[3]).toMatchObject({ outcome: "failed", errors: [{ pointer: "#/users/3/roles/0" }] });
    expect(res.items[5]).toMatchObject({ outcome: "failed", errors: [{ pointer: "#/users/5/email" }] });
    expect(res.items[7]).toMatchObject({ outcome: "failed", errors: [{ pointer: "#/users/7/externalUserId" }] });
    const [n] = await h.owner<
      { n: number }[]
    >`select count(*)::int as n from end_users where workspace_id = ${ws.workspaceId} and external_user_id like 'sync-%'`;
    expect(n!.n).toBe(996);
    const [u1] = await h.owner<
      { email: string; roles: string[] }[]
    >`select email, roles from end_users where workspace_id = ${ws.workspaceId} and external_user_id = 'u-1'`;
    expect(u1).toEqual({ email: "ada@new.example", roles: ["finance"] });
    // the push tokens of u-1 were not in the row: kept
    const [t] = await h.owner<{ n: number }[]>`select count(*)::int as n from push_tokens where workspace_id = ${ws.workspaceId}`;
    expect(t!.n).toBe(1);
    const [events] = await h.owner<
      { n: number }[]
    >`select count(*)::int as n from domain_events where workspace_id = ${ws.workspaceId} and type = 'end_user.created' and payload->>'source' = 'sync'`;
    expect(events!.n).toBe(996);
    expect(
      pointers(
        await expectProblem(await h.call("POST", "/api/v1/users/sync", { token: ws.apiKey, body: { users: [...users, { externalUserId: "x" }] } }), 400),
      ),
    ).toEqual(["#/users"]);
  });

  it("counts users in the users quota: past the plan's users a create is 403 and sync rows fail", async () => {
    const small = await signUpWorkspace(h, "Small Co");
    await h.owner`insert into plans (id, name, events_per_month, notifications_per_month, users, rules, sounds, requests_per_hour, webhooks, custom_domain, price_cents)
      values ('tiny-users', 'Tiny', 1000, 1000, 3, 5, 3, 5000, true, false, 0) on conflict (id) do nothing`;
    await h.owner`update workspaces set plan = 'tiny-users' where id = ${small.workspaceId}`;
    // the owner is one user; two more fit
    const sync = await json<{ items: { outcome: string; errors: { detail: string }[] }[] }>(
      await h.call("POST", "/api/v1/users/sync", {
        token: small.apiKey,
        body: { users: [{ externalUserId: "a" }, { externalUserId: "b" }, { externalUserId: "c" }] },
      }),
      200,
    );
    expect(sync.items.map((i) => i.outcome)).toEqual(["created", "created", "failed"]);
    expect(sync.items[2]!.errors[0]!.detail).toMatch(/quota/);
    const refused = await expectProblem(await h.call("POST", "/api/v1/users", { token: small.apiKey, body: { externalUserId: "d" } }), 403);
    expect(refused.type).toMatch(/quota-exceeded/);
    const usage = await json<{ counts: { users: number } }>(
      await h.call("GET", "/api/v1/projects/me/usage", { token: await h.signIn(small.email, small.password) }),
      200,
    );
    expect(usage.counts.users).toBe(3);
  });

  it("deletes a user by erasing their data as GDPR erasure does", async () => {
    const u = await json<User>(
      await h.call("POST", "/api/v1/users", {
        token: ws.apiKey,
        body: {
          externalUserId: "erase-me",
          email: "erase@example.com",
          phone: "+1 555 0100",
          roles: ["finance"],
          pushTokens: [{ platform: "apns", token: "apns-token-erase" }],
        },
      }),
      201,
    );
    await h.call("POST", "/api/v1/events", { token: ws.apiKey, body: { type: "order.completed", payload: { customer: "erase@example.com" } } });
    const res = await h.call("DELETE", "/api/v1/users/erase-me", { token: ws.apiKey });
    expect(res.status).toBe(204);
    const [row] = await h.owner<{ external_user_id: string; email: string | null; phone: string | null; roles: string[]; erased_at: Date | null }[]>`
      select external_user_id, email, phone, roles, erased_at from end_users where id = ${u.id}`;
    expect(row).toMatchObject({ email: null, phone: null, roles: [] });
    expect(row!.erased_at).not.toBeNull();
    expect(row!.external_user_id).toMatch(/^erased-/);
    expect(await h.owner`select 1 from push_tokens where end_user_id = ${u.id}`).toHaveLength(0);
    expect(await h.owner`select 1 from ingested_events where workspace_id = ${ws.workspaceId} and payload::text like '%erase@example.com%'`).toHaveLength(0);
    await expectProblem(await h.call("GET", `/api/v1/users/${u.id}`, { token: ws.apiKey }), 404);
    // the externalUserId is free again
    expect((await h.call("POST", "/api/v1/users", { token: ws.apiKey, body: { externalUserId: "erase-me" } })).status).toBe(201);
  });

  it("deleting a role takes it from its users", async () => {
    await h.call("POST", "/api/v1/roles", { token: ws.apiKey, body: { key: "temp" } });
    await h.call("PUT", "/api/v1/users/u-1", { token: ws.apiKey, body: { roles: ["finance", "temp"] } });
    expect(await json(await h.call("PUT", "/api/v1/roles/temp", { token: ws.apiKey, body: { name: "Temporary" } }), 200)).toMatchObject({
      key: "temp",
      name: "Temporary",
    });
    expect((await h.call("DELETE", "/api/v1/roles/temp", { token: ws.apiKey })).status).toBe(204);
    expect(await json<User>(await h.call("GET", "/api/v1/users/u-1", { token: ws.apiKey }), 200)).toMatchObject({ roles: ["finance"] });
  });
});

describe("another workspace against these users", () => {
  it("refuses every user and role of this workspace to the other workspace's key and session", async () => {
    const [u] = await h.owner<{ id: string }[]>`select id from end_users where workspace_id = ${ws.workspaceId} and external_user_id = 'u-1'`;
    const [role] = await h.owner<{ id: string }[]>`select id from user_roles where workspace_id = ${ws.workspaceId} and key = 'finance'`;
    const attempts: [string, string, unknown?][] = [
      ["GET", `/api/v1/users/${u!.id}`],
      ["GET", "/api/v1/users/u-1"],
      ["PUT", `/api/v1/users/${u!.id}`, { roles: [] }],
      ["DELETE", `/api/v1/users/${u!.id}`],
      ["POST", `/api/v1/users/${u!.id}/approve`],
      ["GET", `/api/v1/users/${u!.id}/preferences`],
      ["PUT", `/api/v1/users/${u!.id}/preferences`, { muted_channels: ["inbox"] }],
      ["PUT", `/api/v1/roles/${role!.id}`, { name: "pwned" }],
      ["DELETE", `/api/v1/roles/${role!.id}`],
    ];
    for (const token of [other.apiKey, otherSession]) {
      for (const [method, path, body] of attempts) {
        const res = await h.call(method, path, { token, body });
        expect([403, 404], `${method} ${path}`).toContain(res.status);
      }
      const list = await json<{ items: unknown[] }>(await h.call("GET", "/api/v1/users", { token }), 200);
      expect(list.items).toEqual([]);
    }
    // the other side's sync creates its own user, never touches this one
    await h.call("POST", "/api/v1/users/sync", { token: other.apiKey, body: { users: [{ externalUserId: "u-1", roles: [] }] } });
    const [still] = await h.owner<{ roles: string[]; name: string }[]>`
      select u.roles, r.name from end_users u, user_roles r where u.id = ${u!.id} and r.id = ${role!.id}`;
    expect(still).toEqual({ roles: ["finance"], name: "FINANCE" });
    expect(await h.owner`select 1 from end_users where workspace_id = ${other.workspaceId} and external_user_id = 'u-1'`).toHaveLength(1);
  });
});
