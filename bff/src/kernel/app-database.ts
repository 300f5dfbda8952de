/**
 * The process's app database handle, for code reached through a registry whose call signature
 * carries no handle: provider actions (`ActionDefinition.run`, called by the workflow engine) and
 * the engine's built-in actions resolve connections and secrets with it. It is bound once per
 * process by whoever builds the app or the worker task list (integrations' routes and tasks call
 * `bindAppDatabase`). It lives in the kernel, not in one context, because actions of several
 * contexts use it; passing the handle in `ActionContext` instead would remove it (left for later:
 * every action and test builds that context).
 */
import type { Database } from "../db/client";

let bound: Database | null = null;

export function bindAppDatabase(db: Database): void {
  bound = db;
}

/** The bound handle; throws when nothing bound one (a wiring bug, not a user error). */
export function appDatabase(): Database {
  if (!bound) throw new Error("no app database bound (call bindAppDatabase)");
  return bound;
}
