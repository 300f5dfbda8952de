/**
 * Routes of a workspace's own records (issue 16 parts 3–4, decision 033): `GET/PUT
 * /projects/me` (seed 003 §5.2, API key or member), the workspace's audit log and its CSV
 * export (owners and admins), the daily usage history (members), and the uploaded logo (owners
 * and admins upload or remove it; anyone reads it at the path its branding names).
 */
import { Hono } from "hono";
import { stream } from "hono/streaming";
import { z } from "zod";
import { updateProjectRequestSchema, usageHistoryQuerySchema, workspaceAuditQuerySchema, type WorkspaceRole } from "@nhood/contracts";
import type { AppContext, AppEnv, Deps } from "../../lib/http";
import { validate } from "../../lib/validate";
import { describeRoute } from "../../lib/describe";
import { withWorkspace } from "../../db/tenant";
import { NotFound, ValidationFailed } from "../../lib/errors";
import { csvRow } from "../../kernel/csv";
import { recordDomainEvent } from "../../kernel/events";
import { ADMIN_ROLES, ALL_ROLES, requireWorkspace, unauthorizedFor } from "../identity";
import * as docs from "./route-docs-records";
import { assertOwnLogoPath, deleteLogo, readLogo, uploadLogo } from "./logos";
import { allWorkspaceAudit, getProject, listWorkspaceAudit, updateProject } from "./records";
import { readUsageHistory } from "./usage-history";

const wsParam = z.object({ workspace_id: z.uuid() });
const logoParam = z.object({ workspace_id: z.uuid(), file: z.string().regex(/^[0-9a-f]{16}\.(png|webp|svg)$/) });
const exportQuery = workspaceAuditQuerySchema.omit({ cursor: true, limit: true });
const AUDIT_COLUMNS = ["occurred_at", "action", "actor_kind", "actor_id", "actor_name", "subject_id", "ip", "detail"] as const;
/** SVG logos: nothing runs and nothing loads, even when the file is opened on its own */
const SVG_CSP = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

export function recordsRoutes(deps: Deps) {
  const { db } = deps;
  /** the caller's own workspace: an API key's, or a signed-in member's active one */
  const own = (c: AppContext, roles: readonly WorkspaceRole[]) => {
    const p = c.get("principal");
    if (p.kind === "anonymous") throw unauthorizedFor(p);
    const ws = p.kind === "user" ? p.activeWorkspaceId : p.workspaceId;
    if (!ws) throw new NotFound("active workspace; switch to a workspace first");
    return requireWorkspace(deps, c, ws, { roles, scope: "events" });
  };
  return new Hono<AppEnv>()
    .get("/projects/me", describeRoute(docs.getProject), async (c) => {
      const a = await own(c, ALL_ROLES);
      return c.json(await withWorkspace(db, a.workspaceId, (tx) => getProject(tx, a.workspaceId)));
    })
    .put("/projects/me", describeRoute(docs.updateProject), validate("json", updateProjectRequestSchema), async (c) => {
      const a = await own(c, ADMIN_ROLES);
      const input = c.req.valid("json");
      assertOwnLogoPath(a.workspaceId, input.logo_url);
      return c.json(await withWorkspace(db, a.workspaceId, (tx) => updateProject(tx, a.workspaceId, input)));
    })
    .get(
      "/workspaces/:workspace_id/audit",
      describeRoute(docs.listAudit),
      validate("param", wsParam),
      validate("query", workspaceAuditQuerySchema),
      async (c) => {
        const a = await requireWorkspace(deps, c, c.req.valid("param").workspace_id, { roles: ADMIN_ROLES });
        const { cursor, limit, ...filter } = c.req.valid("query");
        return c.json(await listWorkspaceAudit(db, a.workspaceId, filter, cursor, limit));
      },
    )
    .get("/workspaces/:workspace_id/audit/export", describeRoute(docs.exportAudit), validate("param", wsParam), validate("query", exportQuery), async (c) => {
      const a = await requireWorkspace(deps, c, c.req.valid("param").workspace_id, { roles: ADMIN_ROLES });
      const filter = c.req.valid("query");
      await recordDomainEvent(db, { workspaceId: a.workspaceId, type: "audit.exported", payload: { format: "csv", filter } });
      const stamp = new Date().toISOString().replace(/[:.]/g, "-");
      c.header("content-type", "text/csv; charset=utf-8");
      c.header("content-disposition", `attachment; filename="audit-${stamp}.csv"`);
      c.header("cache-control", "no-store");
      return stream(c, async (out) => {
        await out.write(csvRow([...AUDIT_COLUMNS]));
        for await (const e of allWorkspaceAudit(db, a.workspaceId, filter)) await out.write(csvRow(AUDIT_COLUMNS.map((k) => e[k])));
      });
    })
    .get(
      "/workspaces/:workspace_id/usage/history",
      describeRoute(docs.usageHistory),
      validate("param", wsParam),
      validate("query", usageHistoryQuerySchema),
      async (c) => {
        const a = await requireWorkspace(deps, c, c.req.valid("param").workspace_id, { roles: ALL_ROLES });
        return c.json(await withWorkspace(db, a.workspaceId, (tx) => readUsageHistory(tx, a.workspaceId, c.req.valid("query").days)));
      },
    )
    .put("/workspaces/:workspace_id/branding/logo", describeRoute(docs.uploadLogo), validate("param", wsParam), async (c) => {
      const a = await requireWorkspace(deps, c, c.req.valid("param").workspace_id, { roles: ADMIN_ROLES });
      let bytes: Buffer;
      if ((c.req.header("content-type") ?? "").startsWith("multipart/form-data")) {
        const file = (await c.req.parseBody()).file;
        if (!(file instanceof File)) throw new ValidationFailed([{ pointer: "#/file", detail: "required: a PNG, WebP or SVG image" }]);
        bytes = Buffer.from(await file.arrayBuffer());
      } else {
        bytes = Buffer.from(await c.req.arrayBuffer());
      }
      return c.json(await withWorkspace(db, a.workspaceId, (tx) => uploadLogo(tx, a.workspaceId, bytes)));
    })
    .delete("/workspaces/:workspace_id/branding/logo", describeRoute(docs.deleteLogo), validate("param", wsParam), async (c) => {
      const a = await requireWorkspace(deps, c, c.req.valid("param").workspace_id, { roles: ADMIN_ROLES });
      return c.json(await withWorkspace(db, a.workspaceId, (tx) => deleteLogo(tx, a.workspaceId)));
    })
    .get("/logos/:workspace_id/:file", describeRoute(docs.getLogo), validate("param", logoParam), async (c) => {
      const { workspace_id, file } = c.req.valid("param");
      const logo = await withWorkspace(db, workspace_id, (tx) => readLogo(tx, workspace_id, file));
      if (!logo) throw new NotFound("logo");
      const headers: Record<string, string> = {
        "content-type": logo.contentType,
        "cache-control": "public, max-age=31536000, immutable",
        etag: `"${logo.sha256.slice(0, 32)}"`,
        "x-content-type-options": "nosniff",
        "cross-origin-resource-policy": "cross-origin",
      };
      if (logo.contentType === "image/svg+xml") headers["content-security-policy"] = SVG_CSP;
      return c.body(new Uint8Array(logo.bytes), 200, headers);
    });
}
