/**
 * `findFirst(db, table, where, columns?)`: the first row of `table` matching `where` (undefined
 * when none), optionally only some `columns` (`{ status: true }`). It replaces drizzle's
 * relational `db.query.<table>.findFirst`, which needed every context's tables attached to the
 * client — and so let any module query any table by name without importing it. With this, a
 * query names its table by import, and the boundary rules (bff/.dependency-cruiser.cjs) see it.
 */
import type { SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Database, Tx } from "./client";

type Row<T extends PgTable> = T["$inferSelect"];

export async function findFirst<T extends PgTable>(db: Database | Tx, table: T, where: SQL | undefined): Promise<Row<T> | undefined>;
export async function findFirst<T extends PgTable, K extends keyof Row<T> & string>(
  db: Database | Tx,
  table: T,
  where: SQL | undefined,
  columns: { [P in K]: true },
): Promise<Pick<Row<T>, K> | undefined>;
export async function findFirst(db: Database | Tx, table: PgTable, where: SQL | undefined, columns?: Record<string, true>): Promise<unknown> {
  const t = table as unknown as Record<string, PgColumn>;
  const query = columns ? db.select(Object.fromEntries(Object.keys(columns).map((k) => [k, t[k]!]))).from(table) : db.select().from(table);
  const [row] = await query.where(where).limit(1);
  return row;
}
