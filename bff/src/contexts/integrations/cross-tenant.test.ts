/**
 * Tenant isolation of every integrations route: Globex's signed-in owner, API key (every scope)
 * and end user against Acme's workspace, end user, connection and purpose. Every answer must be
 * 403 or 404, and Acme's rows must be unchanged afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openHarness, type Harness } from "../../testing/harness";
import { givenConnection } from "./test-support";

let h: Harness;
let acmeEu = "";
let acmeConnection = "";
const globex: Record<"session" | "apiKey" | "endUser", string> = { session: "", apiKey: "", endUser: "" };

beforeAll(async () => {
  h = await openHarness();
  const [eu] = await h.owner<{ id: string }[]>`select id from end_users where workspace_id = ${h.acmeId} and external_user_id = 'user_xyz'`;
  acmeEu = eu!.id;
  acmeConnection = (await givenConnection(h, h.acmeId, acmeEu, "stripe", JSON.stringify({ secret_key: "sk_acme" }))).id;
  globex.session = await h.signIn("owner@globex.test");
  const key = await h.call("POST", `/api/v1/workspaces/${h.globexId}/api-keys`, { token: globex.session, body: { name: "integrations attacker" } });
  globex.apiKey = ((await key.json()) as { key: string }).key;
  const s = await h.call("POST", "/api/v1/connect/sessions", { token: globex.apiKey, body: { end_user_id: "globex_integrations_1" } });
  const ex = await h.call("POST", "/api/v1/connect/exchange", { body: { token: ((await s.json()) as { token: string }).token } });
  globex.endUser = ((await ex.json()) as { access_token: string }).access_token;
});
afterAll(async () => {
  await h.close();
});

function routes(): [string, string, unknown?][] {
  const a = `/api/v1/workspaces/${h.acmeId}`;
  const g = `/api/v1/workspaces/${h.globexId}`;
  return [
    ["GET", `${a}/integrations/providers`],
    ["GET", `${a}/oauth-apps`],
    ["PUT", `${a}/oauth-apps/slack`, { client_id: "planted", client_secret: "planted" }],
    ["DELETE", `${a}/oauth-apps/slack`],
    ["GET", `${a}/custom-providers`],
    [
      "POST",
      `${a}/custom-providers`,
      {
        slug: "planted",
        name: "P",
        authorization_url: "https://93.184.215.14/a",
        token_url: "https://93.184.215.14/t",
        api_base_url: "https://93.184.215.14/",
      },
    ],
    ["GET", `${a}/purposes`],
    ["PUT", `${a}/purposes`, { key: "workflow_automation", title: "Pwned", notice: "changed" }],
    ["GET", `${a}/end-users/${acmeEu}/integrations`],
    ["PUT", `${a}/provider-webhooks/github`, { secret: "planted-secret" }],
    ["GET", `${g}/end-users/${acmeEu}/integrations`],
    ["POST", "/api/v1/integrations/auth-url", { provider: "stripe", user_id: "user_xyz", workspace_id: h.acmeId }],
    ["GET", "/api/v1/users/user_xyz/integrations"],
    ["DELETE", `/api/v1/client/connections/${acmeConnection}`],
  ];
}

describe("Globex against Acme's integrations", () => {
  for (const who of ["session", "apiKey", "endUser"] as const) {
    it(`refuses every Acme id to Globex's ${who}`, async () => {
      const unexpected: string[] = [];
      for (const [method, path, body] of routes()) {
        const res = await h.call(method, path, { token: globex[who], body });
        if (res.status !== 403 && res.status !== 404) unexpected.push(`${method} ${path} → ${res.status}`);
      }
      expect(unexpected).toEqual([]);
    });
  }

  it("left Acme unchanged", async () => {
    const [conn] = await h.owner<{ status: string }[]>`select status from connections where id = ${acmeConnection}`;
    expect(conn!.status).toBe("active");
    const apps = await h.owner`select 1 from oauth_apps where workspace_id = ${h.acmeId} and client_id = 'planted'`;
    expect(apps).toHaveLength(0);
    const [purpose] = await h.owner<{ title: string }[]>`select title from purposes where workspace_id = ${h.acmeId} and key = 'workflow_automation'`;
    expect(purpose!.title).toBe("Workflow automation");
    expect(await h.owner`select 1 from custom_providers where slug = 'planted'`).toHaveLength(0);
    expect(await h.owner`select 1 from provider_webhooks where workspace_id = ${h.acmeId}`).toHaveLength(0);
  });

  it("an end user sees only their own connections and consents", async () => {
    const res = await h.call("GET", "/api/v1/client/connections/details", { token: globex.endUser });
    expect(((await res.json()) as { items: unknown[] }).items).toEqual([]);
    const export_ = (await (await h.call("GET", "/api/v1/client/export", { token: globex.endUser })).json()) as { connections: unknown[]; consents: unknown[] };
    expect([export_.connections, export_.consents]).toEqual([[], []]);
  });
});
