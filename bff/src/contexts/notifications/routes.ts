/** Notification routes so far: the caller's inbox list (theirs plus workspace-wide ones). */
import { Hono } from "hono";
import { and, desc, eq, isNull, or } from "drizzle-orm";
import { z } from "zod";
import type { AppEnv, Deps } from "../../lib/http";
import { validate } from "../../lib/validate";
import { withWorkspace } from "../../db/tenant";
import { after, pageOf, PAGE_SIZE } from "../../lib/keyset";
import { ALL_ROLES, requireWorkspace } from "../identity/guards";
import { notifications } from "./schema";

const wsParam = z.object({ workspace_id: z.string() });
const cursorQuery = z.object({ cursor: z.string().max(200).optional() });

export function notificationsRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .get("/workspaces/:workspace_id/notifications", validate("param", wsParam), validate("query", cursorQuery), async (c) => {
      const a = await requireWorkspace(deps, c, c.req.valid("param").workspace_id, { roles: ALL_ROLES });
      const p = a.principal;
      const mine = p.kind === "user" ? or(isNull(notifications.userId), eq(notifications.userId, p.userId)) : undefined;
      const rows = await withWorkspace(deps.db, a.workspaceId, (tx) =>
        tx.select().from(notifications).where(and(eq(notifications.workspaceId, a.workspaceId), mine, after(notifications.createdAt, notifications.id, c.req.valid("query").cursor)))
          .orderBy(desc(notifications.createdAt), desc(notifications.id)).limit(PAGE_SIZE + 1));
      return c.json(pageOf(rows, PAGE_SIZE, (r) => r.createdAt, (r) => ({
        id: r.id, title: r.title, message: r.message, priority: r.priority,
        read_at: r.readAt?.toISOString() ?? null, acknowledged_at: r.acknowledgedAt?.toISOString() ?? null, created_at: r.createdAt.toISOString(),
      })));
    });
}
