/**
 * Database handles. `ownerDb` (migrations, role setup, seeding bootstrap) uses the URL given by
 * the operator; `db` is the app's own role, subject to row-level security — all request and job
 * code uses `db` through the tenant-scoped helpers in tenant.ts.
 */
import postgres from "postgres";
import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";

/**
 * The app's database handle. No schema is attached: a query names its table by importing it
 * (each context its own `schema.ts`), so the boundary rules see every table a module uses;
 * `findFirst` (find-first.ts) stands in for the relational `db.query.<table>.findFirst`.
 */
export type Database = PostgresJsDatabase;
export type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];

export interface DbHandles {
  sql: postgres.Sql;
  db: Database;
  close: () => Promise<void>;
}

/**
 * Seconds before a pool slot reconnects after its connection failed, by consecutive failures:
 * 50 ms doubling up to 0.5 s. postgres.js's default grows to 20 s, so after a PostgreSQL restart
 * requests would wait up to 20 s for a slot that has stopped trying (docs/reliability.md).
 */
export const reconnectBackoff = (retries: number): number => Math.min(0.05 * 2 ** retries, 0.5);

/**
 * Options of our postgres.js patch (patches/postgres@3.4.7.patch, decision 017): drizzle-orm runs
 * every query through `sql.unsafe`, which upstream never prepares, so each parameterised query
 * took two round trips (Parse/Describe, then Bind/Execute) and was planned every time.
 * `prepare_unsafe` makes them named prepared statements; `max_prepared` caps how many one
 * connection keeps (queries past the cap run unnamed).
 */
interface PreparedStatementOptions {
  prepare_unsafe: boolean;
  max_prepared: number;
}

/** Named statements kept per pooled connection (drizzle's query shapes in use stay well below). */
export const MAX_PREPARED_PER_CONNECTION = 256;

/** Opens a pool (`max` connections) for `url`. */
export function openDatabase(url: string, max = 10): DbHandles {
  const prepared: PreparedStatementOptions = { prepare_unsafe: true, max_prepared: MAX_PREPARED_PER_CONNECTION };
  const sql = postgres(url, { max, onnotice: () => {}, connect_timeout: 10, idle_timeout: 60, backoff: reconnectBackoff, ...prepared } as postgres.Options<
    Record<string, postgres.PostgresType>
  >);
  const db = drizzle(sql);
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

/** postgres.js and Node socket codes of a connection that is gone, refused or never made. */
const CONNECTION_CODES = new Set([
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
]);

/**
 * True when `e` (or an error it wraps in `cause` or, for AggregateError, `errors`) says the
 * database cannot be reached right now: a connection code above, or SQLSTATE class 08
 * (connection exception), 57P01-57P03 (admin/crash shutdown, cannot connect now) or 53300
 * (too many connections). The error handler answers these with 503 and Retry-After, not 500:
 * the request may be retried once PostgreSQL is back.
 */
export function isDatabaseUnavailable(e: unknown): boolean {
  const seen = new Set<unknown>();
  const walk = (err: unknown): boolean => {
    if (!err || typeof err !== "object" || seen.has(err)) return false;
    seen.add(err);
    const { code, cause, errors } = err as { code?: unknown; cause?: unknown; errors?: unknown };
    if (typeof code === "string" && (CONNECTION_CODES.has(code) || code.startsWith("08") || ["57P01", "57P02", "57P03", "53300"].includes(code))) return true;
    return walk(cause) || (Array.isArray(errors) && errors.some(walk));
  };
  return walk(e);
}
