/**
 * Admin routes (platform staff, `/api/v1/admin/*`). Each handler checks the staff role first
 * (roles.ts; 401 anonymous, 403 anyone else) and then reads across workspaces through the
 * platform scope. The workspace list itself is GET /admin/workspaces in the tenancy context.
 */
import { Hono } from "hono";
import { stream } from "hono/streaming";
import { z } from "zod";
import {
  adminCreateWorkspaceRequestSchema, auditQuerySchema, changePlanRequestSchema, createStaffRequestSchema,
  suspendWorkspaceRequestSchema, updatePlanRequestSchema, updateStaffRequestSchema,
} from "@nhood/contracts";
import type { AppEnv, Deps } from "../../../lib/http";
import { validate } from "../../../lib/validate";
import { requirePlatformRole } from "../../identity/guards";
import { recordDomainEvent } from "../../../kernel/events";
import { OPERATIONS_READERS, PLAN_EDITORS, SUPER_ADMIN, WORKSPACE_READERS } from "./roles";
import {
  changeWorkspacePlan, createWorkspaceAsStaff, deleteWorkspace, getWorkspaceDetail, reactivateWorkspace, suspendWorkspace,
} from "./workspaces";
import { listPlans, updatePlan } from "./plans";
import { createStaff, listStaff, updateStaff } from "./staff";
import { platformMetrics } from "./metrics";
import { allAudit, listAudit } from "./audit-log";
import { csvRow } from "./csv";

const wsParam = z.object({ workspace_id: z.uuid() });
const planParam = z.object({ plan_id: z.string().min(1).max(40) });
const staffParam = z.object({ user_id: z.uuid() });
const metricsQuery = z.object({ days: z.coerce.number().int().min(1).max(90).default(14) });
const exportQuery = auditQuerySchema.omit({ cursor: true, limit: true }).extend({ format: z.enum(["csv", "json"]).default("csv") });
const AUDIT_COLUMNS = ["occurred_at", "workspace_id", "workspace_name", "action", "actor_kind", "actor_id", "subject_id", "ip", "detail"] as const;

export function adminRoutes(deps: Deps) {
  const { db } = deps;
  return new Hono<AppEnv>()
    .post("/admin/workspaces", validate("json", adminCreateWorkspaceRequestSchema), async (c) => {
      await requirePlatformRole(deps, c, SUPER_ADMIN);
      return c.json(await createWorkspaceAsStaff(db, c.req.valid("json")), 201);
    })
    .get("/admin/workspaces/:workspace_id", validate("param", wsParam), async (c) => {
      await requirePlatformRole(deps, c, WORKSPACE_READERS);
      return c.json(await getWorkspaceDetail(db, c.req.valid("param").workspace_id));
    })
    .put("/admin/workspaces/:workspace_id/plan", validate("param", wsParam), validate("json", changePlanRequestSchema), async (c) => {
      await requirePlatformRole(deps, c, PLAN_EDITORS);
      return c.json(await changeWorkspacePlan(db, c.req.valid("param").workspace_id, c.req.valid("json").plan));
    })
    .post("/admin/workspaces/:workspace_id/suspend", validate("param", wsParam), validate("json", suspendWorkspaceRequestSchema), async (c) => {
      await requirePlatformRole(deps, c, SUPER_ADMIN);
      return c.json(await suspendWorkspace(db, c.req.valid("param").workspace_id, c.req.valid("json").reason));
    })
    .post("/admin/workspaces/:workspace_id/reactivate", validate("param", wsParam), async (c) => {
      await requirePlatformRole(deps, c, SUPER_ADMIN);
      return c.json(await reactivateWorkspace(db, c.req.valid("param").workspace_id));
    })
    .delete("/admin/workspaces/:workspace_id", validate("param", wsParam), async (c) => {
      await requirePlatformRole(deps, c, SUPER_ADMIN);
      return c.json(await deleteWorkspace(db, c.req.valid("param").workspace_id));
    })
    .get("/admin/plans", async (c) => {
      await requirePlatformRole(deps, c, WORKSPACE_READERS);
      return c.json({ items: await listPlans(db) });
    })
    .patch("/admin/plans/:plan_id", validate("param", planParam), validate("json", updatePlanRequestSchema), async (c) => {
      await requirePlatformRole(deps, c, PLAN_EDITORS);
      return c.json(await updatePlan(db, c.req.valid("param").plan_id, c.req.valid("json")));
    })
    .get("/admin/staff", async (c) => {
      await requirePlatformRole(deps, c, OPERATIONS_READERS);
      return c.json({ items: await listStaff(db) });
    })
    .post("/admin/staff", validate("json", createStaffRequestSchema), async (c) => {
      await requirePlatformRole(deps, c, SUPER_ADMIN);
      return c.json(await createStaff(db, c.req.valid("json")), 201);
    })
    .patch("/admin/staff/:user_id", validate("param", staffParam), validate("json", updateStaffRequestSchema), async (c) => {
      const me = await requirePlatformRole(deps, c, SUPER_ADMIN);
      return c.json(await updateStaff(db, me.userId, c.req.valid("param").user_id, c.req.valid("json")));
    })
    .get("/admin/metrics", validate("query", metricsQuery), async (c) => {
      await requirePlatformRole(deps, c, OPERATIONS_READERS);
      return c.json(await platformMetrics(db, c.req.valid("query").days));
    })
    .get("/admin/audit", validate("query", auditQuerySchema), async (c) => {
      await requirePlatformRole(deps, c, OPERATIONS_READERS);
      const { cursor, limit, ...filter } = c.req.valid("query");
      return c.json(await listAudit(db, filter, cursor, limit));
    })
    .get("/admin/audit/export", validate("query", exportQuery), async (c) => {
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
    });
}
