/**
 * Tenant isolation end to end: Globex's three kinds of caller (a signed-in owner, an API key with
 * every scope, an end user) against every route that takes a workspace or resource id, aimed at
 * Acme's real ids. Every answer must be 403 or 404, and Acme must be unchanged afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openHarness, type Harness } from "./testing/harness";
import { FRESH_PASSWORD, uniqueEmail } from "./testing/fixtures";

let h: Harness;
const acme = { keyId: "", defaultKeyId: "", membershipId: "", ownerMembershipId: "", endUserId: "" };
// --- crm (issue 6): Acme's lead, lead source and Meta form mapping ---
const acmeCrm = { leadId: "", sourceId: "", formId: "" };
// --- end crm ---
const globex: Record<"session" | "apiKey" | "endUser", string> = { session: "", apiKey: "", endUser: "" };
let globexMembershipId = "";

beforeAll(async () => {
  h = await openHarness();
  const acmeDev = await h.signIn("dev@acme.test");
  const created = await h.call("POST", `/api/v1/workspaces/${h.acmeId}/api-keys`, { token: acmeDev, body: { name: "cross-tenant target" } });
  const acmeKey = (await created.json()) as { id: string; key: string };
  acme.keyId = acmeKey.id;
  const [def] = await h.owner<{ id: string }[]>`select id from api_keys where workspace_id = ${h.acmeId} and name = 'Default key'`;
  acme.defaultKeyId = def!.id;
  const members = await h.owner<{ id: string; email: string }[]>`
    select m.id, u.email from memberships m join users u on u.id = m.user_id where m.workspace_id in (${h.acmeId}, ${h.globexId})`;
  acme.membershipId = members.find((m) => m.email === "rep1@acme.test")!.id;
  acme.ownerMembershipId = members.find((m) => m.email === "owner@acme.test")!.id;
  globexMembershipId = members.find((m) => m.email === "owner@globex.test")!.id;
  const external = `cross-tenant-${Date.now()}`;
  const session = await h.call("POST", "/api/v1/connect/sessions", { token: acmeKey.key, body: { end_user_id: external } });
  expect(session.status).toBe(201);
  const [eu] = await h.owner<{ id: string }[]>`select id from end_users where workspace_id = ${h.acmeId} and external_user_id = ${external}`;
  acme.endUserId = eu!.id;

  globex.session = await h.signIn("owner@globex.test");
  const gKey = await h.call("POST", `/api/v1/workspaces/${h.globexId}/api-keys`, { token: globex.session, body: { name: "cross-tenant attacker" } });
  globex.apiKey = ((await gKey.json()) as { key: string }).key;
  const gSession = await h.call("POST", "/api/v1/connect/sessions", { token: globex.apiKey, body: { end_user_id: "globex_customer_1" } });
  const ex = await h.call("POST", "/api/v1/connect/exchange", { body: { token: ((await gSession.json()) as { token: string }).token } });
  globex.endUser = ((await ex.json()) as { access_token: string }).access_token;
  // --- crm (issue 6) ---
  const acmeOwner = await h.signIn("owner@acme.test");
  const [lead] = await h.owner<{ id: string }[]>`select id from leads where workspace_id = ${h.acmeId} limit 1`;
  acmeCrm.leadId = lead!.id;
  const src = await h.call("POST", `/api/v1/workspaces/${h.acmeId}/lead-sources`, {
    token: acmeOwner,
    body: { client_id: "acme-homes", name: "cross-tenant target" },
  });
  acmeCrm.sourceId = ((await src.json()) as { id: string }).id;
  const form = await h.call("POST", `/api/v1/workspaces/${h.acmeId}/meta-settings/forms`, {
    token: acmeOwner,
    body: { page_id: "424242", client_id: "acme-homes" },
  });
  acmeCrm.formId = ((await form.json()) as { id: string }).id;
  // --- end crm ---
});
afterAll(async () => {
  await h.close();
});

type Route = [method: string, path: string, body?: unknown];

function routes(): Route[] {
  const a = `/api/v1/workspaces/${h.acmeId}`;
  const g = `/api/v1/workspaces/${h.globexId}`;
  const member = { email: uniqueEmail("intruder"), name: "Intruder", password: FRESH_PASSWORD, role: "admin" };
  return [
    ["GET", `${a}/api-keys`],
    ["POST", `${a}/api-keys`, { name: "planted" }],
    ["DELETE", `${a}/api-keys/${acme.keyId}`],
    ["DELETE", `${a}/api-keys/${acme.defaultKeyId}`],
    ["GET", `${a}/members`],
    ["POST", `${a}/members`, member],
    ["PATCH", `${a}/members/${acme.membershipId}`, { role: "admin" }],
    ["PATCH", `${a}/members/${acme.membershipId}`, { reports_to: globexMembershipId }],
    ["GET", `${a}/team`],
    ["GET", `${a}/branding`],
    ["PUT", `${a}/branding`, { primary_color: "#000000", display_name: "Pwned" }],
    ["GET", `${a}/email-templates/notification/preview`],
    ["GET", `${a}/end-users`],
    ["POST", `${a}/end-users/${acme.endUserId}/connect-session`, {}],
    ["GET", `${a}/workflows`],
    ["GET", `${a}/leads`],
    ["GET", `${a}/notifications`],
    ["POST", "/api/v1/auth/switch-workspace", { workspace_id: h.acmeId }],
    // Globex's own workspace in the path, Acme's resource ids after it
    ["DELETE", `${g}/api-keys/${acme.keyId}`],
    ["PATCH", `${g}/members/${acme.membershipId}`, { role: "admin" }],
    ["PATCH", `${g}/members/${acme.ownerMembershipId}`, { reports_to: globexMembershipId }],
    ["POST", `${g}/end-users/${acme.endUserId}/connect-session`, {}],
    // --- crm (issue 6): every CRM and permission route, Acme's workspace and Acme's ids under Globex's ---
    ["GET", `${a}/leads/export.csv`],
    ["GET", `${a}/leads/${acmeCrm.leadId}`],
    ["POST", `${a}/leads/${acmeCrm.leadId}/stage`, { stage: "won" }],
    ["POST", `${a}/leads/${acmeCrm.leadId}/assign`, { owner_membership_id: globexMembershipId }],
    ["POST", `${a}/leads/${acmeCrm.leadId}/activities`, { kind: "note", body: "pwned" }],
    ["GET", `${a}/lead-stages`],
    [
      "PUT",
      `${a}/lead-stages`,
      {
        items: [
          { key: "new", label: "New" },
          { key: "x", label: "X" },
        ],
      },
    ],
    ["GET", `${a}/crm-clients`],
    ["POST", `${a}/crm-clients`, { client_id: "planted", name: "Planted" }],
    ["GET", `${a}/crm-clients/acme-homes`],
    ["PATCH", `${a}/crm-clients/acme-homes`, { name: "Pwned" }],
    ["PUT", `${a}/crm-clients/acme-homes/products`, { product_id: acmeCrm.leadId, enabled: false }],
    ["GET", `${a}/catalogue`],
    ["POST", `${a}/catalogue/industries`, { name: "Planted" }],
    ["GET", `${a}/lead-sources`],
    ["POST", `${a}/lead-sources`, { client_id: "acme-homes", name: "planted" }],
    ["DELETE", `${a}/lead-sources/${acmeCrm.sourceId}`],
    ["GET", `${a}/meta-settings`],
    ["PUT", `${a}/meta-settings`, { app_secret: "pwned-secret" }],
    ["POST", `${a}/meta-settings/forms`, { page_id: "1", client_id: "acme-homes" }],
    ["DELETE", `${a}/meta-settings/forms/${acmeCrm.formId}`],
    ["GET", `${a}/permissions`],
    ["PUT", `${a}/permissions`, { permission: `GET /api/v1/workspaces/:workspace_id/leads`, role: "sales_rep", effect: "deny" }],
    ["GET", `${g}/leads/${acmeCrm.leadId}`],
    ["POST", `${g}/leads/${acmeCrm.leadId}/stage`, { stage: "won" }],
    ["POST", `${g}/leads/${acmeCrm.leadId}/activities`, { kind: "note", body: "pwned" }],
    ["GET", `${g}/crm-clients/acme-homes`],
    ["DELETE", `${g}/lead-sources/${acmeCrm.sourceId}`],
    ["DELETE", `${g}/meta-settings/forms/${acmeCrm.formId}`],
    // --- end crm ---
  ];
}

describe("Globex against Acme", () => {
  for (const who of ["session", "apiKey", "endUser"] as const) {
    it(`refuses every Acme id to Globex's ${who} with 403 or 404`, async () => {
      const unexpected: string[] = [];
      let successes = 0;
      for (const [method, path, body] of routes()) {
        const res = await h.call(method, path, { token: globex[who], body });
        if (res.status >= 200 && res.status < 300) successes += 1;
        if (res.status !== 403 && res.status !== 404) unexpected.push(`${method} ${path} -> ${res.status}`);
        else expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
      }
      expect(unexpected).toEqual([]);
      expect(successes).toBe(0);
    });
  }

  it("records the refusals as auth.authorization_failed events naming both workspaces", async () => {
    const rows = await h.owner<{ actor_kind: string }[]>`
      select distinct actor_kind from domain_events
      where type = 'auth.authorization_failed' and workspace_id = ${h.globexId}
        and payload->>'target_workspace_id' = ${h.acmeId} and payload->>'principal_workspace_id' = ${h.globexId}`;
    expect(rows.map((r) => r.actor_kind).sort()).toEqual(["api_key", "end_user", "user"]);
  });

  it("refuses the platform workspace list to every Globex caller", async () => {
    for (const token of Object.values(globex)) {
      expect((await h.call("GET", "/api/v1/admin/workspaces", { token })).status).toBe(403);
    }
  });

  it("gives Globex's callers Globex's own data only", async () => {
    const me = (await (await h.call("GET", "/api/v1/me", { token: globex.endUser })).json()) as { workspace: { id: string } };
    expect(me.workspace.id).toBe(h.globexId);
    const keys = (await (await h.call("GET", `/api/v1/workspaces/${h.globexId}/api-keys`, { token: globex.session })).json()) as { items: { id: string }[] };
    expect(keys.items.map((k) => k.id)).not.toContain(acme.keyId);
    const eus = (await (await h.call("GET", `/api/v1/workspaces/${h.globexId}/end-users`, { token: globex.apiKey })).json()) as { items: { id: string }[] };
    expect(eus.items.map((e) => e.id)).not.toContain(acme.endUserId);
    const leads = (await (await h.call("GET", `/api/v1/workspaces/${h.globexId}/leads`, { token: globex.apiKey })).json()) as { items: unknown[] };
    expect(leads.items).toEqual([]);
  });

  it("left Acme unchanged", async () => {
    const keys = await h.owner<
      { id: string; revoked_at: Date | null }[]
    >`select id, revoked_at from api_keys where id in (${acme.keyId}, ${acme.defaultKeyId})`;
    expect(keys.map((k) => k.revoked_at)).toEqual([null, null]);
    const [planted] = await h.owner<{ n: number }[]>`select count(*)::int as n from api_keys where workspace_id = ${h.acmeId} and name = 'planted'`;
    expect(planted!.n).toBe(0);
    // --- crm (issue 6) ---
    const [crm] = await h.owner<{ sources: number; forms: number; notes: number; clients: number; edits: number }[]>`select
      (select count(*)::int from lead_sources where id = ${acmeCrm.sourceId} and revoked_at is null) as sources,
      (select count(*)::int from meta_lead_forms where id = ${acmeCrm.formId}) as forms,
      (select count(*)::int from lead_activities where body = 'pwned') as notes,
      (select count(*)::int from crm_clients where client_id = 'planted' or name = 'Pwned') as clients,
      (select count(*)::int from role_permissions where workspace_id = ${h.acmeId}) as edits`;
    expect(crm).toEqual({ sources: 1, forms: 1, notes: 0, clients: 0, edits: 0 });
    // --- end crm ---
    const [brand] = await h.owner<
      { display_name: string; primary_color: string }[]
    >`select display_name, primary_color from branding where workspace_id = ${h.acmeId}`;
    expect(brand).toEqual({ display_name: "Acme", primary_color: "#0f766e" });
    const members = await h.owner<{ id: string; role: string; reports_to: string | null }[]>`
      select id, role, reports_to from memberships where id in (${acme.membershipId}, ${acme.ownerMembershipId})`;
    expect(members.find((m) => m.id === acme.membershipId)).toMatchObject({ role: "sales_rep" });
    expect(members.find((m) => m.id === acme.ownerMembershipId)).toMatchObject({ role: "owner", reports_to: null });
    const [intruders] = await h.owner<{ n: number }[]>`
      select count(*)::int as n from memberships m join users u on u.id = m.user_id where u.email like 'intruder-%'`;
    expect(intruders!.n).toBe(0);
    const [sessions] = await h.owner<{ n: number }[]>`select count(*)::int as n from connect_sessions where end_user_id = ${acme.endUserId}`;
    expect(sessions!.n).toBe(1);
  });
});
