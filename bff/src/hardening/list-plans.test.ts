/**
 * What the soak (bench/soak.ts, issue 18 part 7) found growing with the tables: the keyset lists
 * order by (created_at desc, id desc), but their indexes were (…, created_at DESC NULLS LAST, id),
 * which matches neither the nulls order nor the id direction, so every page read and sorted all of
 * the workspace's rows (migration 0042). Here a workspace gets a few thousand executions,
 * notifications and leads; the app's real routes are called through an app whose drizzle logs each
 * statement it sends, and PostgreSQL's plan for that statement must read the page off an index —
 * no Sort node, which would mean every row of the workspace is read for each page.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { drizzle } from "drizzle-orm/postgres-js";
import { openHarness, type Harness } from "../testing/harness";
import { FRESH_PASSWORD, signUpWorkspace, type FreshWorkspace } from "../testing/fixtures";
import { createApp } from "../app";
import { driverOf, withWorkspace } from "../db/tenant";

// enough rows that a sequential scan and a sort cost the planner more than walking an index
const ROWS = 20_000;
let h: Harness;
let ws: FreshWorkspace;
let token: string;
let app: ReturnType<typeof createApp>;
const sent: { query: string; params: unknown[] }[] = [];

beforeAll(async () => {
  h = await openHarness();
  ws = await signUpWorkspace(h, "List Plans Co");
  token = await h.signIn(ws.email, FRESH_PASSWORD);
  const logged = drizzle(h.handles.sql, { logger: { logQuery: (query, params) => sent.push({ query, params }) } });
  app = createApp({ db: logged, sql: h.handles.sql });
  const auth = { authorization: `Bearer ${ws.apiKey}`, "content-type": "application/json" };
  const created = await h.call("POST", `/api/v1/workspaces/${ws.workspaceId}/workflows`, {
    headers: auth,
    body: {
      name: "plans",
      trigger: { type: "webhook", path: "/plans" },
      steps: [{ id: "a", provider: "core", action: "transform", config: { x: "{{ n }}" } }],
    },
  });
  expect(created.status).toBe(201);
  const fired = await h.call("POST", `/webhooks/${ws.workspaceId}/plans`, { body: { n: 1 } });
  expect(fired.status).toBe(202);
  const { execution_id: executionId } = (await fired.json()) as { execution_id: string };
  const [owner] = await h.owner<{ id: string }[]>`select u.id from users u join memberships m on m.user_id = u.id where m.workspace_id = ${ws.workspaceId}`;
  // a few thousand rows each, spread over the last hours, as a long run leaves them
  await h.owner`insert into workflow_executions (workspace_id, workflow_id, version, status, trigger_type, trigger_payload, deadline_at, created_at, finished_at)
    select workspace_id, workflow_id, version, 'succeeded', trigger_type, trigger_payload, deadline_at, now() - g * interval '1 second', now() - g * interval '1 second'
    from workflow_executions, generate_series(1, ${ROWS}) g where id = ${executionId}`;
  await h.owner`insert into notifications (workspace_id, user_id, title, message, created_at)
    select ${ws.workspaceId}, ${owner!.id}, 'n' || g, 'm', now() - g * interval '1 second' from generate_series(1, ${ROWS}) g`;
  await h.owner`insert into leads (workspace_id, name, source, created_at, updated_at)
    select ${ws.workspaceId}, 'lead ' || g, 'plans', now() - g * interval '1 second', now() from generate_series(1, ${ROWS}) g`;
  // this machine's test PostgreSQL runs without autovacuum: give the planner the tables' statistics
  await h.owner`analyze workflow_executions`;
  await h.owner`analyze notifications`;
  await h.owner`analyze leads`;
}, 60_000);
afterAll(() => h.close());

type PlanNode = { "Node Type": string; "Relation Name"?: string; "Index Name"?: string; Plans?: PlanNode[] };
const nodes = (p: PlanNode): PlanNode[] => [p, ...(p.Plans ?? []).flatMap(nodes)];

/** Calls `path` through the logging app and answers the plan of the statement it sent that reads `table` in order. */
async function planOfList(path: string, table: string): Promise<PlanNode[]> {
  sent.length = 0;
  const res = await app.request(path, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  const list = sent.find((s) => s.query.includes(`from "${table}"`) && s.query.includes("order by"));
  expect(list, `no ordered read of ${table} among ${sent.length} statements`).toBeDefined();
  const [row] = await withWorkspace(h.handles.db, ws.workspaceId, async (tx) =>
    driverOf(tx)!.unsafe(`explain (format json) ${list!.query}`, list!.params as never[]),
  );
  return nodes((row as unknown as { "QUERY PLAN": { Plan: PlanNode }[] })["QUERY PLAN"][0]!.Plan);
}

describe(`keyset lists read a page off an index (${ROWS} rows in the workspace)`, () => {
  const cases = [
    { what: "executions", path: () => `/api/v1/workspaces/${ws.workspaceId}/executions?limit=20`, table: "workflow_executions" },
    { what: "inbox", path: () => "/api/v1/notifications?limit=20", table: "notifications" },
    { what: "leads", path: () => `/api/v1/workspaces/${ws.workspaceId}/leads?limit=20`, table: "leads" },
  ];
  for (const c of cases)
    it(`the ${c.what} list`, async () => {
      const plan = await planOfList(c.path(), c.table);
      expect(plan.filter((n) => n["Node Type"].includes("Sort")).map((n) => n["Node Type"])).toEqual([]);
      expect(plan.some((n) => n["Node Type"].startsWith("Index") && n["Relation Name"] === c.table)).toBe(true);
    });
});
