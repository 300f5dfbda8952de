/**
 * What the soak (bench/soak.ts, issue 18 part 7) found growing in the BFF's heap: postgres.js keeps
 * every named prepared statement of a connection (decision 017, up to 256 each), and the event
 * ingestion and the audit consumer used to insert their batches as multi-row VALUES — one
 * statement text per batch size, each kept with its full text (up to ~200 KB of heap apiece) on
 * every pooled connection that ever saw that size: +12 MB of live heap in 6 minutes of soak, and
 * the same in each backend's memory. They now send one constant statement with the rows as a JSON
 * parameter (the ingestion since decision 036, the audit consumer since commit 6056cd6). Here the real routes and the real dispatcher run batches of many sizes
 * on a one-connection pool, whose prepared statements PostgreSQL lists: each of those inserts must
 * be one statement, whatever the batch size.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { openHarness, type Harness } from "../testing/harness";
import { signUpWorkspace, type FreshWorkspace } from "../testing/fixtures";
import { openDatabase, type DbHandles } from "../db/client";
import { createApp } from "../app";
import { dispatchPendingEvents } from "../kernel/dispatch";
import { appendDomainEvents } from "../kernel/events";
import { withWorkspace } from "../db/tenant";

let h: Harness;
let ws: FreshWorkspace;
let one: DbHandles; // one connection: every statement below is prepared on it
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  h = await openHarness();
  ws = await signUpWorkspace(h, "Statement Shapes Co");
  one = openDatabase(h.appUrl, 1);
  app = createApp({ db: one.db, sql: one.sql });
});
afterAll(async () => {
  await one.close();
  await h.close();
});

const SIZES = [1, 2, 3, 5, 8, 13, 21, 34];
const prepared = async (prefix: string) =>
  (await one.db.execute<{ statement: string }>(sql`select statement from pg_prepared_statements`))
    .map((r) => r.statement.trim().replace(/"/g, ""))
    .filter((s) => s.toLowerCase().startsWith(prefix));

describe("batch inserts are one prepared statement whatever the batch size", () => {
  it(`ingested events and their audit rows, batches of ${SIZES.join(", ")}`, async () => {
    let n = 0;
    for (const size of SIZES) {
      const events = Array.from({ length: size }, () => ({ type: "shape.tick", payload: { n: n++ } }));
      const res = await app.request("/api/v1/events/batch", {
        method: "POST",
        headers: { authorization: `Bearer ${ws.apiKey}`, "content-type": "application/json" },
        body: JSON.stringify({ events }),
      });
      expect(res.status).toBeLessThan(300);
      // as many domain events, dispatched as one batch: the audit consumer inserts them at once
      while (await dispatchPendingEvents(one.db)) {}
      await withWorkspace(one.db, ws.workspaceId, (tx) =>
        appendDomainEvents(
          tx,
          Array.from({ length: size }, (_, i) => ({ workspaceId: ws.workspaceId, type: "shape.noted", payload: { i } })),
        ),
      );
      expect(await dispatchPendingEvents(one.db, { limit: size })).toBe(size);
    }
    expect(await prepared("insert into ingested_events")).toHaveLength(1);
    const audit = await prepared("insert into audit_log");
    expect(audit.length).toBeLessThanOrEqual(2); // the one-event form and the batch form
  });
});
