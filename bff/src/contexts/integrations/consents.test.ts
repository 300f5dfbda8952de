/**
 * Purposes, consents and the end user's data rights through the API: the developer defines a
 * purpose, the end user grants and revokes it (history kept with notice version and method),
 * exports their data, and asks for erasure, which a job performs.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openHarness, type Harness } from "../../testing/harness";
import { expectProblem, pointers, signUpWorkspace, type FreshWorkspace } from "../../testing/fixtures";
import { givenConnection } from "./test-support";

let h: Harness;
let ws: FreshWorkspace;
let owner: string;

beforeAll(async () => {
  h = await openHarness();
  ws = await signUpWorkspace(h, "Consent Co", "consent");
  owner = await h.signIn(ws.email, ws.password);
});
afterAll(async () => {
  await h.close();
});

async function endUser(external: string): Promise<{ token: string; id: string }> {
  const s = await h.call("POST", "/api/v1/connect/sessions", {
    token: ws.apiKey,
    body: { end_user_id: external, email: `${external}@people.test`, name: "Pat Person" },
  });
  const ex = await h.call("POST", "/api/v1/connect/exchange", { body: { token: ((await s.json()) as { token: string }).token } });
  const body = (await ex.json()) as { access_token: string; end_user: { id: string } };
  return { token: body.access_token, id: body.end_user.id };
}

describe("purposes and consents", () => {
  it("lets a developer define a purpose; a changed notice bumps its version", async () => {
    const path = `/api/v1/workspaces/${ws.workspaceId}/purposes`;
    const bad = await expectProblem(await h.call("PUT", path, { token: owner, body: { key: "Bad Key", title: "", notice: "x" } }), 400);
    expect(pointers(bad).sort()).toEqual(["#/key", "#/title"]);
    const first = await h.call("PUT", path, {
      token: owner,
      body: { key: "crm_sync", title: "CRM sync", notice: "We copy new customers to your CRM.", providers: ["hubspot"] },
    });
    expect(await first.json()).toMatchObject({ key: "crm_sync", version: 1 });
    const second = await h.call("PUT", path, {
      token: owner,
      body: { key: "crm_sync", title: "CRM sync", notice: "We copy new customers and their orders to your CRM.", providers: ["hubspot"] },
    });
    expect(await second.json()).toMatchObject({ version: 2 });
    const list = await h.call("GET", path, { token: owner });
    expect(((await list.json()) as { items: unknown[] }).items).toHaveLength(1);
  });

  it("grants and revokes with history (notice version, method) and events", async () => {
    const eu = await endUser("consenting-1");
    const before = await h.call("GET", "/api/v1/client/purposes", { token: eu.token });
    expect(((await before.json()) as { items: unknown[] }).items).toEqual([
      expect.objectContaining({ key: "crm_sync", granted: null, notice: expect.stringContaining("orders") }),
    ]);
    expect((await h.call("PUT", "/api/v1/client/consents/crm_sync", { token: eu.token, body: { granted: true } })).status).toBe(200);
    expect((await h.call("PUT", "/api/v1/client/consents/crm_sync", { token: eu.token, body: { granted: false } })).status).toBe(200);
    await expectProblem(await h.call("PUT", "/api/v1/client/consents/unknown_purpose", { token: eu.token, body: { granted: true } }), 404);
    await expectProblem(await h.call("PUT", "/api/v1/client/consents/crm_sync", { token: eu.token, body: { granted: "yes" } }), 400);
    const history = (await (await h.call("GET", "/api/v1/client/consents/history", { token: eu.token })).json()) as {
      items: { granted: boolean; notice_version: number; method: string }[];
    };
    expect(history.items.map((i) => [i.granted, i.notice_version, i.method])).toEqual([
      [false, 2, "client_portal"],
      [true, 2, "client_portal"],
    ]);
    const after = (await (await h.call("GET", "/api/v1/client/purposes", { token: eu.token })).json()) as { items: { granted: boolean }[] };
    expect(after.items[0]!.granted).toBe(false);
    const events = await h.owner<{ type: string }[]>`select type from domain_events where subject_id = ${eu.id} and type like 'consent.%' order by occurred_at`;
    expect(events.map((e) => e.type)).toEqual(["consent.granted", "consent.revoked"]);
    const dev = await h.call("GET", `/api/v1/workspaces/${ws.workspaceId}/end-users/${eu.id}/integrations`, { token: owner });
    expect(await dev.json()).toMatchObject({
      connections: [],
      consents: [{ key: "crm_sync", granted: false }],
      consent_history: [{ granted: false }, { granted: true }],
    });
  });
});

describe("export and erasure", () => {
  it("exports profile, connections without secrets, consents and history", async () => {
    const eu = await endUser("exporting-1");
    await h.call("PUT", "/api/v1/client/consents/crm_sync", { token: eu.token, body: { granted: true } });
    await givenConnection(h, ws.workspaceId, eu.id, "stripe", JSON.stringify({ secret_key: "sk_live_never_exported" }));
    const res = await h.call("GET", "/api/v1/client/export", { token: eu.token });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="my-data-/);
    const text = await res.text();
    expect(text).not.toContain("sk_live_never_exported");
    expect(JSON.parse(text)).toMatchObject({
      profile: { id: eu.id, external_user_id: "exporting-1", email: "exporting-1@people.test" },
      connections: [{ provider: "stripe", status: "active" }],
      consents: [{ key: "crm_sync", granted: true }],
      consent_history: [{ purpose: "crm_sync", granted: true }],
      executions: expect.any(Array),
    });
  });

  it("erases tokens and personal data in a job, keeping a pseudonymous audit record", async () => {
    const eu = await endUser("erasing-1");
    await h.call("PUT", "/api/v1/client/consents/crm_sync", { token: eu.token, body: { granted: true } });
    await givenConnection(h, ws.workspaceId, eu.id, "stripe", JSON.stringify({ secret_key: "sk_test_erase" }));
    // the identifier also travels into a notification, an ingested event and the event log
    const sent = await h.call("POST", "/api/v1/events", { token: ws.apiKey, body: { type: "signup.completed", payload: { user: "erasing-1" } } });
    expect(sent.status).toBeLessThan(300);
    await h.owner`insert into notifications (workspace_id, title, message) values (${ws.workspaceId}, 'New sign-up', 'erasing-1 signed up')`;
    const res = await h.call("POST", "/api/v1/client/erasure", { token: eu.token });
    expect(res.status).toBe(202);
    await h.runJobs();
    for (const [table, column] of [
      ["notifications", "message"],
      ["ingested_events", "payload"],
      ["domain_events", "payload"],
      ["audit_log", "detail"],
    ] as const) {
      const [n] = await h.owner.unsafe<{ n: number }[]>(
        `select count(*)::int as n from ${table} where workspace_id = $1 and ${column}::text like '%erasing-1%'`,
        [ws.workspaceId],
      );
      expect(n!.n, table).toBe(0);
    }
    const [note] = await h.owner<{ message: string }[]>`select message from notifications where workspace_id = ${ws.workspaceId} and title = 'New sign-up'`;
    expect(note!.message).toBe("[erased] signed up");
    const [row] = await h.owner<
      { external_user_id: string; email: string | null; name: string | null; erased_at: Date | null }[]
    >`select * from end_users where id = ${eu.id}`;
    expect(row!.external_user_id).toMatch(/^erased-[0-9a-f]{16}$/);
    expect([row!.email, row!.name]).toEqual([null, null]);
    expect(row!.erased_at).not.toBeNull();
    for (const table of ["connections", "consents", "connect_sessions", "oauth_authorizations"]) {
      const [n] = await h.owner.unsafe<{ n: number }[]>(`select count(*)::int as n from ${table} where end_user_id = $1`, [eu.id]);
      expect(n!.n, table).toBe(0);
    }
    const history = await h.owner<{ ip: string | null; user_agent: string | null }[]>`select ip, user_agent from consent_history where end_user_id = ${eu.id}`;
    expect(history.every((r) => r.ip === null && r.user_agent === null)).toBe(true);
    const [erased] = await h.owner<
      { payload: Record<string, unknown> }[]
    >`select payload from domain_events where type = 'end_user.erased' and subject_id = ${eu.id}`;
    expect(erased!.payload).toEqual({});
    const dump = await h.owner<{ n: number }[]>`select count(*)::int as n from end_users x where x::text like '%erasing-1%'`;
    expect(dump[0]!.n).toBe(0);
  });
});

describe("API-key providers and custom providers", () => {
  it("connects an API-key provider, naming missing fields", async () => {
    const eu = await endUser("apikey-1");
    const bad = await expectProblem(
      await h.call("POST", "/api/v1/client/connections", {
        token: eu.token,
        body: { provider: "zendesk", credentials: { email: "a@b.test" }, config: { subdomain: "bad host!" } },
      }),
      400,
    );
    expect(pointers(bad).sort()).toEqual(["#/config/subdomain", "#/credentials/api_token"]);
    const ok = await h.call("POST", "/api/v1/client/connections", {
      token: eu.token,
      body: { provider: "zendesk", credentials: { email: "a@b.test", api_token: "tok" }, config: { subdomain: "acme" } },
    });
    expect(ok.status).toBe(201);
    expect(await ok.json()).toMatchObject({ provider: "zendesk", status: "active", config: { subdomain: "acme" } });
    await expectProblem(await h.call("POST", "/api/v1/client/connections", { token: eu.token, body: { provider: "slack", credentials: { x: "y" } } }), 400);
  });

  it("refuses custom provider URLs that point into the private network", async () => {
    const path = `/api/v1/workspaces/${ws.workspaceId}/custom-providers`;
    const body = {
      slug: "my-crm",
      name: "My CRM",
      authorization_url: "https://93.184.215.14/authorize",
      token_url: "http://169.254.169.254/token",
      api_base_url: "https://93.184.215.14/api",
      scopes: ["read"],
    };
    const p = await expectProblem(await h.call("POST", path, { token: owner, body }), 400);
    expect(pointers(p)).toEqual(["#/token_url"]);
    const ok = await h.call("POST", path, { token: owner, body: { ...body, token_url: "https://93.184.215.14/token" } });
    expect(ok.status).toBe(201);
    expect(await ok.json()).toMatchObject({ key: "custom:my-crm" });
    const app = await h.call("PUT", `/api/v1/workspaces/${ws.workspaceId}/oauth-apps/${encodeURIComponent("custom:my-crm")}`, {
      token: owner,
      body: { client_id: "c", client_secret: "s" },
    });
    expect(app.status).toBe(200);
  });

  it("shows the catalogue with 49 providers, logos as SVG, and what the workspace enabled", async () => {
    const pub = (await (await h.call("GET", "/api/v1/integrations/providers")).json()) as { items: { key: string; auth_kind: string; actions: unknown[] }[] };
    expect(pub.items.length).toBe(49);
    const logo = await h.call("GET", "/api/v1/integrations/providers/github/logo.svg");
    expect([logo.status, logo.headers.get("content-type")]).toEqual([200, "image/svg+xml"]);
    expect(await logo.text()).toMatch(/^<svg /);
    const mine = (await (await h.call("GET", `/api/v1/workspaces/${ws.workspaceId}/integrations/providers`, { token: owner })).json()) as {
      items: { key: string; enabled: boolean }[];
    };
    expect(mine.items.find((p) => p.key === "stripe")!.enabled).toBe(true);
    expect(mine.items.find((p) => p.key === "github")!.enabled).toBe(false);
  });
});
