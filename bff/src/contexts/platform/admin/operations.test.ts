/** Staff accounts, the audit explorer (filters, keyset pages, CSV/JSON export) and platform metrics. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openHarness, type Harness } from "../../../testing/harness";
import { expectProblem, pointers, signUpWorkspace, uniqueEmail, waitForAudit } from "../../../testing/fixtures";
import type { AuditEntry, PlatformMetrics, StaffMember } from "@nhood/contracts";
import { csvField, csvRow } from "../../../kernel/csv";

let h: Harness;
let admin = "";
beforeAll(async () => {
  h = await openHarness();
  admin = await h.signIn("admin@neighbourhood.test");
});
afterAll(async () => {
  await h.close();
});

const createStaff = async (role = "support") => {
  const email = uniqueEmail("staff");
  const res = await h.call("POST", "/api/v1/admin/staff", {
    token: admin,
    body: { email, name: "Casey Staff", platform_role: role, password: "staff-password-123" },
  });
  expect(res.status).toBe(201);
  return { ...((await res.json()) as StaffMember), password: "staff-password-123" };
};

describe("platform staff accounts", () => {
  it("lists staff with roles; creating one with a taken email is 409 on #/email", async () => {
    const s = await createStaff("billing");
    const { items } = (await (await h.call("GET", "/api/v1/admin/staff", { token: admin })).json()) as { items: StaffMember[] };
    expect(items.map((x) => x.email)).toEqual(expect.arrayContaining(["admin@neighbourhood.test", "support@neighbourhood.test", s.email]));
    expect(items.every((x) => x.platform_role)).toBe(true);
    const p = await expectProblem(
      await h.call("POST", "/api/v1/admin/staff", {
        token: admin,
        body: { email: "owner@acme.test", name: "X", platform_role: "support", password: "staff-password-123" },
      }),
      409,
    );
    expect(pointers(p)).toEqual(["#/email"]);
    const bad = await expectProblem(
      await h.call("POST", "/api/v1/admin/staff", {
        token: admin,
        body: { email: uniqueEmail("x"), name: "X", platform_role: "owner", password: "staff-password-123" },
      }),
      400,
    );
    expect(pointers(bad)).toEqual(["#/platform_role"]);
  });

  it("changes a role, which takes effect on the next request", async () => {
    const s = await createStaff("support");
    const token = await h.signIn(s.email, s.password);
    await expectProblem(await h.call("PATCH", "/api/v1/admin/plans/free", { token, body: { sounds: 3 } }), 403);
    expect((await h.call("PATCH", `/api/v1/admin/staff/${s.id}`, { token: admin, body: { platform_role: "billing" } })).status).toBe(200);
    expect((await h.call("PATCH", "/api/v1/admin/plans/free", { token, body: { sounds: 3 } })).status).toBe(200);
  });

  it("disables an account: sign-in is refused and open sessions stop; enabling restores it", async () => {
    const s = await createStaff("support");
    const token = await h.signIn(s.email, s.password);
    const res = await h.call("PATCH", `/api/v1/admin/staff/${s.id}`, { token: admin, body: { disabled: true } });
    expect(await res.json()).toMatchObject({ disabled: true });
    await expectProblem(await h.call("GET", "/api/v1/admin/workspaces", { token }), 401);
    await expectProblem(await h.call("POST", "/api/v1/auth/login", { body: { email: s.email, password: s.password } }), 403);
    await h.call("PATCH", `/api/v1/admin/staff/${s.id}`, { token: admin, body: { disabled: false } });
    expect((await h.call("POST", "/api/v1/auth/login", { body: { email: s.email, password: s.password } })).status).toBe(200);
  });

  it("never removes the last super_admin, and nobody disables themselves", async () => {
    const [me] = await h.owner<{ id: string }[]>`select id from users where email = 'admin@neighbourhood.test'`;
    await expectProblem(await h.call("PATCH", `/api/v1/admin/staff/${me!.id}`, { token: admin, body: { disabled: true } }), 409);
    const [supers] = await h.owner<{ n: number }[]>`select count(*)::int as n from users where platform_role = 'super_admin' and disabled_at is null`;
    if (supers!.n === 1) await expectProblem(await h.call("PATCH", `/api/v1/admin/staff/${me!.id}`, { token: admin, body: { platform_role: "support" } }), 409);
    await expectProblem(await h.call("PATCH", `/api/v1/admin/staff/${crypto.randomUUID()}`, { token: admin, body: { disabled: true } }), 404);
    const [acmeOwner] = await h.owner<{ id: string }[]>`select id from users where email = 'owner@acme.test'`;
    await expectProblem(await h.call("PATCH", `/api/v1/admin/staff/${acmeOwner!.id}`, { token: admin, body: { platform_role: "super_admin" } }), 404);
  });
});

describe("audit explorer", () => {
  it("filters by workspace, action prefix, actor and time, newest first, across workspaces", async () => {
    const ws = await signUpWorkspace(h, "Audited Co", "audited");
    const owner = await h.signIn(ws.email, ws.password);
    await h.call("PUT", `/api/v1/workspaces/${ws.workspaceId}/branding`, { token: owner, body: { primary_color: "#112233" } });
    await waitForAudit(h, "branding.updated", ws.workspaceId);
    const get = async (qs: string) =>
      (await (await h.call("GET", `/api/v1/admin/audit?${qs}`, { token: admin })).json()) as { items: AuditEntry[]; next_cursor: string | null };
    const mine = await get(`workspace_id=${ws.workspaceId}`);
    expect(mine.items.map((e) => e.action)).toEqual(expect.arrayContaining(["workspace.created", "branding.updated"]));
    expect(mine.items.every((e) => e.workspace_id === ws.workspaceId && e.workspace_name === "Audited Co")).toBe(true);
    const times = mine.items.map((e) => e.occurred_at);
    expect([...times].sort().reverse()).toEqual(times);
    expect((await get(`workspace_id=${ws.workspaceId}&action=branding.`)).items.map((e) => e.action)).toEqual(["branding.updated"]);
    const [u] = await h.owner<{ id: string }[]>`select id from users where email = ${ws.email}`;
    expect((await get(`actor_id=${u!.id}&workspace_id=${ws.workspaceId}`)).items.map((e) => e.action)).toContain("branding.updated");
    expect((await get(`workspace_id=${ws.workspaceId}&to=2000-01-01T00:00:00Z`)).items).toEqual([]);
    expect((await get(`workspace_id=${ws.workspaceId}&from=2000-01-01T00:00:00Z`)).items.length).toBe(mine.items.length);
  }, 60_000); // draining the shared event queue is slow when every test file runs at once

  it("pages with next_cursor without gaps or repeats", async () => {
    const all: string[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 100; i++) {
      const qs: string = `limit=3&action=workspace.${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
      const page = (await (await h.call("GET", `/api/v1/admin/audit?${qs}`, { token: admin })).json()) as { items: AuditEntry[]; next_cursor: string | null };
      all.push(...page.items.map((e) => e.id));
      cursor = page.next_cursor;
      if (!cursor) break;
    }
    const [n] = await h.owner<{ n: number }[]>`select count(*)::int as n from audit_log where action like 'workspace.%'`;
    expect(new Set(all).size).toBe(all.length);
    expect(all.length).toBeGreaterThanOrEqual(Math.min(n!.n, 3));
  });

  it("refuses bad filters with 400 naming the field", async () => {
    for (const [qs, ptr] of [
      ["workspace_id=nope", "#/query/workspace_id"],
      ["from=yesterday", "#/query/from"],
      ["limit=0", "#/query/limit"],
      ["cursor=garbage", "#/query/cursor"],
    ] as const) {
      expect(pointers(await expectProblem(await h.call("GET", `/api/v1/admin/audit?${qs}`, { token: admin }), 400))).toEqual([ptr]);
    }
  });

  it("exports the filtered log as RFC 4180 CSV and as JSON, and audits the export", async () => {
    await waitForAudit(h, "workspace.created", h.globexId);
    const csv = await h.call("GET", `/api/v1/admin/audit/export?format=csv&workspace_id=${h.globexId}`, { token: admin });
    expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(csv.headers.get("content-disposition")).toMatch(/^attachment; filename="audit-.*\.csv"$/);
    const text = await csv.text();
    const lines = text.split("\r\n");
    expect(lines[0]).toBe("occurred_at,workspace_id,workspace_name,action,actor_kind,actor_id,subject_id,ip,detail");
    expect(lines.some((l) => l.includes(",workspace.created,"))).toBe(true);
    const json = await h.call("GET", `/api/v1/admin/audit/export?format=json&workspace_id=${h.globexId}`, { token: admin });
    const entries = (await json.json()) as AuditEntry[];
    expect(entries.length).toBe(lines.length - 2);
    expect(entries.every((e) => e.workspace_id === h.globexId)).toBe(true);
    const [n] = await h.owner<{ n: number }[]>`select count(*)::int as n from domain_events where type = 'audit.exported'`;
    expect(n!.n).toBeGreaterThanOrEqual(2);
  }, 60_000);

  it("quotes CSV fields per RFC 4180 and defuses spreadsheet formulas", () => {
    expect(csvField('say "hi", ok')).toBe('"say ""hi"", ok"');
    expect(csvField("line\nbreak")).toBe('"line\nbreak"');
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField(null)).toBe("");
    expect(csvField({ a: 1 })).toBe('"{""a"":1}"');
    expect(csvRow(["a", 1, "-2"])).toBe("a,1,'-2\r\n");
  });
});

describe("platform metrics", () => {
  it("answers zero-filled daily series and counts events by type and day", async () => {
    const ws = await signUpWorkspace(h, "Metrics Co", "metrics");
    const before = (await (await h.call("GET", "/api/v1/admin/metrics?days=7", { token: admin })).json()) as PlatformMetrics;
    expect(before.executions.succeeded_per_day).toHaveLength(7);
    expect(before.workspaces.created_per_day.at(-1)!.day).toBe(new Date().toISOString().slice(0, 10));
    await h.owner`insert into domain_events (workspace_id, type, actor_kind) values
      (${ws.workspaceId}, 'execution.succeeded', 'system'), (${ws.workspaceId}, 'execution.succeeded', 'system'),
      (${ws.workspaceId}, 'execution.succeeded', 'system'), (${ws.workspaceId}, 'execution.failed', 'system'),
      (${ws.workspaceId}, 'connection.refresh_failed', 'system')`;
    const after = (await (await h.call("GET", "/api/v1/admin/metrics?days=7", { token: admin })).json()) as PlatformMetrics;
    const today = (s: { value: number | null }[]) => s.at(-1)!.value ?? 0;
    expect(today(after.executions.succeeded_per_day) - today(before.executions.succeeded_per_day)).toBe(3);
    expect(today(after.executions.failed_per_day) - today(before.executions.failed_per_day)).toBe(1);
    expect(today(after.token_refresh_failures_per_day) - today(before.token_refresh_failures_per_day)).toBe(1);
    expect(today(after.executions.success_rate_per_day)).toBeGreaterThan(0);
    // six days ago nothing finished in this fresh database: a gap, not a 0 % day
    expect(after.executions.success_rate_per_day[0]!.value).toBeNull();
    expect(after.workspaces.total).toBeGreaterThanOrEqual(3);
    expect(today(after.workspaces.created_per_day)).toBeGreaterThanOrEqual(1);
    expect(pointers(await expectProblem(await h.call("GET", "/api/v1/admin/metrics?days=1000", { token: admin }), 400))).toEqual(["#/query/days"]);
  });
});
