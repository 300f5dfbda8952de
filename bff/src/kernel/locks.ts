/**
 * Transaction-level advisory locks by name: `pg_advisory_xact_lock(hashtextextended(name, 0))`,
 * released at COMMIT or ROLLBACK. Names are `<what>:<id>` (e.g. `inbox:<workspace id>`); two
 * transactions taking the same name run that section one after the other.
 */
import { sql, type SQL } from "drizzle-orm";
import type { Tx } from "../db/client";

/** Waits for and takes the lock `name` until the end of `tx`. */
export async function lockFor(tx: Tx, name: string): Promise<void> {
  await tx.execute(sql`select ${advisoryLockSql(name)}`);
}

/** The lock call as a SQL expression, to take the lock inside a larger statement. */
export function advisoryLockSql(name: string): SQL {
  return sql`pg_advisory_xact_lock(hashtextextended(${name}, 0))`;
}
