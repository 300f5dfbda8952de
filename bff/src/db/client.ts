/**
 * Database handles. `ownerDb` (migrations, role setup, seeding bootstrap) uses the URL given by
 * the operator; `db` is the app's own role, subject to row-level security — all request and job
 * code uses `db` through the tenant-scoped helpers in tenant.ts.
 */
import postgres from "postgres";
import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import * as schema from "./schema";

export type Database = PostgresJsDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];

export interface DbHandles {
  sql: postgres.Sql;
  db: Database;
  close: () => Promise<void>;
}

/** Opens a pool (`max` connections) for `url` with the drizzle schema attached. */
export function openDatabase(url: string, max = 10): DbHandles {
  const sql = postgres(url, { max, onnotice: () => {}, connect_timeout: 10, idle_timeout: 60 });
  const db = drizzle(sql, { schema });
  return { sql, db, close: () => sql.end({ timeout: 5 }) };
}

/**
 * True when `e` (or the error it wraps: drizzle puts the driver's error in `cause`) is a unique
 * violation (SQLSTATE 23505) of `constraint`. Services turn it into a Conflict: the "is it
 * taken?" read before an insert cannot see a concurrent transaction's uncommitted row.
 */
export function isUniqueViolation(e: unknown, constraint: string): boolean {
  for (let err = e as { code?: string; constraint_name?: string; cause?: unknown } | undefined; err; err = err.cause as typeof err) {
    if (err.code === "23505") return err.constraint_name === constraint;
  }
  return false;
}
