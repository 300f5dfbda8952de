/**
 * The role → permission mapping. Each route keeps its built-in role set (guards.ts) as the
 * default; a workspace's owners and admins may `deny` a route to a role (403 before the handler
 * runs) or `allow` it to a role outside the default set. Edits take effect on the next request.
 * API keys are governed by their scopes, not by this mapping. The owner role cannot be edited,
 * so a workspace can never lock itself out.
 */
import { Hono } from "hono";
import { createMiddleware } from "hono/factory";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { AppEnv, Deps } from "../../lib/http";
import { validate } from "../../lib/validate";
import { describeRoute } from "../../lib/describe";
import { withUser, withWorkspace } from "../../db/tenant";
import { Forbidden, ValidationFailed } from "../../lib/errors";
import { ADMIN_ROLES, requireWorkspace } from "../identity";
import { memberRole } from "../identity";
import { appendDomainEvent, recordDomainEvent } from "../../kernel/events";
import { setPermissionRequestSchema, workspaceRoles, type PermissionEntry, permissionsSchema } from "@nhood/contracts";
import { rolePermissions } from "./schema";
import { isRegistered, permissionKey, registeredPermissions } from "./registry";

export { registerPermissions } from "./registry";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The permission of the route that answers this request (the first concrete handler; later ones, e.g. the static catch-all, never run). */
function matchedPermission(c: Parameters<Parameters<typeof createMiddleware<AppEnv>>[0]>[0]): string | null {
  const hit = c.req.matchedRoutes.find((r) => r.method !== "ALL");
  return hit ? permissionKey(hit.method, hit.path) : null;
}

/** Middleware for `/workspaces/:workspace_id/*`: applies the workspace's edits for the caller's role. */
export function checkPermission(deps: Deps) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const p = c.get("principal");
    const workspaceId = c.req.param("workspace_id");
    const permission = matchedPermission(c);
    if (p.kind !== "user" || !workspaceId || !UUID.test(workspaceId) || !permission) return next();
    const role = await withUser(deps.db, p.userId, (tx) => memberRole(tx, p.userId, workspaceId));
    if (!role || role === "owner") return next();
    const m = { role };
    const [edit] = await withWorkspace(deps.db, workspaceId, (tx) =>
      tx
        .select()
        .from(rolePermissions)
        .where(and(eq(rolePermissions.workspaceId, workspaceId), eq(rolePermissions.role, m.role), eq(rolePermissions.permission, permission))),
    );
    if (edit && !edit.allowed) {
      await recordDomainEvent(deps.db, {
        workspaceId,
        type: "auth.authorization_failed",
        payload: {
          method: c.req.method,
          path: c.req.path,
          reason: "permission_denied",
          permission,
          principal_workspace_id: workspaceId,
          target_workspace_id: workspaceId,
        },
      });
      throw new Forbidden(`Your role (${m.role}) may not use ${permission} in this workspace.`);
    }
    if (edit?.allowed) c.set("permissionGranted", true);
    return next();
  });
}

const wsParam = z.object({ workspace_id: z.string() });

export function accessRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .get(
      "/workspaces/:workspace_id/permissions",
      describeRoute({
        summary: "List permissions by role",
        tags: ["permissions"],
        operationId: "listPermissions",
        security: "session",
        description:
          "Owners and admins see every workspace route (a permission: `METHOD /path`) with, per role, whether it follows the route's built-in role set (`default`) or an admin's edit (`allow`/`deny`).",
        responses: {
          200: {
            description: "Every permission with its per-role setting",
            schema: permissionsSchema,
            example: {
              items: [
                {
                  permission: "GET /api/v1/workspaces/:workspace_id/leads/export.csv",
                  method: "GET",
                  path: "/api/v1/workspaces/:workspace_id/leads/export.csv",
                  roles: { owner: "default", admin: "default", developer: "default", sales_manager: "default", sales_rep: "deny", member: "default" },
                },
              ],
            },
          },
        },
      }),
      validate("param", wsParam),
      async (c) => {
        const a = await requireWorkspace(deps, c, c.req.valid("param").workspace_id, { roles: ADMIN_ROLES });
        const edits = await withWorkspace(deps.db, a.workspaceId, (tx) =>
          tx.select().from(rolePermissions).where(eq(rolePermissions.workspaceId, a.workspaceId)),
        );
        const items: PermissionEntry[] = registeredPermissions().map((r) => ({
          ...r,
          roles: Object.fromEntries(
            workspaceRoles.map((role) => {
              const e = edits.find((x) => x.role === role && x.permission === r.permission);
              return [role, e ? (e.allowed ? "allow" : "deny") : "default"];
            }),
          ) as PermissionEntry["roles"],
        }));
        return c.json({ items });
      },
    )
    .put(
      "/workspaces/:workspace_id/permissions",
      describeRoute({
        summary: "Allow or deny a permission to a role",
        tags: ["permissions"],
        operationId: "setPermission",
        security: "session",
        description:
          "Owners and admins allow a route to a role outside its built-in set, deny it to a role inside it, or return it to `default`. Takes effect on the next request. The owner role cannot be edited and an unknown permission is a 400.",
        requestExample: { permission: "GET /api/v1/workspaces/:workspace_id/leads/export.csv", role: "sales_rep", effect: "deny" },
        responses: { 200: { description: "The edit as applied", schema: setPermissionRequestSchema } },
      }),
      validate("param", wsParam),
      validate("json", setPermissionRequestSchema),
      async (c) => {
        const a = await requireWorkspace(deps, c, c.req.valid("param").workspace_id, { roles: ADMIN_ROLES });
        const b = c.req.valid("json");
        if (!isRegistered(b.permission)) throw new ValidationFailed([{ pointer: "#/permission", detail: "not a registered permission" }]);
        if (b.role === "owner") throw new ValidationFailed([{ pointer: "#/role", detail: "the owner role always has every permission" }]);
        await withWorkspace(deps.db, a.workspaceId, async (tx) => {
          const key = and(eq(rolePermissions.workspaceId, a.workspaceId), eq(rolePermissions.role, b.role), eq(rolePermissions.permission, b.permission));
          if (b.effect === "default") await tx.delete(rolePermissions).where(key);
          else
            await tx
              .insert(rolePermissions)
              .values({ workspaceId: a.workspaceId, role: b.role, permission: b.permission, allowed: b.effect === "allow" })
              .onConflictDoUpdate({
                target: [rolePermissions.workspaceId, rolePermissions.role, rolePermissions.permission],
                set: { allowed: b.effect === "allow", updatedAt: new Date() },
              });
          await appendDomainEvent(tx, { workspaceId: a.workspaceId, type: "permission.changed", payload: b });
        });
        return c.json(b);
      },
    );
}
