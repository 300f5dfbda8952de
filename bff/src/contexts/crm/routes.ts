/**
 * CRM routes so far: the leads list, with hierarchical visibility — a sales rep sees the leads
 * they own, a manager everything owned in their subtree (closure table, any depth), owners and
 * admins everything.
 */
import { Hono } from "hono";
import { and, desc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { AppEnv, Deps } from "../../lib/http";
import { validate } from "../../lib/validate";
import { withWorkspace } from "../../db/tenant";
import { after, pageOf, PAGE_SIZE } from "../../lib/keyset";
import { requireWorkspace, SALES_ROLES } from "../identity/guards";
import { subtreeIds } from "../identity/hierarchy";
import { memberships, users } from "../identity/schema";
import { leads } from "./schema";

const wsParam = z.object({ workspace_id: z.string() });
const cursorQuery = z.object({ cursor: z.string().max(200).optional() });

export function crmRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .get("/workspaces/:workspace_id/leads", validate("param", wsParam), validate("query", cursorQuery), async (c) => {
      const a = await requireWorkspace(deps, c, c.req.valid("param").workspace_id, { roles: SALES_ROLES, scope: "leads" });
      const page = await withWorkspace(deps.db, a.workspaceId, async (tx) => {
        const seesAll = a.role === null || a.role === "owner" || a.role === "admin";
        const visible = seesAll ? undefined : inArray(leads.ownerMembershipId, await subtreeIds(tx, a.membershipId!));
        const rows = await tx.select({ lead: leads, ownerUserId: users.id, ownerName: users.name }).from(leads)
          .leftJoin(memberships, eq(memberships.id, leads.ownerMembershipId)).leftJoin(users, eq(users.id, memberships.userId))
          .where(and(eq(leads.workspaceId, a.workspaceId), visible, after(leads.createdAt, leads.id, c.req.valid("query").cursor)))
          .orderBy(desc(leads.createdAt), desc(leads.id)).limit(PAGE_SIZE + 1);
        return pageOf(rows.map((r) => ({ ...r, id: r.lead.id })), PAGE_SIZE, (r) => r.lead.createdAt, (r) => ({
          id: r.lead.id, name: r.lead.name, email: r.lead.email, phone: r.lead.phone, source: r.lead.source, stage: r.lead.stage,
          owner: r.ownerUserId ? { user_id: r.ownerUserId, name: r.ownerName! } : null, created_at: r.lead.createdAt.toISOString(),
        }));
      });
      return c.json(page);
    });
}
