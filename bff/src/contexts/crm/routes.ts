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
import { describeRoute } from "../../lib/describe";
import { withWorkspace } from "../../db/tenant";
import { ADMIN_ROLES, requireWorkspace, SALES_ROLES } from "../identity";
import {
  addActivityRequestSchema,
  assignLeadRequestSchema,
  changeStageRequestSchema,
  leadListQuerySchema,
  updateStagesRequestSchema,
  createdIdSchema,
  leadAssignmentSchema,
  leadDetailSchema,
  leadListItemSchema,
  leadStageChangeSchema,
  openLeadsByOwnerSchema,
  page,
  stagesSchema,
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
    .get(
      "/workspaces/:workspace_id/leads",
      describeRoute({
        summary: "List leads",
        tags: ["leads"],
        operationId: "listLeads",
        security: "any",
        description:
          "Sales managers and reps see the leads they own and those of everyone below them in the reporting hierarchy; owners and admins see all; an API key needs the `leads` scope. Filters by stage, CRM client, owner and a search over name, e-mail and phone; sorted newest or oldest first, 50 a page (pass `next_cursor` back as `cursor`).",
        responses: { 200: { description: "A page of leads", schema: page(leadListItemSchema) } },
      }),
      validate("param", wsParam),
      validate("query", leadListQuerySchema),
      async (c) => {
        const a = await sales(c, c.req.valid("param").workspace_id);
        return c.json(await withWorkspace(deps.db, a.workspaceId, (tx) => listLeads(tx, a, c.req.valid("query"))));
      },
    )
    .get(
      "/workspaces/:workspace_id/leads/export.csv",
      describeRoute({
        summary: "Export leads as CSV",
        tags: ["leads"],
        operationId: "exportLeadsCsv",
        security: "any",
        description:
          "The leads the caller may see (same filters as the list, every page) as a CSV download. Sales managers and reps see the leads they own and those of everyone below them in the reporting hierarchy; owners and admins see all; an API key needs the `leads` scope.",
        responses: {
          200: { description: "The leads as CSV", contentType: "text/csv", headers: { "Content-Disposition": 'attachment; filename="leads.csv"' } },
        },
      }),
      validate("param", wsParam),
      validate("query", leadListQuerySchema),
      async (c) => {
        const a = await sales(c, c.req.valid("param").workspace_id);
        const csv = await withWorkspace(deps.db, a.workspaceId, (tx) => exportLeadsCsv(tx, a, c.req.valid("query")));
        return c.body(csv, 200, { "content-type": "text/csv; charset=utf-8", "content-disposition": 'attachment; filename="leads.csv"' });
      },
    )
    .get(
      "/workspaces/:workspace_id/leads/open-by-owner",
      describeRoute({
        summary: "Count open leads per owner",
        tags: ["leads"],
        operationId: "countOpenLeadsByOwner",
        security: "any",
        description:
          "How many leads in a stage that is not closed each owner holds, among the leads the caller may see (to balance assignment). Sales managers and reps see the leads they own and those of everyone below them in the reporting hierarchy; owners and admins see all; an API key needs the `leads` scope.",
        responses: { 200: { description: "Open leads per owner", schema: openLeadsByOwnerSchema } },
      }),
      validate("param", wsParam),
      async (c) => {
        const a = await sales(c, c.req.valid("param").workspace_id);
        return c.json({ items: await withWorkspace(deps.db, a.workspaceId, (tx) => openLeadsByOwner(tx, a)) });
      },
    )
    .get(
      "/workspaces/:workspace_id/leads/:lead_id",
      describeRoute({
        summary: "Read a lead",
        tags: ["leads"],
        operationId: "getLead",
        security: "any",
        description:
          "A lead with its product, raw payload and timeline (notes, calls, stage changes, assignments). A lead the caller may not see is a 404. Sales managers and reps see the leads they own and those of everyone below them in the reporting hierarchy; owners and admins see all; an API key needs the `leads` scope.",
        responses: { 200: { description: "The lead", schema: leadDetailSchema } },
      }),
      validate("param", leadParam),
      async (c) => {
        const a = await sales(c, c.req.valid("param").workspace_id);
        return c.json(await withWorkspace(deps.db, a.workspaceId, (tx) => leadDetail(tx, a, c.req.valid("param").lead_id)));
      },
    )
    .post(
      "/workspaces/:workspace_id/leads/:lead_id/stage",
      describeRoute({
        summary: "Move a lead to another stage",
        tags: ["leads"],
        operationId: "changeLeadStage",
        security: "any",
        description:
          "Moves a visible lead to one of the workspace's stages and records it on the timeline (and as a `lead.stage_changed` event). An unknown stage is a 400. Sales managers and reps see the leads they own and those of everyone below them in the reporting hierarchy; owners and admins see all; an API key needs the `leads` scope.",
        requestExample: { stage: "qualified" },
        responses: { 200: { description: "The lead's new stage", schema: leadStageChangeSchema } },
      }),
      validate("param", leadParam),
      validate("json", changeStageRequestSchema),
      async (c) => {
        const a = await sales(c, c.req.valid("param").workspace_id);
        const lead = await withWorkspace(deps.db, a.workspaceId, (tx) => changeStage(tx, a, c.req.valid("param").lead_id, c.req.valid("json").stage));
        return c.json({ id: lead.id, stage: lead.stage });
      },
    )
    .post(
      "/workspaces/:workspace_id/leads/:lead_id/assign",
      describeRoute({
        summary: "Assign a lead",
        tags: ["leads"],
        operationId: "assignLead",
        security: "any",
        description:
          "Gives a visible lead to a member: sales reps and managers only to themselves or someone below them (else 403), owners and admins to anyone. A person who is not a member is a 400.",
        requestExample: { owner_membership_id: "7b0f7f0e-3c1a-4c36-9a55-0d7c2c1f0a11" },
        responses: { 200: { description: "The lead's new owner", schema: leadAssignmentSchema } },
      }),
      validate("param", leadParam),
      validate("json", assignLeadRequestSchema),
      async (c) => {
        const a = await sales(c, c.req.valid("param").workspace_id);
        const lead = await withWorkspace(deps.db, a.workspaceId, (tx) =>
          assignLead(tx, a, c.req.valid("param").lead_id, c.req.valid("json").owner_membership_id),
        );
        return c.json({ id: lead.id, owner_membership_id: lead.ownerMembershipId });
      },
    )
    .post(
      "/workspaces/:workspace_id/leads/:lead_id/activities",
      describeRoute({
        summary: "Add a note or call to a lead",
        tags: ["leads"],
        operationId: "addLeadActivity",
        security: "any",
        description:
          "Adds a note, call, e-mail or message to a visible lead's timeline, by the caller. Sales managers and reps see the leads they own and those of everyone below them in the reporting hierarchy; owners and admins see all; an API key needs the `leads` scope.",
        requestExample: { kind: "note", body: "Asked for a quote by Friday." },
        responses: { 201: { description: "The new activity's id", schema: createdIdSchema } },
      }),
      validate("param", leadParam),
      validate("json", addActivityRequestSchema),
      async (c) => {
        const a = await sales(c, c.req.valid("param").workspace_id);
        const b = c.req.valid("json");
        const id = await withWorkspace(deps.db, a.workspaceId, (tx) => addActivity(tx, a, c.req.valid("param").lead_id, b.kind, b.body));
        return c.json({ id }, 201);
      },
    )
    .get(
      "/workspaces/:workspace_id/lead-stages",
      describeRoute({
        summary: "List lead stages",
        tags: ["leads"],
        operationId: "listLeadStages",
        security: "any",
        description:
          "The workspace's pipeline stages in order, and which are closed (won, lost). Sales staff and API keys with the `leads` scope may read them.",
        responses: { 200: { description: "The stages", schema: stagesSchema } },
      }),
      validate("param", wsParam),
      async (c) => {
        const a = await sales(c, c.req.valid("param").workspace_id);
        return c.json({ items: await withWorkspace(deps.db, a.workspaceId, (tx) => listStages(tx, a.workspaceId)) });
      },
    )
    .put(
      "/workspaces/:workspace_id/lead-stages",
      describeRoute({
        summary: "Replace the lead stages",
        tags: ["leads"],
        operationId: "replaceLeadStages",
        security: "session",
        description:
          "Owners and admins replace the pipeline (2 to 20 stages, unique lower_snake_case keys). A stage that still holds leads cannot be removed (400 naming them).",
        requestExample: {
          items: [
            { key: "new", label: "New" },
            { key: "won", label: "Won", closed: true },
          ],
        },
        responses: { 200: { description: "The stages after the change", schema: stagesSchema } },
      }),
      validate("param", wsParam),
      validate("json", updateStagesRequestSchema),
      async (c) => {
        const a = await requireWorkspace(deps, c, c.req.valid("param").workspace_id, { roles: ADMIN_ROLES });
        return c.json({ items: await withWorkspace(deps.db, a.workspaceId, (tx) => replaceStages(tx, a.workspaceId, c.req.valid("json").items)) });
      },
    );
}
