import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openHarness, type Harness } from "../../testing/harness";
import { expectProblem, pointers, signUpWorkspace, type FreshWorkspace } from "../../testing/fixtures";

let h: Harness;
let ws: FreshWorkspace;
beforeAll(async () => {
  h = await openHarness();
  ws = await signUpWorkspace(h, "Leads Co", "leads");
  // one statement: every lead gets the same created_at (a bulk import), so pages tie on it
  await h.owner`insert into leads (workspace_id, name, source)
    select ${ws.workspaceId}, 'Lead ' || lpad(i::text, 3, '0'), 'import' from generate_series(1, 120) i`;
});
afterAll(async () => {
  await h.close();
});

interface Page {
  items: { id: string; name: string }[];
  next_cursor: string | null;
}

describe("the leads list", () => {
  it("pages through leads that share a timestamp without skipping or repeating", async () => {
    for (const token of [await h.signIn(ws.email, ws.password), ws.apiKey]) {
      const sizes: number[] = [];
      const seen = new Set<string>();
      let cursor: string | null = null;
      do {
        const qs: string = cursor ? `?cursor=${encodeURIComponent(cursor)}` : "";
        const res = await h.call("GET", `/api/v1/workspaces/${ws.workspaceId}/leads${qs}`, { token });
        expect(res.status).toBe(200);
        const page = (await res.json()) as Page;
        sizes.push(page.items.length);
        for (const l of page.items) seen.add(l.id);
        cursor = page.next_cursor;
      } while (cursor && sizes.length < 10);
      expect(sizes).toEqual([50, 50, 20]);
      expect(seen.size).toBe(120);
    }
  });

  it("refuses a malformed cursor with 400 on #/query/cursor", async () => {
    const p = await expectProblem(await h.call("GET", `/api/v1/workspaces/${ws.workspaceId}/leads?cursor=nope`, { token: ws.apiKey }), 400);
    expect(pointers(p)).toEqual(["#/query/cursor"]);
  });
});
