/**
 * CRM lead routes: the list (filters, search, sort, keyset pagination) with hierarchical
 * visibility, CSV export, detail with timeline, stage changes, assignment within the caller's
 * subtree, timeline activities and the workspace's stages. Catalogue, CRM clients and lead
 * sources are in catalogue-routes.ts; ingestion in ingest-routes.ts; Meta in meta-webhook.ts.
 */
import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv, Deps, AppContext } from "../../lib/http";
import { validate } from "../../lib/validate";
import { withWorkspace } from "../../db/tenant";
import { ADMIN_ROLES, requireWorkspace, SALES_ROLES } from "../identity";
import {
  addActivityRequestSchema, assignLeadRequestSchema, changeStageRequestSchema, leadListQuerySchema, updateStagesRequestSchema,
} from "@nhood/contracts";
import { addActivity, assignLead, changeStage } from "./leads";
import { exportLeadsCsv, leadDetail, listLeads, openLeadsByOwner } from "./lead-views";
import { listStages, replaceStages } from "./stages";
import { catalogueRoutes } from "./catalogue-routes";
import { ingestRoutes } from "./ingest-routes";

const wsParam = z.object({ workspace_id: z.string() });
const leadParam = wsParam.extend({ lead_id: z.uuid() });

export function crmRoutes(deps: Deps) {
  const sales = (c: AppContext, ws: string) => requireWorkspace(deps, c, ws, { roles: SALES_ROLES, scope: "leads" });
  return new Hono<AppEnv>()
    .route("/", ingestRoutes(deps))
    .route("/", catalogueRoutes(deps))
    .get("/workspaces/:workspace_id/leads", validate("param", wsParam), validate("query", leadListQuerySchema), async (c) => {
      const a = await sales(c, c.req.valid("param").workspace_id);
      return c.json(await withWorkspace(deps.db, a.workspaceId, (tx) => listLeads(tx, a, c.req.valid("query"))));
    })
    .get("/workspaces/:workspace_id/leads/export.csv", validate("param", wsParam), validate("query", leadListQuerySchema), async (c) => {
      const a = await sales(c, c.req.valid("param").workspace_id);
      const csv = await withWorkspace(deps.db, a.workspaceId, (tx) => exportLeadsCsv(tx, a, c.req.valid("query")));
      return c.body(csv, 200, { "content-type": "text/csv; charset=utf-8", "content-disposition": 'attachment; filename="leads.csv"' });
    })
    .get("/workspaces/:workspace_id/leads/open-by-owner", validate("param", wsParam), async (c) => {
      const a = await sales(c, c.req.valid("param").workspace_id);
      return c.json({ items: await withWorkspace(deps.db, a.workspaceId, (tx) => openLeadsByOwner(tx, a)) });
    })
    .get("/workspaces/:workspace_id/leads/:lead_id", validate("param", leadParam), async (c) => {
      const a = await sales(c, c.req.valid("param").workspace_id);
      return c.json(await withWorkspace(deps.db, a.workspaceId, (tx) => leadDetail(tx, a, c.req.valid("param").lead_id)));
    })
    .post("/workspaces/:workspace_id/leads/:lead_id/stage", validate("param", leadParam), validate("json", changeStageRequestSchema), async (c) => {
      const a = await sales(c, c.req.valid("param").workspace_id);
      const lead = await withWorkspace(deps.db, a.workspaceId, (tx) => changeStage(tx, a, c.req.valid("param").lead_id, c.req.valid("json").stage));
      return c.json({ id: lead.id, stage: lead.stage });
    })
    .post("/workspaces/:workspace_id/leads/:lead_id/assign", validate("param", leadParam), validate("json", assignLeadRequestSchema), async (c) => {
      const a = await sales(c, c.req.valid("param").workspace_id);
      const lead = await withWorkspace(deps.db, a.workspaceId, (tx) => assignLead(tx, a, c.req.valid("param").lead_id, c.req.valid("json").owner_membership_id));
      return c.json({ id: lead.id, owner_membership_id: lead.ownerMembershipId });
    })
    .post("/workspaces/:workspace_id/leads/:lead_id/activities", validate("param", leadParam), validate("json", addActivityRequestSchema), async (c) => {
      const a = await sales(c, c.req.valid("param").workspace_id);
      const b = c.req.valid("json");
      const id = await withWorkspace(deps.db, a.workspaceId, (tx) => addActivity(tx, a, c.req.valid("param").lead_id, b.kind, b.body));
      return c.json({ id }, 201);
    })
    .get("/workspaces/:workspace_id/lead-stages", validate("param", wsParam), async (c) => {
      const a = await sales(c, c.req.valid("param").workspace_id);
      return c.json({ items: await withWorkspace(deps.db, a.workspaceId, (tx) => listStages(tx, a.workspaceId)) });
    })
    .put("/workspaces/:workspace_id/lead-stages", validate("param", wsParam), validate("json", updateStagesRequestSchema), async (c) => {
      const a = await requireWorkspace(deps, c, c.req.valid("param").workspace_id, { roles: ADMIN_ROLES });
      return c.json({ items: await withWorkspace(deps.db, a.workspaceId, (tx) => replaceStages(tx, a.workspaceId, c.req.valid("json").items)) });
    });
}
