/**
 * The permission registry: every workspace-scoped route (`METHOD /api/v1/workspaces/:workspace_id/…`)
 * is a permission, registered automatically from the Hono app's route table at start-up
 * (`registerPermissions(app.routes)`), so a new route can never be missing from it.
 */
export interface RegisteredPermission {
  permission: string;
  method: string;
  path: string;
}

const registry = new Map<string, RegisteredPermission>();
const SCOPED = "/api/v1/workspaces/:workspace_id/";

export const permissionKey = (method: string, path: string): string => `${method.toUpperCase()} ${path}`;

/** Adds every concrete (non-middleware) workspace route of `routes` to the registry. */
export function registerPermissions(routes: readonly { method: string; path: string }[]): void {
  for (const r of routes) {
    if (r.method === "ALL" || !r.path.startsWith(SCOPED) || r.path.endsWith("*")) continue;
    const permission = permissionKey(r.method, r.path);
    registry.set(permission, { permission, method: r.method.toUpperCase(), path: r.path });
  }
}

/** Every registered permission, sorted by path then method. */
export function registeredPermissions(): RegisteredPermission[] {
  return [...registry.values()].sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}

export const isRegistered = (permission: string): boolean => registry.has(permission);
