import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openHarness, type Harness } from "../../testing/harness";
import { FRESH_PASSWORD, expectProblem, pointers, signUpWorkspace, uniqueEmail, type FreshWorkspace } from "../../testing/fixtures";

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(async () => {
  await h.close();
});

interface Member {
  membership_id: string;
  email: string;
  reports_to: string | null;
  depth: number;
}
interface Team {
  me: Member;
  manager: Member | null;
  reports: Member[];
}

async function team(token: string, workspaceId: string): Promise<Team> {
  const res = await h.call("GET", `/api/v1/workspaces/${workspaceId}/team`, { token });
  expect(res.status).toBe(200);
  return (await res.json()) as Team;
}
const depths = (t: Team) => Object.fromEntries(t.reports.map((r) => [r.email, r.depth]));

async function leadNames(token: string, workspaceId: string): Promise<string[]> {
  const res = await h.call("GET", `/api/v1/workspaces/${workspaceId}/leads`, { token });
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: { name: string }[] }).items.map((l) => l.name).sort();
}

describe("the demo hierarchy", () => {
  it("shows the manager both reps at depth 1", async () => {
    const t = await team(await h.signIn("manager@acme.test"), h.acmeId);
    expect(t.me.email).toBe("manager@acme.test");
    expect(depths(t)).toEqual({ "rep1@acme.test": 1, "rep2@acme.test": 1 });
    const rep = await team(await h.signIn("rep1@acme.test"), h.acmeId);
    expect(rep.manager?.email).toBe("manager@acme.test");
    expect(rep.reports).toEqual([]);
  });

  it("shows a rep only their own leads, the manager their subtree's, the owner all", async () => {
    expect(await leadNames(await h.signIn("rep1@acme.test"), h.acmeId)).toEqual(["Grace Hopper"]);
    expect(await leadNames(await h.signIn("rep2@acme.test"), h.acmeId)).toEqual(["Alan Turing"]);
    expect(await leadNames(await h.signIn("manager@acme.test"), h.acmeId)).toEqual(["Alan Turing", "Grace Hopper", "Katherine Johnson"]);
    const all = await leadNames(await h.signIn("owner@acme.test"), h.acmeId);
    const [n] = await h.owner<{ n: number }[]>`select count(*)::int as n from leads where workspace_id = ${h.acmeId}`;
    expect(all).toHaveLength(n!.n);
    expect(all).toEqual(expect.arrayContaining(["Alan Turing", "Grace Hopper", "Katherine Johnson"]));
  });

  it("keeps developers out of the leads list", async () => {
    await expectProblem(await h.call("GET", `/api/v1/workspaces/${h.acmeId}/leads`, { token: await h.signIn("dev@acme.test") }), 403);
  });
});

describe("building and moving a hierarchy", () => {
  let ws: FreshWorkspace;
  let owner: string;
  const ids: Record<string, string> = {};
  const emails: Record<string, string> = {};
  const tokens: Record<string, string> = {};
  const patch = (who: string, body: unknown) => h.call("PATCH", `/api/v1/workspaces/${ws.workspaceId}/members/${ids[who]}`, { token: owner, body });

  /** closure rows of `who` as { ancestor name: depth } */
  async function ancestors(who: string): Promise<Record<string, number>> {
    const rows = await h.owner<{ ancestor_id: string; depth: number }[]>`
      select ancestor_id, depth from membership_closure where descendant_id = ${ids[who]!}`;
    const nameOf = Object.fromEntries(Object.entries(ids).map(([k, v]) => [v, k]));
    return Object.fromEntries(rows.map((r) => [nameOf[r.ancestor_id] ?? r.ancestor_id, r.depth]));
  }

  beforeAll(async () => {
    ws = await signUpWorkspace(h, "Hierarchy Co", "hierarchy");
    owner = await h.signIn(ws.email, ws.password);
    for (const [who, role] of [
      ["top", "sales_manager"],
      ["middle", "sales_manager"],
      ["bottom", "sales_rep"],
      ["other", "sales_manager"],
    ] as const) {
      emails[who] = uniqueEmail(who);
      const res = await h.call("POST", `/api/v1/workspaces/${ws.workspaceId}/members`, {
        token: owner,
        body: { email: emails[who], name: who, password: FRESH_PASSWORD, role },
      });
      expect(res.status).toBe(201);
      ids[who] = ((await res.json()) as { membership_id: string }).membership_id;
      tokens[who] = await h.signIn(emails[who]!, FRESH_PASSWORD);
    }
    await h.owner`insert into leads (workspace_id, name, source, owner_membership_id) values
      (${ws.workspaceId}, 'Bottom lead', 'web_form', ${ids.bottom!}), (${ws.workspaceId}, 'Middle lead', 'web_form', ${ids.middle!})`;
  });

  it("builds a three-level chain with PATCH reports_to; the top sees the bottom at depth 2", async () => {
    expect((await patch("middle", { reports_to: ids.top })).status).toBe(204);
    expect((await patch("bottom", { reports_to: ids.middle })).status).toBe(204);
    const top = await team(tokens.top!, ws.workspaceId);
    expect(depths(top)).toEqual({ [emails.middle!]: 1, [emails.bottom!]: 2 });
    const bottom = await team(tokens.bottom!, ws.workspaceId);
    expect(bottom.manager?.membership_id).toBe(ids.middle);
    expect(await ancestors("bottom")).toEqual({ bottom: 0, middle: 1, top: 2 });
    expect(await leadNames(tokens.top!, ws.workspaceId)).toEqual(["Bottom lead", "Middle lead"]);
    expect(await leadNames(tokens.bottom!, ws.workspaceId)).toEqual(["Bottom lead"]);
  });

  it("moves a middle person's whole subtree, and lead visibility follows at once", async () => {
    expect((await patch("middle", { reports_to: ids.other })).status).toBe(204);
    expect((await team(tokens.top!, ws.workspaceId)).reports).toEqual([]);
    expect(depths(await team(tokens.other!, ws.workspaceId))).toEqual({ [emails.middle!]: 1, [emails.bottom!]: 2 });
    expect(await ancestors("middle")).toEqual({ middle: 0, other: 1 });
    expect(await ancestors("bottom")).toEqual({ bottom: 0, middle: 1, other: 2 });
    expect(await ancestors("top")).toEqual({ top: 0 });
    expect(await leadNames(tokens.top!, ws.workspaceId)).toEqual([]);
    expect(await leadNames(tokens.other!, ws.workspaceId)).toEqual(["Bottom lead", "Middle lead"]);
  });

  it("moves someone back to the top with reports_to null", async () => {
    expect((await patch("bottom", { reports_to: null })).status).toBe(204);
    expect(await ancestors("bottom")).toEqual({ bottom: 0 });
    expect(depths(await team(tokens.other!, ws.workspaceId))).toEqual({ [emails.middle!]: 1 });
    expect((await patch("bottom", { reports_to: ids.middle })).status).toBe(204);
    expect(await ancestors("bottom")).toEqual({ bottom: 0, middle: 1, other: 2 });
  });

  it("refuses a cycle (reporting to oneself or one's own descendant) with 409 on #/reports_to", async () => {
    for (const [who, manager] of [
      ["other", "bottom"],
      ["other", "middle"],
      ["middle", "middle"],
    ] as const) {
      const p = await expectProblem(await patch(who, { reports_to: ids[manager] }), 409);
      expect(pointers(p)).toEqual(["#/reports_to"]);
    }
    expect(await ancestors("other")).toEqual({ other: 0 });
    expect(await ancestors("bottom")).toEqual({ bottom: 0, middle: 1, other: 2 });
  });

  it("refuses a manager from another workspace or an unknown one", async () => {
    const [acmeManager] = await h.owner<{ id: string }[]>`
      select m.id from memberships m join users u on u.id = m.user_id where u.email = 'manager@acme.test'`;
    for (const reports_to of [acmeManager!.id, crypto.randomUUID()]) {
      const p = await expectProblem(await patch("top", { reports_to }), 409);
      expect(pointers(p)).toEqual(["#/reports_to"]);
    }
    const add = await h.call("POST", `/api/v1/workspaces/${ws.workspaceId}/members`, {
      token: owner,
      body: { email: uniqueEmail("x"), name: "x", password: FRESH_PASSWORD, role: "sales_rep", reports_to: acmeManager!.id },
    });
    expect(pointers(await expectProblem(add, 409))).toEqual(["#/reports_to"]);
  });

  it("never makes a cycle from crossing moves sent at once", async () => {
    for (let round = 0; round < 4; round++) {
      const statuses = await Promise.all([patch("top", { reports_to: ids.other }), patch("other", { reports_to: ids.top })]);
      expect(statuses.map((r) => r.status).sort()).toEqual([204, 409]);
      const [cycles] = await h.owner<{ n: number }[]>`
        select count(*)::int as n from membership_closure a join membership_closure b
          on a.ancestor_id = b.descendant_id and a.descendant_id = b.ancestor_id
        where a.workspace_id = ${ws.workspaceId} and a.depth > 0`;
      expect(cycles!.n).toBe(0);
      for (const who of ["top", "other"]) expect((await patch(who, { reports_to: null })).status).toBe(204);
      expect(await ancestors("top")).toEqual({ top: 0 });
      expect(await ancestors("other")).toEqual({ other: 0 });
    }
    expect(await ancestors("bottom")).toEqual({ bottom: 0, middle: 1, other: 2 });
  });

  it("adds a person once when the same add arrives at once (409, never 500, for the rest)", async () => {
    const email = uniqueEmail("twice");
    const body = { email, name: "Twice", password: FRESH_PASSWORD, role: "member" };
    const results = await Promise.all([0, 1, 2, 3].map(() => h.call("POST", `/api/v1/workspaces/${ws.workspaceId}/members`, { token: owner, body })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
    for (const r of results.filter((x) => x.status === 409)) expect(pointers(await expectProblem(r, 409))).toEqual(["#/email"]);
  });

  it("lets only owners and admins change members", async () => {
    await expectProblem(
      await h.call("PATCH", `/api/v1/workspaces/${ws.workspaceId}/members/${ids.bottom}`, { token: tokens.top!, body: { reports_to: null } }),
      403,
    );
    await expectProblem(
      await h.call("POST", `/api/v1/workspaces/${ws.workspaceId}/members`, {
        token: tokens.top!,
        body: { email: uniqueEmail("y"), name: "y", password: FRESH_PASSWORD, role: "admin" },
      }),
      403,
    );
  });
});
