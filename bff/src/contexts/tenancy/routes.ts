/** Tenancy routes: sign-up, branding (also by custom domain), the billing contact, and the platform-staff workspace list. */
import { Hono } from "hono";
import { z } from "zod";
import { createWorkspaceRequestSchema, updateBillingContactRequestSchema, updateBrandingRequestSchema } from "@nhood/contracts";
import type { AppEnv, Deps } from "../../lib/http";
import { validate } from "../../lib/validate";
import { withWorkspace } from "../../db/tenant";
import { ADMIN_ROLES, ALL_ROLES, requirePlatformRole, requireWorkspace } from "../identity/guards";
import { NotFound } from "../../lib/errors";
import { getWorkspaceBranding, listWorkspaces, signUp, updateBranding } from "./service";
import { brandingForHost, requestHost } from "./custom-domains";
import { getBillingContact, updateBillingContact } from "./billing-contact";

const wsParam = z.object({ workspace_id: z.string() });
const listQuery = z.object({ q: z.string().trim().max(100).optional(), cursor: z.string().max(200).optional() });

export function tenancyRoutes(deps: Deps) {
  const { db } = deps;
  return new Hono<AppEnv>()
    .post("/workspaces", validate("json", createWorkspaceRequestSchema), async (c) => {
      return c.json(await signUp(db, c.req.valid("json")), 201);
    })
    // anonymous: the branded sign-in of a custom domain reads it before anyone signs in
    .get("/branding", async (c) => {
      const found = await brandingForHost(db, requestHost(c));
      if (!found) throw new NotFound("workspace with this custom domain");
      return c.json(found);
    })
    .get("/workspaces/:workspace_id/branding", validate("param", wsParam), async (c) => {
      const a = await requireWorkspace(deps, c, c.req.valid("param").workspace_id, { roles: ALL_ROLES });
      return c.json(await withWorkspace(db, a.workspaceId, (tx) => getWorkspaceBranding(tx, a.workspaceId)));
    })
    .put("/workspaces/:workspace_id/branding", validate("param", wsParam), validate("json", updateBrandingRequestSchema), async (c) => {
      const a = await requireWorkspace(deps, c, c.req.valid("param").workspace_id, { roles: ADMIN_ROLES });
      return c.json(await withWorkspace(db, a.workspaceId, (tx) => updateBranding(tx, a.workspaceId, c.req.valid("json"))));
    })
    // who gets quota warnings by e-mail: members may see it, owners and admins change it
    .get("/workspaces/:workspace_id/billing-contact", validate("param", wsParam), async (c) => {
      const a = await requireWorkspace(deps, c, c.req.valid("param").workspace_id, { roles: ALL_ROLES });
      return c.json(await withWorkspace(db, a.workspaceId, (tx) => getBillingContact(tx, a.workspaceId)));
    })
    .put("/workspaces/:workspace_id/billing-contact", validate("param", wsParam), validate("json", updateBillingContactRequestSchema), async (c) => {
      const a = await requireWorkspace(deps, c, c.req.valid("param").workspace_id, { roles: ADMIN_ROLES });
      return c.json(await withWorkspace(db, a.workspaceId, (tx) => updateBillingContact(tx, a.workspaceId, c.req.valid("json").billing_email)));
    })
    .get("/admin/workspaces", validate("query", listQuery), async (c) => {
      await requirePlatformRole(deps, c, ["super_admin", "support", "billing"]);
      const { q, cursor } = c.req.valid("query");
      return c.json(await listWorkspaces(db, q, cursor));
    });
}
