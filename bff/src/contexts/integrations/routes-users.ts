/**
 * Users (seed 003 §5.4) and user roles (§5.7) on the caller's workspace: an API key's own (with
 * the `end_users` scope) or a signed-in developer's active workspace. Thin: validates, calls
 * users.ts and user-roles.ts. `POST /users/sync` validates each row itself, so one bad row is
 * answered in place and never fails the call.
 */
import { Hono } from "hono";
import { z } from "zod";
import {
  userInputSchema,
  userListQuerySchema,
  userRoleInputSchema,
  userRoleUpdateSchema,
  userSyncRequestSchema,
  userUpdateSchema,
  type UserInput,
} from "@nhood/contracts/users";
import type { AppContext, AppEnv, Deps } from "../../lib/http";
import { validate } from "../../lib/validate";
import { withWorkspace } from "../../db/tenant";
import type { Tx } from "../../db/client";
import { NotFound, type FieldError } from "../../lib/errors";
import { DEVELOPER_ROLES, requireWorkspace, unauthorizedFor } from "../identity";
import { describeRoute } from "../../lib/describe";
import { approveUser, createUser, deleteUser, getUser, listUsers, syncUsers, updateUser } from "./users";
import { createUserRole, deleteUserRole, listUserRoles, updateUserRole } from "./user-roles";
import * as docs from "./route-docs-users";

const refParam = z.object({ id: z.string().trim().min(1).max(255) });

/** Runs `fn` in the caller's workspace (API key with `end_users`, or a developer's active workspace). */
async function inCallerWorkspace<T>(deps: Deps, c: AppContext, fn: (tx: Tx, workspaceId: string) => Promise<T>): Promise<T> {
  const p = c.get("principal");
  if (p.kind === "anonymous") throw unauthorizedFor(p);
  const ws = p.kind === "user" ? p.activeWorkspaceId : p.kind === "api_key" ? p.workspaceId : null;
  if (!ws) throw new NotFound("active workspace; switch to a workspace first");
  const a = await requireWorkspace(deps, c, ws, { roles: DEVELOPER_ROLES, scope: "end_users" });
  return withWorkspace(deps.db, a.workspaceId, (tx) => fn(tx, a.workspaceId));
}

/** Validates each sync row on its own: pointers under `#/users/{i}`. */
function parseRows(rows: unknown[]): { index: number; value?: UserInput; errors: FieldError[] }[] {
  return rows.map((row, index) => {
    const r = userInputSchema.safeParse(row);
    if (r.success) return { index, value: r.data, errors: [] };
    return { index, errors: r.error.issues.map((i) => ({ pointer: `#/users/${[index, ...i.path.map(String)].join("/")}`, detail: i.message })) };
  });
}

export function integrationsUserRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .post("/users/sync", describeRoute(docs.syncUsers), validate("json", userSyncRequestSchema), async (c) => {
      const rows = parseRows(c.req.valid("json").users);
      const items = await inCallerWorkspace(deps, c, (tx, ws) => syncUsers(tx, ws, rows));
      const n = (o: string) => items.filter((i) => i.outcome === o).length;
      return c.json({ items, created: n("created"), updated: n("updated"), failed: n("failed") });
    })
    .post("/users", describeRoute(docs.createUser), validate("json", userInputSchema), async (c) =>
      c.json(await inCallerWorkspace(deps, c, (tx, ws) => createUser(tx, ws, c.req.valid("json"))), 201),
    )
    .get("/users", describeRoute(docs.listUsers), validate("query", userListQuerySchema), async (c) =>
      c.json(await inCallerWorkspace(deps, c, (tx, ws) => listUsers(tx, ws, c.req.valid("query")))),
    )
    .get("/users/:id", describeRoute(docs.getUser), validate("param", refParam), async (c) =>
      c.json(await inCallerWorkspace(deps, c, (tx, ws) => getUser(tx, ws, c.req.valid("param").id))),
    )
    .put("/users/:id", describeRoute(docs.updateUser), validate("param", refParam), validate("json", userUpdateSchema), async (c) =>
      c.json(await inCallerWorkspace(deps, c, (tx, ws) => updateUser(tx, ws, c.req.valid("param").id, c.req.valid("json")))),
    )
    .delete("/users/:id", describeRoute(docs.deleteUser), validate("param", refParam), async (c) => {
      await inCallerWorkspace(deps, c, (tx, ws) => deleteUser(tx, ws, c.req.valid("param").id));
      return c.body(null, 204);
    })
    .post("/users/:id/approve", describeRoute(docs.approveUser), validate("param", refParam), async (c) =>
      c.json(await inCallerWorkspace(deps, c, (tx, ws) => approveUser(tx, ws, c.req.valid("param").id))),
    )
    .get("/roles", describeRoute(docs.listUserRoles), async (c) => c.json({ items: await inCallerWorkspace(deps, c, (tx, ws) => listUserRoles(tx, ws)) }))
    .post("/roles", describeRoute(docs.createUserRole), validate("json", userRoleInputSchema), async (c) =>
      c.json(await inCallerWorkspace(deps, c, (tx, ws) => createUserRole(tx, ws, c.req.valid("json"))), 201),
    )
    .put("/roles/:id", describeRoute(docs.updateUserRole), validate("param", refParam), validate("json", userRoleUpdateSchema), async (c) =>
      c.json(await inCallerWorkspace(deps, c, (tx, ws) => updateUserRole(tx, ws, c.req.valid("param").id, c.req.valid("json")))),
    )
    .delete("/roles/:id", describeRoute(docs.deleteUserRole), validate("param", refParam), async (c) => {
      await inCallerWorkspace(deps, c, (tx, ws) => deleteUserRole(tx, ws, c.req.valid("param").id));
      return c.body(null, 204);
    });
}
