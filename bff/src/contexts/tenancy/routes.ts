/** Tenancy routes: sign-up, branding, and the platform-staff workspace list. */
import { Hono } from "hono";
import { z } from "zod";
import { createWorkspaceRequestSchema, updateBrandingRequestSchema } from "@nhood/contracts";
import type { AppEnv, Deps } from "../../lib/http";
import { validate } from "../../lib/validate";
import { withWorkspace } from "../../db/tenant";
import { ADMIN_ROLES, ALL_ROLES, requirePlatformRole, requireWorkspace } from "../identity/guards";
import { getBranding, listWorkspaces, signUp, updateBranding } from "./service";

const wsParam = z.object({ workspace_id: z.string() });
const listQuery = z.object({ q: z.string().trim().max(100).optional(), cursor: z.string().max(200).optional() });

export function tenancyRoutes(deps: Deps) {
  const { db } = deps;
  return new Hono<AppEnv>()
    .post("/workspaces", validate("json", createWorkspaceRequestSchema), async (c) => {
      return c.json(await signUp(db, c.req.valid("json")), 201);
    })
    .get("/workspaces/:workspace_id/branding", validate("param", wsParam), async (c) => {
      const a = await requireWorkspace(deps, c, c.req.valid("param").workspace_id, { roles: ALL_ROLES });
      return c.json(await withWorkspace(db, a.workspaceId, (tx) => getBranding(tx, a.workspaceId)));
    })
    .put("/workspaces/:workspace_id/branding", validate("param", wsParam), validate("json", updateBrandingRequestSchema), async (c) => {
      const a = await requireWorkspace(deps, c, c.req.valid("param").workspace_id, { roles: ADMIN_ROLES });
      return c.json(await withWorkspace(db, a.workspaceId, (tx) => updateBranding(tx, a.workspaceId, c.req.valid("json"))));
    })
    .get("/admin/workspaces", validate("query", listQuery), async (c) => {
      await requirePlatformRole(deps, c, ["super_admin", "support", "billing"]);
      const { q, cursor } = c.req.valid("query");
      return c.json(await listWorkspaces(db, q, cursor));
    });
}
