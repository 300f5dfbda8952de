import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openHarness, type Harness } from "../../testing/harness";
import { FRESH_PASSWORD, expectProblem, pointers, signUpWorkspace, uniqueEmail, userIdOf, waitForAudit, type FreshWorkspace } from "../../testing/fixtures";
import { decryptForWorkspace } from "../../lib/secrets";
import { listWorkspaces } from "./service";

let h: Harness;
let fresh: FreshWorkspace;
beforeAll(async () => {
  h = await openHarness();
  fresh = await signUpWorkspace(h, "Tenancy Co", "tenancy");
});
afterAll(async () => {
  await h.close();
});

const signUp = (body: unknown, headers?: Record<string, string>) => h.call("POST", "/api/v1/workspaces", { body, headers });

describe("self-service sign-up", () => {
  it("answers the workspace id, a live API key and a whsec_ webhook secret", () => {
    expect(fresh.workspaceId).toMatch(/^[0-9a-f-]{36}$/);
    expect(fresh.apiKey).toMatch(/^nhood_sk_live_[A-Za-z0-9_-]{43}$/);
    expect(fresh.webhookSecret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
  });

  it("lets the owner sign in and see the workspace with role owner", async () => {
    const token = await h.signIn(fresh.email, FRESH_PASSWORD);
    const me = (await (await h.call("GET", "/api/v1/me", { token })).json()) as { kind: string; workspace: { id: string; name: string; role: string } };
    expect(me).toMatchObject({ kind: "user", workspace: { id: fresh.workspaceId, name: "Tenancy Co", role: "owner" } });
  });

  it("stores the webhook secret encrypted under the workspace's data key", async () => {
    const [row] = await h.owner<{ webhook_secret_encrypted: string; data_key_wrapped: string }[]>`
      select webhook_secret_encrypted, data_key_wrapped from workspaces where id = ${fresh.workspaceId}`;
    const stored = row!.webhook_secret_encrypted;
    expect(stored).not.toContain(fresh.webhookSecret);
    expect(stored).not.toContain(fresh.webhookSecret.slice("whsec_".length, 20));
    expect(stored.startsWith("v1.")).toBe(true);
    expect(decryptForWorkspace(row!.data_key_wrapped, fresh.workspaceId, "webhook_secret", stored)).toBe(fresh.webhookSecret);
  });

  it("refuses an email that is already registered (any case) with 409 on #/email", async () => {
    for (const email of [fresh.email, fresh.email.toUpperCase()]) {
      const p = await expectProblem(await signUp({ name: "Again", email, password: FRESH_PASSWORD }), 409);
      expect(p.errors?.[0]?.pointer).toBe("#/email");
    }
  });

  it("answers 409, never 500, when the same email signs up twice at once", async () => {
    const email = uniqueEmail("race");
    const results = await Promise.all([0, 1, 2, 3].map(() => signUp({ name: "Racer", email, password: FRESH_PASSWORD })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
    for (const r of results.filter((x) => x.status === 409)) expect(pointers(await expectProblem(r, 409))).toEqual(["#/email"]);
    const [n] = await h.owner<{ n: number }[]>`select count(*)::int as n from users where email = ${email}`;
    expect(n!.n).toBe(1);
  });

  it("answers bad bodies with 4xx problems naming the fields, never 5xx", async () => {
    const ok = { name: "Valid", email: uniqueEmail("bad-body"), password: FRESH_PASSWORD };
    const cases: [unknown, string[]][] = [
      [{ email: ok.email, password: ok.password }, ["#/name"]],
      [{ ...ok, email: "not-an-email" }, ["#/email"]],
      [{ ...ok, password: "short" }, ["#/password"]],
      [{ name: 42, email: ["x"], password: { p: 1 } }, ["#/name", "#/email", "#/password"]],
      [{ ...ok, name: "   " }, ["#/name"]],
      [[ok], ["#"]],
      [null, ["#"]],
    ];
    for (const [body, expected] of cases) {
      const p = await expectProblem(await signUp(JSON.stringify(body)), 400);
      expect(pointers(p)).toEqual(expect.arrayContaining(expected));
    }
    const malformed = await expectProblem(await signUp("{ not json"), 400);
    expect(pointers(malformed)).toEqual(["#"]);
    const plain = await signUp("name=x", { "content-type": "text/plain" });
    expect(plain.status).toBeGreaterThanOrEqual(400);
    expect(plain.status).toBeLessThan(500);
    await expectProblem(plain, plain.status);
    const huge = JSON.stringify({ ...ok, name: "x".repeat(2 * 1024 * 1024) });
    await expectProblem(await signUp(huge, { "content-length": String(Buffer.byteLength(huge)) }), 413);
    // without Content-Length (chunked) the limit trips while reading: still a 4xx problem
    const chunked = await signUp(huge);
    expect([400, 413]).toContain(chunked.status);
    await expectProblem(chunked, chunked.status);
    // nothing was created by any of these
    const [n] = await h.owner<{ n: number }[]>`select count(*)::int as n from users where email = ${ok.email}`;
    expect(n!.n).toBe(0);
  });

  // `plan` is honoured since issue 16 (signup-plans.test.ts); the others are not the caller's to set
  it("ignores mass-assigned fields (workspace_id, role, platform_role)", async () => {
    const email = uniqueEmail("mass");
    const [before] = await h.owner<{ n: number }[]>`select count(*)::int as n from memberships where workspace_id = ${h.acmeId}`;
    const res = await signUp({
      name: "Sneaky",
      email,
      password: FRESH_PASSWORD,
      workspace_id: h.acmeId,
      role: "super_admin",
      platform_role: "super_admin",
    });
    expect(res.status).toBe(201);
    const { workspace_id } = (await res.json()) as { workspace_id: string };
    expect(workspace_id).not.toBe(h.acmeId);
    const [ws] = await h.owner<{ plan: string }[]>`select plan from workspaces where id = ${workspace_id}`;
    expect(ws!.plan).toBe("free");
    const userId = await userIdOf(h, email);
    const [user] = await h.owner<{ platform_role: string | null }[]>`select platform_role from users where id = ${userId}`;
    expect(user!.platform_role).toBeNull();
    const rows = await h.owner<{ workspace_id: string; role: string }[]>`select workspace_id, role from memberships where user_id = ${userId}`;
    expect(rows).toEqual([{ workspace_id, role: "owner" }]);
    const [after] = await h.owner<{ n: number }[]>`select count(*)::int as n from memberships where workspace_id = ${h.acmeId}`;
    expect(after!.n).toBe(before!.n);
  });

  it("appends workspace.created and audits it", async () => {
    const [event] = await h.owner<{ id: string; workspace_id: string; payload: { plan: string } }[]>`
      select id, workspace_id, payload from domain_events where type = 'workspace.created' and subject_id = ${fresh.workspaceId}`;
    expect(event).toMatchObject({ workspace_id: fresh.workspaceId, payload: { plan: "free" } });
    const rows = await waitForAudit(h, "workspace.created", fresh.workspaceId);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.event_id).toBe(event!.id);
  });
});

describe("branding", () => {
  it("is readable by every member", async () => {
    for (const email of ["rep1@acme.test", "dev@acme.test", "owner@acme.test"]) {
      const res = await h.call("GET", `/api/v1/workspaces/${h.acmeId}/branding`, { token: await h.signIn(email) });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({
        display_name: "Acme",
        logo_url: "/brand/acme-logo.svg",
        primary_color: "#0f766e",
        custom_domain: null,
        custom_domain_allowed: true,
        custom_domain_verification: null,
      });
    }
  });

  it("is changed only by owners and admins", async () => {
    const dev = await h.signIn("dev@acme.test");
    await expectProblem(await h.call("PUT", `/api/v1/workspaces/${h.acmeId}/branding`, { token: dev, body: { primary_color: "#000000" } }), 403);
    const owner = await h.signIn(fresh.email, FRESH_PASSWORD);
    const path = `/api/v1/workspaces/${fresh.workspaceId}/branding`;
    const res = await h.call("PUT", path, { token: owner, body: { display_name: "Tenancy Brand", primary_color: "#123abc" } });
    expect(res.status).toBe(200);
    expect(await (await h.call("GET", path, { token: owner })).json()).toMatchObject({ display_name: "Tenancy Brand", primary_color: "#123abc" });
  });

  it("refuses a bad colour or logo URL with 400 naming the field and keeps the old values", async () => {
    const owner = await h.signIn(fresh.email, FRESH_PASSWORD);
    const path = `/api/v1/workspaces/${fresh.workspaceId}/branding`;
    const before = await (await h.call("GET", path, { token: owner })).json();
    for (const primary_color of ["red", "#12345", "#gggggg", "#1234567"]) {
      const p = await expectProblem(await h.call("PUT", path, { token: owner, body: { primary_color } }), 400);
      expect(pointers(p)).toEqual(["#/primary_color"]);
    }
    for (const logo_url of ["javascript:alert(1)", "data:image/svg+xml,<svg/>", "not a url"]) {
      const p = await expectProblem(await h.call("PUT", path, { token: owner, body: { logo_url } }), 400);
      expect(pointers(p)).toEqual(["#/logo_url"]);
    }
    expect(await (await h.call("GET", path, { token: owner })).json()).toEqual(before);
  });
});

describe("platform staff: admin/workspaces", () => {
  interface Summary {
    id: string;
    name: string;
    member_count: number;
    created_at: string;
  }
  const list = async (token: string, qs = "") => h.call("GET", `/api/v1/admin/workspaces${qs}`, { token });

  it("shows every workspace with member counts to a super_admin", async () => {
    const admin = await h.signIn("admin@neighbourhood.test");
    const res = await list(admin);
    expect(res.status).toBe(200);
    const { items } = (await res.json()) as { items: Summary[] };
    const acme = items.find((w) => w.id === h.acmeId);
    const globex = items.find((w) => w.id === h.globexId);
    expect(acme).toMatchObject({ name: "Acme" });
    // owner, dev, manager, rep1, rep2 (user_xyz is an end user, the admin is platform staff)
    expect(acme!.member_count).toBeGreaterThanOrEqual(5);
    const [n] = await h.owner<{ n: number }[]>`select count(*)::int as n from memberships where workspace_id = ${h.acmeId}`;
    expect(acme!.member_count).toBe(n!.n);
    expect(globex).toMatchObject({ name: "Globex", member_count: 1 });
  });

  it("filters by name with q (case-insensitive, LIKE wildcards are literal)", async () => {
    const admin = await h.signIn("admin@neighbourhood.test");
    const { items } = (await (await list(admin, "?q=glob")).json()) as { items: Summary[] };
    expect(items.map((w) => w.id)).toContain(h.globexId);
    expect(items.every((w) => w.name.toLowerCase().includes("glob"))).toBe(true);
    const none = (await (await list(admin, "?q=%25_%25")).json()) as { items: Summary[] };
    expect(none.items).toEqual([]);
  });

  it("is refused to workspace members (403) and anonymous callers (401)", async () => {
    await expectProblem(await list(await h.signIn("owner@acme.test")), 403);
    await expectProblem(await list(await h.signIn("owner@globex.test")), 403);
    await expectProblem(await list(""), 401);
    await expectProblem(await h.call("GET", "/api/v1/admin/workspaces", { token: fresh.apiKey }), 403);
  });

  it("pages with next_cursor without skipping or repeating (ties on created_at included)", async () => {
    const before = await listWorkspaces(h.handles.db, undefined, undefined, 10_000);
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 1000; i++) {
      const page = await listWorkspaces(h.handles.db, undefined, cursor, 1);
      seen.push(...page.items.map((w) => w.id));
      if (!page.next_cursor) break;
      cursor = page.next_cursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    for (const w of before.items) expect(seen).toContain(w.id);
    expect(seen).toContain(h.acmeId);
    expect(seen).toContain(h.globexId);
  });

  it("accepts the service's cursor over the API and answers the same next page", async () => {
    const admin = await h.signIn("admin@neighbourhood.test");
    const first = await listWorkspaces(h.handles.db, undefined, undefined, 2);
    expect(first.next_cursor).not.toBeNull();
    const second = await listWorkspaces(h.handles.db, undefined, first.next_cursor!, 2);
    const res = await list(admin, `?cursor=${encodeURIComponent(first.next_cursor!)}`);
    expect(res.status).toBe(200);
    const { items } = (await res.json()) as { items: Summary[] };
    expect(items.slice(0, 2).map((w) => w.id)).toEqual(second.items.map((w) => w.id));
    expect(items.map((w) => w.id)).not.toContain(first.items[0]!.id);
  });

  it("refuses a malformed cursor with 400 on #/query/cursor", async () => {
    const admin = await h.signIn("admin@neighbourhood.test");
    for (const cursor of ["garbage", Buffer.from("not-a-date|123").toString("base64url")]) {
      const p = await expectProblem(await list(admin, `?cursor=${cursor}`), 400);
      expect(pointers(p)).toEqual(["#/query/cursor"]);
    }
  });
});
