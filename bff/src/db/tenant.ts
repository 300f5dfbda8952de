/**
 * The tenant-scoped data layer. Every read or write of tenant rows runs inside one of these
 * transactions, which set the row-level-security settings transaction-locally
 * (`set_config(name, value, true)`): they vanish at COMMIT or ROLLBACK, so a pooled connection
 * never carries one tenant's setting into the next transaction (postgres.js issue #1216).
 *
 * - `withWorkspace(db, id, fn)`: rows of one workspace.
 * - `withUser(db, userId, fn)`: a person's own memberships (and those workspaces' names).
 * - `withLookup(db, hash, fn)`: resolve one credential by its hash (API key, connect session);
 *   `scopeToWorkspace(tx, id)` then opens that credential's workspace in the same transaction.
 * - `withPlatform(db, fn)`: platform-staff reads across workspaces; callers must have checked
 *   the staff role first (identity/guards.ts).
 */
import { sql } from "drizzle-orm";
import type { Database, Tx } from "./client";

async function scoped<T>(db: Database, settings: Record<string, string>, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    for (const [name, value] of Object.entries(settings)) {
      await tx.execute(sql`select set_config(${name}, ${value}, true)`);
    }
    return fn(tx);
  });
}

export function withWorkspace<T>(db: Database, workspaceId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return scoped(db, { "app.workspace_id": workspaceId }, fn);
}

export function withUser<T>(db: Database, userId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return scoped(db, { "app.user_id": userId }, fn);
}

export function withLookup<T>(db: Database, credentialHash: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return scoped(db, { "app.lookup_hash": credentialHash }, fn);
}

/**
 * Narrows a `withLookup` transaction to the workspace its credential resolved to (the rows of
 * that workspace become visible too), so authenticating a request is one transaction.
 */
export async function scopeToWorkspace(tx: Tx, workspaceId: string): Promise<void> {
  await tx.execute(sql`select set_config('app.workspace_id', ${workspaceId}, true)`);
}

export function withPlatform<T>(db: Database, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return scoped(db, { "app.scope": "platform" }, fn);
}

/** Switches the workspace inside an open transaction (e.g. after creating a workspace). */
export async function setWorkspace(tx: Tx, workspaceId: string): Promise<void> {
  await tx.execute(sql`select set_config('app.workspace_id', ${workspaceId}, true)`);
}
