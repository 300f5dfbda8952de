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
