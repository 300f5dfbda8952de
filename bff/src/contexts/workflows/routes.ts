/** Workflow routes so far: the list (the engine issue adds create, publish, run). */
import { Hono } from "hono";
import { and, desc, eq } from "drizzle-orm";
import { z } from "zod";
import type { AppEnv, Deps } from "../../lib/http";
import { validate } from "../../lib/validate";
import { withWorkspace } from "../../db/tenant";
import { after, pageOf, PAGE_SIZE } from "../../lib/keyset";
import { DEVELOPER_ROLES, requireWorkspace } from "../identity/guards";
import { workflows } from "./schema";

const wsParam = z.object({ workspace_id: z.string() });
const cursorQuery = z.object({ cursor: z.string().max(200).optional() });

export function workflowsRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .get("/workspaces/:workspace_id/workflows", validate("param", wsParam), validate("query", cursorQuery), async (c) => {
      const a = await requireWorkspace(deps, c, c.req.valid("param").workspace_id, { roles: DEVELOPER_ROLES, scope: "workflows" });
      const rows = await withWorkspace(deps.db, a.workspaceId, (tx) =>
        tx.select().from(workflows).where(and(eq(workflows.workspaceId, a.workspaceId), after(workflows.updatedAt, workflows.id, c.req.valid("query").cursor)))
          .orderBy(desc(workflows.updatedAt), desc(workflows.id)).limit(PAGE_SIZE + 1));
      return c.json(pageOf(rows, PAGE_SIZE, (r) => r.updatedAt, (r) => ({ id: r.id, name: r.name, status: r.status, version: r.version, updated_at: r.updatedAt.toISOString() })));
    });
}
