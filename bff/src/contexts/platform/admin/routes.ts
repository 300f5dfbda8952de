/**
 * Admin routes (platform staff, `/api/v1/admin/*`). Each handler checks the staff role first
 * (roles.ts; 401 anonymous, 403 anyone else) and then reads across workspaces through the
 * platform scope. The workspace list itself is GET /admin/workspaces in the tenancy context.
 */
import { Hono } from "hono";
import { stream } from "hono/streaming";
import { z } from "zod";
import {
  adminCreateWorkspaceRequestSchema,
  auditQuerySchema,
  changePlanRequestSchema,
  createStaffRequestSchema,
  suspendWorkspaceRequestSchema,
  updatePlanRequestSchema,
  updateStaffRequestSchema,
  auditEntrySchema,
  createWorkspaceResponseSchema,
  page,
  planDefinitionSchema,
  planListSchema,
  platformMetricsSchema,
  staffListSchema,
  staffMemberSchema,
  workspaceDetailSchema,
} from "@nhood/contracts";
import type { AppEnv, Deps } from "../../../lib/http";
import { validate } from "../../../lib/validate";
import { describeRoute } from "../../../lib/describe";
import { requirePlatformRole } from "../../identity";
import { recordDomainEvent } from "../../../kernel/events";
import { OPERATIONS_READERS, PLAN_EDITORS, SUPER_ADMIN, WORKSPACE_READERS } from "./roles";
import { changeWorkspacePlan, createWorkspaceAsStaff, deleteWorkspace, getWorkspaceDetail, reactivateWorkspace, suspendWorkspace } from "../../tenancy";
import { listPlans, updatePlan } from "../../tenancy";
import { createStaff, listStaff, updateStaff } from "../../identity";
import { platformMetrics } from "./metrics";
import { allAudit, listAudit } from "./audit-log";
import { csvRow } from "../../../kernel/csv";

const wsParam = z.object({ workspace_id: z.uuid() });
const planParam = z.object({ plan_id: z.string().min(1).max(40) });
const staffParam = z.object({ user_id: z.uuid() });
const metricsQuery = z.object({ days: z.coerce.number().int().min(1).max(90).default(14) });
const exportQuery = auditQuerySchema.omit({ cursor: true, limit: true }).extend({ format: z.enum(["csv", "json"]).default("csv") });
const AUDIT_COLUMNS = ["occurred_at", "workspace_id", "workspace_name", "action", "actor_kind", "actor_id", "subject_id", "ip", "detail"] as const;

export function adminRoutes(deps: Deps) {
  const { db } = deps;
  return new Hono<AppEnv>()
    .post(
      "/admin/workspaces",
      describeRoute({
        summary: "Create a workspace with its owner",
        tags: ["admin"],
        operationId: "adminCreateWorkspace",
        security: "session",
        description:
          "A `super_admin` creates a workspace on a plan, with its owner (a new account with this initial password; an e-mail already registered is a 409) and a first API key, shown this once. An unknown plan is a 400.",
        requestExample: { name: "Globex", owner_email: "owner@globex.example", owner_password: "a long initial password", plan: "starter" },
        responses: { 201: { description: "The new workspace, its API key and webhook secret", schema: createWorkspaceResponseSchema } },
        errors: [400, 401, 403, 409, 429],
      }),
      validate("json", adminCreateWorkspaceRequestSchema),
      async (c) => {
        await requirePlatformRole(deps, c, SUPER_ADMIN);
        return c.json(await createWorkspaceAsStaff(db, c.req.valid("json")), 201);
      },
    )
    .get(
      "/admin/workspaces/:workspace_id",
      describeRoute({
        summary: "Read a workspace (platform staff)",
        tags: ["admin"],
        operationId: "adminGetWorkspace",
        security: "session",
        description:
          "Platform staff (any platform role) read a workspace with its plan, status, deletion and purge dates, members and usage against its quotas this period.",
        responses: { 200: { description: "The workspace", schema: workspaceDetailSchema } },
      }),
      validate("param", wsParam),
      async (c) => {
        await requirePlatformRole(deps, c, WORKSPACE_READERS);
        return c.json(await getWorkspaceDetail(db, c.req.valid("param").workspace_id));
      },
    )
    .put(
      "/admin/workspaces/:workspace_id/plan",
      describeRoute({
        summary: "Change a workspace's plan",
        tags: ["admin"],
        operationId: "adminChangePlan",
        security: "session",
        description: "A `super_admin` or `billing` staff member moves a workspace to another plan; its quotas change at once. An unknown plan is a 400.",
        requestExample: { plan: "professional" },
        responses: { 200: { description: "The workspace after the change", schema: workspaceDetailSchema } },
      }),
      validate("param", wsParam),
      validate("json", changePlanRequestSchema),
      async (c) => {
        await requirePlatformRole(deps, c, PLAN_EDITORS);
        return c.json(await changeWorkspacePlan(db, c.req.valid("param").workspace_id, c.req.valid("json").plan));
      },
    )
    .post(
      "/admin/workspaces/:workspace_id/suspend",
      describeRoute({
        summary: "Suspend a workspace",
        tags: ["admin"],
        operationId: "adminSuspendWorkspace",
        security: "session",
        description:
          "A `super_admin` suspends an active workspace: its API keys, webhooks and members' sign-ins are refused at once; its data is kept. The reason goes to the audit log. A workspace that is not active is a 409.",
        requestExample: { reason: "unpaid invoices" },
        responses: { 200: { description: "The workspace after the change", schema: workspaceDetailSchema } },
        errors: [400, 401, 403, 404, 409, 429],
      }),
      validate("param", wsParam),
      validate("json", suspendWorkspaceRequestSchema),
      async (c) => {
        await requirePlatformRole(deps, c, SUPER_ADMIN);
        return c.json(await suspendWorkspace(db, c.req.valid("param").workspace_id, c.req.valid("json").reason));
      },
    )
    .post(
      "/admin/workspaces/:workspace_id/reactivate",
      describeRoute({
        summary: "Reactivate a workspace",
        tags: ["admin"],
        operationId: "adminReactivateWorkspace",
        security: "session",
        description: "A `super_admin` reactivates a suspended workspace, or restores a soft-deleted one before its purge date. An active workspace is a 409.",
        responses: { 200: { description: "The workspace after the change", schema: workspaceDetailSchema } },
        errors: [400, 401, 403, 404, 409, 429],
      }),
      validate("param", wsParam),
      async (c) => {
        await requirePlatformRole(deps, c, SUPER_ADMIN);
        return c.json(await reactivateWorkspace(db, c.req.valid("param").workspace_id));
      },
    )
    .delete(
      "/admin/workspaces/:workspace_id",
      describeRoute({
        summary: "Delete a workspace",
        tags: ["admin"],
        operationId: "adminDeleteWorkspace",
        security: "session",
        description:
          "A `super_admin` soft-deletes a workspace: it stops working at once and its data is purged at `purge_at` unless it is reactivated first. Deleting twice is a 409.",
        responses: { 200: { description: "The workspace, with its deletion and purge dates", schema: workspaceDetailSchema } },
        errors: [400, 401, 403, 404, 409, 429],
      }),
      validate("param", wsParam),
      async (c) => {
        await requirePlatformRole(deps, c, SUPER_ADMIN);
        return c.json(await deleteWorkspace(db, c.req.valid("param").workspace_id));
      },
    )
    .get(
      "/admin/plans",
      describeRoute({
        summary: "List plans",
        tags: ["admin"],
        operationId: "adminListPlans",
        security: "session",
        description: "Platform staff (any platform role) see every plan tier with its quotas (null = unlimited), price and how many workspaces are on it.",
        responses: { 200: { description: "The plans", schema: planListSchema } },
        errors: [401, 403, 429],
      }),
      async (c) => {
        await requirePlatformRole(deps, c, WORKSPACE_READERS);
        return c.json({ items: await listPlans(db) });
      },
    )
    .patch(
      "/admin/plans/:plan_id",
      describeRoute({
        summary: "Change a plan's quotas",
        tags: ["admin"],
        operationId: "adminUpdatePlan",
        security: "session",
        description:
          "A `super_admin` or `billing` staff member changes the given fields of a plan (null quota = unlimited); every workspace on it gets the new quotas at once.",
        requestExample: { events_per_month: 100000, webhooks: true },
        responses: { 200: { description: "The plan after the change", schema: planDefinitionSchema } },
      }),
      validate("param", planParam),
      validate("json", updatePlanRequestSchema),
      async (c) => {
        await requirePlatformRole(deps, c, PLAN_EDITORS);
        return c.json(await updatePlan(db, c.req.valid("param").plan_id, c.req.valid("json")));
      },
    )
    .get(
      "/admin/staff",
      describeRoute({
        summary: "List platform staff",
        tags: ["admin"],
        operationId: "adminListStaff",
        security: "session",
        description: "`super_admin` and `support` staff see every platform staff account with its role and whether it is disabled.",
        responses: { 200: { description: "The staff accounts", schema: staffListSchema } },
        errors: [401, 403, 429],
      }),
      async (c) => {
        await requirePlatformRole(deps, c, OPERATIONS_READERS);
        return c.json({ items: await listStaff(db) });
      },
    )
    .post(
      "/admin/staff",
      describeRoute({
        summary: "Create a staff account",
        tags: ["admin"],
        operationId: "adminCreateStaff",
        security: "session",
        description:
          "A `super_admin` creates a platform staff account with a platform role and an initial password handed over out of band. An e-mail already registered is a 409.",
        requestExample: { email: "support@neighbourhood.example", name: "Sam Support", platform_role: "support", password: "a long initial password" },
        responses: { 201: { description: "The new staff account", schema: staffMemberSchema } },
        errors: [400, 401, 403, 409, 429],
      }),
      validate("json", createStaffRequestSchema),
      async (c) => {
        await requirePlatformRole(deps, c, SUPER_ADMIN);
        return c.json(await createStaff(db, c.req.valid("json")), 201);
      },
    )
    .patch(
      "/admin/staff/:user_id",
      describeRoute({
        summary: "Change a staff account",
        tags: ["admin"],
        operationId: "adminUpdateStaff",
        security: "session",
        description:
          "A `super_admin` changes a staff member's platform role or disables the account. Demoting or disabling the last `super_admin`, or disabling oneself, is a 409.",
        requestExample: { disabled: true },
        responses: { 200: { description: "The staff account after the change", schema: staffMemberSchema } },
        errors: [400, 401, 403, 404, 409, 429],
      }),
      validate("param", staffParam),
      validate("json", updateStaffRequestSchema),
      async (c) => {
        const me = await requirePlatformRole(deps, c, SUPER_ADMIN);
        return c.json(await updateStaff(db, me.userId, c.req.valid("param").user_id, c.req.valid("json")));
      },
    )
    .get(
      "/admin/metrics",
      describeRoute({
        summary: "Read platform metrics",
        tags: ["admin"],
        operationId: "adminGetMetrics",
        security: "session",
        description:
          "`super_admin` and `support` staff read daily series over the last `days` days (UTC, 1 to 90): workspaces created, executions and their success rate, events, notifications, webhook success rate and token refresh failures.",
        responses: { 200: { description: "The metrics", schema: platformMetricsSchema } },
        errors: [400, 401, 403, 429],
      }),
      validate("query", metricsQuery),
      async (c) => {
        await requirePlatformRole(deps, c, OPERATIONS_READERS);
        return c.json(await platformMetrics(db, c.req.valid("query").days));
      },
    )
    .get(
      "/admin/audit",
      describeRoute({
        summary: "Search the audit log",
        tags: ["admin"],
        operationId: "adminListAudit",
        security: "session",
        description:
          "`super_admin` and `support` staff search the audit log across workspaces by workspace, actor, action and time range, newest first; pass `next_cursor` back as `cursor`.",
        responses: { 200: { description: "A page of audit entries", schema: page(auditEntrySchema) } },
        errors: [400, 401, 403, 429],
      }),
      validate("query", auditQuerySchema),
      async (c) => {
        await requirePlatformRole(deps, c, OPERATIONS_READERS);
        const { cursor, limit, ...filter } = c.req.valid("query");
        return c.json(await listAudit(db, filter, cursor, limit));
      },
    )
    .get(
      "/admin/audit/export",
      describeRoute({
        summary: "Export the audit log",
        tags: ["admin"],
        operationId: "adminExportAudit",
        security: "session",
        description:
          "`super_admin` and `support` staff download every audit entry matching the filter as CSV (default) or, with `format=json`, as a JSON array of audit entries, streamed. The export itself is audited.",
        responses: {
          200: {
            description: "The entries (a file download)",
            contentType: "text/csv",
            headers: { "Content-Disposition": 'attachment; filename="audit-<time>.csv"' },
          },
        },
        errors: [400, 401, 403, 429],
      }),
      validate("query", exportQuery),
      async (c) => {
        await requirePlatformRole(deps, c, OPERATIONS_READERS);
        const { format, ...filter } = c.req.valid("query");
        await recordDomainEvent(db, { workspaceId: null, type: "audit.exported", payload: { format, filter } });
        const stamp = new Date().toISOString().replace(/[:.]/g, "-");
        c.header("content-type", format === "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8");
        c.header("content-disposition", `attachment; filename="audit-${stamp}.${format}"`);
        c.header("cache-control", "no-store");
        return stream(c, async (out) => {
          let first = true;
          await out.write(format === "csv" ? csvRow([...AUDIT_COLUMNS]) : "[");
          for await (const e of allAudit(db, filter)) {
            await out.write(format === "csv" ? csvRow(AUDIT_COLUMNS.map((k) => e[k])) : `${first ? "" : ","}\n${JSON.stringify(e)}`);
            first = false;
          }
          if (format === "json") await out.write("\n]\n");
        });
      },
    );
}
