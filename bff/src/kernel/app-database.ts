/**
 * The database handle provider actions use to resolve connections. It is bound once per process
 * by whoever builds the app or the worker task list (routes.ts and tasks.ts call
 * `bindIntegrationsDatabase`), since the engine's ActionContext carries no handle.
 */
import type { Database } from "../../db/client";

let bound: Database | null = null;

export function bindIntegrationsDatabase(db: Database): void {
  bound = db;
}

/** The bound handle; throws when nothing bound one (a wiring bug, not a user error). */
export function integrationsDatabase(): Database {
  if (!bound) throw new Error("the integrations context has no database bound (call bindIntegrationsDatabase)");
  return bound;
}
