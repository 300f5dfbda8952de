import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openHarness, type Harness } from "../../testing/harness";
import { expectProblem } from "../../testing/fixtures";
import { ingest, salesOrg, type SalesOrg } from "../../testing/sales-org";

let h: Harness;
let org: SalesOrg;
let base: string;
/** lead ids owned by each person */
const owned: Record<string, string> = {};
let unassigned = "";

beforeAll(async () => {
  h = await openHarness();
  org = await salesOrg(h, "pipeline");
  base = `/api/v1/workspaces/${org.ws.workspaceId}`;
  for (const who of ["vp", "manager", "rep", "otherManager", "otherRep"] as const) {
    const res = await ingest(h, org.sourceKey, { name: `Lead of ${who}`, email: `${who}@lead.example` });
    const { id } = (await res.json()) as { id: string };
    expect((await h.call("POST", `${base}/leads/${id}/assign`, { token: org.owner, body: { owner_membership_id: org.people[who].membershipId } })).status).toBe(
      200,
    );
    owned[who] = id;
  }
  unassigned = ((await (await ingest(h, org.sourceKey, { name: "Nobody's" })).json()) as { id: string }).id;
});
afterAll(async () => {
  await h.close();
});

async function visibleTo(token: string): Promise<string[]> {
  const res = await h.call("GET", `${base}/leads`, { token });
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: { id: string }[] }).items.map((l) => l.id).sort();
}
const ids = (...who: string[]) => who.map((w) => (w === "unassigned" ? unassigned : owned[w]!)).sort();

describe("hierarchical visibility", () => {
  it("gives each person their subtree at any depth (the matrix over list and detail)", async () => {
    const matrix: [keyof SalesOrg["people"], string[]][] = [
      ["rep", ids("rep")],
      ["manager", ids("manager", "rep", "unassigned")],
      ["vp", ids("vp", "manager", "rep", "unassigned")],
      ["otherManager", ids("otherManager", "otherRep", "unassigned")],
      ["otherRep", ids("otherRep")],
    ];
    for (const [who, expected] of matrix) {
      const token = org.people[who].token;
      expect(await visibleTo(token), who).toEqual(expected);
      for (const [, id] of Object.entries(owned)) {
        const detail = await h.call("GET", `${base}/leads/${id}`, { token });
        expect(detail.status, `${who} → ${id}`).toBe(expected.includes(id) ? 200 : 404);
        if (!expected.includes(id)) {
          await expectProblem(await h.call("POST", `${base}/leads/${id}/stage`, { token, body: { stage: "contacted" } }), 404);
          await expectProblem(await h.call("POST", `${base}/leads/${id}/activities`, { token, body: { kind: "note", body: "x" } }), 404);
        }
      }
    }
    expect(await visibleTo(org.owner)).toEqual(ids("vp", "manager", "rep", "otherManager", "otherRep", "unassigned"));
  });

  it("follows a move in the hierarchy at once", async () => {
    const move = (reportsTo: string) =>
      h.call("PATCH", `${base}/members/${org.people.rep.membershipId}`, { token: org.owner, body: { reports_to: reportsTo } });
    expect((await move(org.people.otherManager.membershipId)).status).toBeLessThan(300);
    expect(await visibleTo(org.people.vp.token)).not.toContain(owned.rep);
    expect(await visibleTo(org.people.otherManager.token)).toContain(owned.rep);
    expect((await move(org.people.manager.membershipId)).status).toBeLessThan(300);
    expect(await visibleTo(org.people.vp.token)).toContain(owned.rep);
  });
});

describe("working a lead", () => {
  it("assigns only within the caller's subtree", async () => {
    const token = org.people.manager.token;
    await expectProblem(
      await h.call("POST", `${base}/leads/${unassigned}/assign`, { token, body: { owner_membership_id: org.people.otherRep.membershipId } }),
      403,
    );
    expect((await h.call("POST", `${base}/leads/${unassigned}/assign`, { token, body: { owner_membership_id: org.people.rep.membershipId } })).status).toBe(
      200,
    );
    expect(await visibleTo(org.people.rep.token)).toContain(unassigned);
    await expectProblem(
      await h.call("POST", `${base}/leads/${owned.rep}/assign`, {
        token: org.people.rep.token,
        body: { owner_membership_id: org.people.manager.membershipId },
      }),
      403,
    );
  });

  it("moves stages with a timeline entry and a lead.stage_changed event; unknown stages are 400", async () => {
    const token = org.people.rep.token;
    const res = await h.call("POST", `${base}/leads/${owned.rep}/stage`, { token, body: { stage: "qualified" } });
    expect(await res.json()).toEqual({ id: owned.rep, stage: "qualified" });
    await expectProblem(await h.call("POST", `${base}/leads/${owned.rep}/stage`, { token, body: { stage: "nirvana" } }), 400);
    expect((await h.call("POST", `${base}/leads/${owned.rep}/activities`, { token, body: { kind: "note", body: "Called, wants a demo" } })).status).toBe(201);
    const detail = (await (await h.call("GET", `${base}/leads/${owned.rep}`, { token })).json()) as {
      activities: { kind: string; body: string | null; data: Record<string, unknown> }[];
    };
    expect(detail.activities.map((a) => a.kind)).toEqual(["note", "stage_change", "assignment", "created"]);
    expect(detail.activities[1]!.data).toEqual({ from: "new", to: "qualified" });
    const events = await h.owner<{ type: string; payload: Record<string, unknown> }[]>`
      select type, payload from domain_events where subject_id = ${owned.rep!} order by occurred_at, id`;
    expect(events.map((e) => e.type)).toEqual(["lead.created", "lead.assigned", "lead.stage_changed", "lead.activity_added"]);
    expect(events[2]!.payload).toMatchObject({ from: "new", to: "qualified" });
  });

  it("filters, searches, sorts and exports CSV", async () => {
    const token = org.owner;
    const q = async (qs: string) =>
      ((await (await h.call("GET", `${base}/leads?${qs}`, { token })).json()) as { items: { id: string; stage: string }[] }).items;
    expect((await q("stage=qualified")).map((l) => l.id)).toEqual([owned.rep]);
    expect((await q("q=otherRep%40lead")).map((l) => l.id)).toEqual([owned.otherRep]);
    expect((await q(`owner=${org.people.vp.membershipId}`)).map((l) => l.id)).toEqual([owned.vp]);
    const newest = await q("sort=newest");
    const oldest = await q("sort=oldest");
    expect(oldest.map((l) => l.id)).toEqual([...newest].reverse().map((l) => l.id));
    const csv = await h.call("GET", `${base}/leads/export.csv?stage=qualified`, { token });
    expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
    const lines = (await csv.text()).trim().split("\r\n");
    expect(lines[0]).toBe("id,name,email,phone,source,stage,crm_client_id,owner,created_at");
    expect(lines).toHaveLength(2);
  });

  it("counts open leads per visible owner for the team view", async () => {
    const res = await h.call("GET", `${base}/leads/open-by-owner`, { token: org.people.manager.token });
    const counts = Object.fromEntries(((await res.json()) as { items: { membership_id: string; open: number }[] }).items.map((i) => [i.membership_id, i.open]));
    expect(counts).toEqual({ [org.people.manager.membershipId]: 1, [org.people.rep.membershipId]: 2 });
  });

  it("lets admins configure stages", async () => {
    const items = [
      { key: "new", label: "New" },
      { key: "demo", label: "Demo" },
      { key: "won", label: "Won", closed: true },
    ];
    const stranded = await expectProblem(await h.call("PUT", `${base}/lead-stages`, { token: org.owner, body: { items } }), 400);
    expect(stranded.errors?.[0]?.detail).toMatch(/qualified \(1\)/);
    expect((await h.call("POST", `${base}/leads/${owned.rep}/stage`, { token: org.owner, body: { stage: "won" } })).status).toBe(200);
    expect((await h.call("PUT", `${base}/lead-stages`, { token: org.owner, body: { items } })).status).toBe(200);
    const stages = (await (await h.call("GET", `${base}/lead-stages`, { token: org.people.rep.token })).json()) as { items: { key: string }[] };
    expect(stages.items.map((s) => s.key)).toEqual(["new", "demo", "won"]);
    await expectProblem(await h.call("PUT", `${base}/lead-stages`, { token: org.people.manager.token, body: { items } }), 403);
  });
});

describe("CRM clients and the catalogue", () => {
  it("takes client-provided slug ids, 409 on a duplicate, and attaches products from the hierarchy", async () => {
    const dup = await expectProblem(await h.call("POST", `${base}/crm-clients`, { token: org.owner, body: { client_id: org.clientId, name: "Again" } }), 409);
    expect(dup.errors?.[0]?.pointer).toBe("#/client_id");
    await expectProblem(await h.call("POST", `${base}/crm-clients`, { token: org.owner, body: { client_id: "Not A Slug", name: "x" } }), 400);
    const ind = (await (await h.call("POST", `${base}/catalogue/industries`, { token: org.owner, body: { name: "Real estate" } })).json()) as { id: string };
    await expectProblem(await h.call("POST", `${base}/catalogue/products`, { token: org.owner, body: { name: "Orphan", category_id: ind.id } }), 400);
    const cat = (await (await h.call("POST", `${base}/catalogue/categories`, { token: org.owner, body: { name: "Flats", industry_id: ind.id } })).json()) as {
      id: string;
    };
    const prod = (await (
      await h.call("POST", `${base}/catalogue/products`, { token: org.owner, body: { name: "2-bed flat", category_id: cat.id } })
    ).json()) as { id: string };
    const tree = (await (await h.call("GET", `${base}/catalogue`, { token: org.people.rep.token })).json()) as {
      industries: { categories: { products: { id: string }[] }[] }[];
    };
    expect(tree.industries[0]!.categories[0]!.products[0]!.id).toBe(prod.id);
    const attached = await h.call("PUT", `${base}/crm-clients/${org.clientId}/products`, { token: org.owner, body: { product_id: prod.id, enabled: true } });
    expect(((await attached.json()) as { products: { product_id: string; enabled: boolean }[] }).products).toEqual([
      { product_id: prod.id, name: "2-bed flat", enabled: true },
    ]);
    expect((await ingest(h, org.sourceKey, { email: "buyer@example.com", product_id: prod.id })).status).toBe(201);
  });
});
