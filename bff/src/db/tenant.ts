/**
 * The tenant-scoped data layer. Every read or write of tenant rows runs inside one of these
 * transactions, which set the row-level-security settings transaction-locally
 * (`set_config(name, value, true)`): they vanish at COMMIT or ROLLBACK, so a pooled connection
 * never carries one tenant's setting into the next transaction (postgres.js issue #1216).
 *
 * - `withWorkspace(db, id, fn)`: rows of one workspace.
 * - `withUser(db, userId, fn)`: a person's own memberships (and those workspaces' names).
 * - `withLookup(db, hash, fn)`: resolve one credential by its hash (connect session; API keys
 *   resolve in one statement, `nh_resolve_api_key`, which sets the same setting itself).
 * - `withPlatform(db, fn)`: platform-staff reads across workspaces; callers must have checked
 *   the staff role first (identity/guards.ts).
 *
 * `withWorkspace` and `withPlatform` take optional planner settings (`INDEX_PLANS`), applied the
 * same way in the same statement.
 */
import { sql } from "drizzle-orm";
import type postgres from "postgres";
import type { Database, Tx } from "./client";

/**
 * The postgres.js client drizzle's postgres-js transaction runs on (drizzle-orm 0.44 keeps it as
 * `session.client`), for hot paths that send constant SQL text with parameters (`client.unsafe`,
 * prepared once per connection) instead of building each statement through drizzle's query
 * builder. Through it, timestamps come back as strings and json parameters are passed as text
 * (drizzle's parser settings on the client).
 */
export function driverOf(tx: Tx): postgres.Sql | null {
  const client = (tx as unknown as { session?: { client?: postgres.Sql } }).session?.client;
  return typeof client?.unsafe === "function" ? client : null;
}

/**
 * Runs `fn` in a transaction whose settings are applied first. The settings statement is sent
 * synchronously, before `fn` can issue anything, and not awaited: postgres.js pipelines `fn`'s
 * first statement behind it in the same socket write, so scoping costs no round trip of its own.
 * PostgreSQL runs them in order; a failed settings statement aborts the transaction, and its own
 * error is the one thrown.
 */
async function scoped<T>(db: Database, settings: Record<string, string>, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const entries = Object.entries(settings);
  return db.transaction(async (tx) => {
    const client = driverOf(tx);
    if (!client) {
      for (const [name, value] of entries) await tx.execute(sql`select set_config(${name}, ${value}, true)`);
      return fn(tx);
    }
    const text = `select ${entries.map((_, i) => `set_config($${2 * i + 1}, $${2 * i + 2}, true)`).join(", ")}`;
    const applied = client.unsafe(text, entries.flat()).execute();
    let failed: unknown = null;
    const settled = applied.then(
      () => {},
      (err: unknown) => {
        failed = err;
      },
    );
    try {
      const out = await fn(tx);
      await settled;
      if (failed) throw failed;
      return out;
    } catch (err) {
      await settled;
      throw failed ?? err;
    }
  });
}

/**
 * Planner settings for hot paths whose every statement has an index to use (the workflow engine's
 * claims, rounds and group commit, the domain-event dispatcher, the notifications' ingestion and
 * evaluation; decision 037, "Session 9"). A fresh table has no statistics
 * until autovacuum's first ANALYZE (a minute or more): the planner then estimated a
 * `jsonb_to_recordset` at 100 rows and the row-level-security filter at 1 %, chose sequential
 * scans with hash joins, and a connection's prepared statement kept that generic plan while the
 * table grew — every round re-read the whole step-runs table. With `enable_seqscan` off (for the
 * transaction only) an index is taken whenever one serves; a statement with none still scans.
 */
export const INDEX_PLANS: Readonly<Record<string, string>> = Object.freeze({ enable_seqscan: "off" });

/** `fn` in a transaction scoped to one workspace; `planner`: transaction-local planner settings (`INDEX_PLANS`). */
export function withWorkspace<T>(db: Database, workspaceId: string, fn: (tx: Tx) => Promise<T>, planner: Readonly<Record<string, string>> = {}): Promise<T> {
  return scoped(db, { "app.workspace_id": workspaceId, ...planner }, fn);
}

export function withUser<T>(db: Database, userId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return scoped(db, { "app.user_id": userId }, fn);
}

export function withLookup<T>(db: Database, credentialHash: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return scoped(db, { "app.lookup_hash": credentialHash }, fn);
}

/** `fn` in a transaction with the platform scope; `planner` as for `withWorkspace`. */
export function withPlatform<T>(db: Database, fn: (tx: Tx) => Promise<T>, planner: Readonly<Record<string, string>> = {}): Promise<T> {
  return scoped(db, { "app.scope": "platform", ...planner }, fn);
}

/** Switches the workspace inside an open transaction (e.g. after creating a workspace). */
export async function setWorkspace(tx: Tx, workspaceId: string): Promise<void> {
  await tx.execute(sql`select set_config('app.workspace_id', ${workspaceId}, true)`);
}
