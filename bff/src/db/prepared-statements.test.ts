/**
 * Our postgres.js patch (decision 017): drizzle's queries (postgres.js `unsafe`) become named
 * prepared statements on the connection, and one connection keeps at most
 * MAX_PREPARED_PER_CONNECTION of them; queries past the cap still run, unnamed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { openHarness, type Harness } from "../testing/harness";
import { MAX_PREPARED_PER_CONNECTION, openDatabase, type DbHandles } from "./client";

let h: Harness;
let one: DbHandles; // one connection, so every statement below runs on the same backend
beforeAll(async () => {
  h = await openHarness();
  one = openDatabase(h.appUrl, 1);
});
afterAll(async () => {
  await one.close();
  await h.close();
});

const prepared = async () => (await one.db.execute<{ statement: string }>(sql`select statement from pg_prepared_statements`)).map((r) => r.statement);

describe("prepared statements", () => {
  it("a drizzle query with parameters is prepared once on its connection and reused", async () => {
    for (let i = 0; i < 3; i++) {
      const [row] = await one.db.execute<{ n: number }>(sql`select ${i}::int + 1 as n`);
      expect(row!.n).toBe(i + 1);
    }
    const statements = await prepared();
    expect(statements.filter((s) => s === "select $1::int + 1 as n")).toHaveLength(1);
  });

  it(`a connection keeps at most ${MAX_PREPARED_PER_CONNECTION} statements and runs the ones past the cap unnamed`, async () => {
    const extra = MAX_PREPARED_PER_CONNECTION + 40;
    for (let i = 0; i < extra; i++) {
      const [row] = await one.db.execute<Record<string, number>>(sql`select ${i}::int as ${sql.raw(`v${i}`)}`);
      expect(Object.values(row!)[0]).toBe(i);
    }
    const statements = await prepared();
    expect(statements.length).toBeLessThanOrEqual(MAX_PREPARED_PER_CONNECTION);
    expect(statements.length).toBeGreaterThan(MAX_PREPARED_PER_CONNECTION - 5);
  });
});
