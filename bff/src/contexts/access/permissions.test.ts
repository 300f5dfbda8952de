import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openHarness, type Harness } from "../../testing/harness";
import { expectProblem, pointers } from "../../testing/fixtures";
import { salesOrg, type SalesOrg } from "../../testing/sales-org";

let h: Harness;
let org: SalesOrg;
let base: string;
const LEADS = "GET /api/v1/workspaces/:workspace_id/leads";
const CATALOGUE_WRITE = "POST /api/v1/workspaces/:workspace_id/catalogue/industries";

beforeAll(async () => {
  h = await openHarness();
  org = await salesOrg(h, "perms");
  base = `/api/v1/workspaces/${org.ws.workspaceId}`;
});
afterAll(async () => {
  await h.close();
});

const set = (permission: string, role: string, effect: string, token = org.owner) =>
  h.call("PUT", `${base}/permissions`, { token, body: { permission, role, effect } });

describe("the permission registry", () => {
  it("registers every workspace route from the app's route table, all on default", async () => {
    const res = await h.call("GET", `${base}/permissions`, { token: org.owner });
    const { items } = (await res.json()) as { items: { permission: string; roles: Record<string, string> }[] };
    const names = items.map((i) => i.permission);
    for (const p of [LEADS, CATALOGUE_WRITE, "GET /api/v1/workspaces/:workspace_id/api-keys", "PUT /api/v1/workspaces/:workspace_id/permissions"])
      expect(names).toContain(p);
    expect(names.every((n) => /^(GET|POST|PUT|PATCH|DELETE) \/api\/v1\/workspaces\/:workspace_id\//.test(n))).toBe(true);
    expect(new Set(items.flatMap((i) => Object.values(i.roles)))).toEqual(new Set(["default"]));
  });

  it("takes effect on the next request: deny a rep the leads list, then back to default", async () => {
    const rep = org.people.rep.token;
    expect((await h.call("GET", `${base}/leads`, { token: rep })).status).toBe(200);
    expect((await set(LEADS, "sales_rep", "deny")).status).toBe(200);
    await expectProblem(await h.call("GET", `${base}/leads`, { token: rep }), 403);
    expect((await h.call("GET", `${base}/leads`, { token: org.people.manager.token })).status).toBe(200);
    const listed = (await (await h.call("GET", `${base}/permissions`, { token: org.owner })).json()) as {
      items: { permission: string; roles: Record<string, string> }[];
    };
    expect(listed.items.find((i) => i.permission === LEADS)!.roles.sales_rep).toBe("deny");
    expect((await set(LEADS, "sales_rep", "default")).status).toBe(200);
    expect((await h.call("GET", `${base}/leads`, { token: rep })).status).toBe(200);
  });

  it("can grant a role a route outside its default role set", async () => {
    const mgr = org.people.manager.token;
    await expectProblem(await h.call("POST", `${base}/catalogue/industries`, { token: mgr, body: { name: "Insurance" } }), 403);
    await set(CATALOGUE_WRITE, "sales_manager", "allow");
    expect((await h.call("POST", `${base}/catalogue/industries`, { token: mgr, body: { name: "Insurance" } })).status).toBe(201);
  });

  it("is edited by admins only, never for the owner role, and only for registered permissions", async () => {
    await expectProblem(await set(LEADS, "sales_rep", "deny", org.people.manager.token), 403);
    expect(pointers(await expectProblem(await set(LEADS, "owner", "deny"), 400))).toEqual(["#/role"]);
    expect(pointers(await expectProblem(await set("GET /api/v1/nope", "sales_rep", "deny"), 400))).toEqual(["#/permission"]);
    const [ev] = await h.owner<
      { n: number }[]
    >`select count(*)::int as n from domain_events where type = 'permission.changed' and workspace_id = ${org.ws.workspaceId}`;
    expect(ev!.n).toBe(3);
  });
});
