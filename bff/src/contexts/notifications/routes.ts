/**
 * Notification routes: the workspace inbox list (`/workspaces/{id}/notifications`, the first
 * contract), the seed 003 §5.6 routes on the caller's workspace (list, get, read, acknowledge,
 * archive, unread count, statistics), the SSE stream, and the context's other route groups.
 */
import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv, Deps } from "../../lib/http";
import { validate } from "../../lib/validate";
import { withWorkspace } from "../../db/tenant";
import { after, pageOf, PAGE_SIZE } from "../../lib/keyset";
import { ALL_ROLES, requireWorkspace } from "../identity";
import { notifications } from "./schema";
import { memberUserId, requireOwnWorkspace } from "./access";
import { getNotification, listInbox, markNotification, notificationStats, toInbox, unreadCount } from "./inbox";
import { parseLastEventId, streamInbox } from "./stream";
import { eventRoutes } from "./event-routes";
import { ruleRoutes } from "./rule-routes";
import { soundRoutes } from "./sound-routes";
import { webhookRoutes } from "./webhook-routes";
import { usageRoutes } from "./usage-routes";
import { emailTemplateRoutes } from "./email-template-routes";
import { pushRoutes } from "./push-routes";
import { preferenceRoutes } from "./preference-routes";
import { clientSdkRoutes } from "./client-routes";
import { describeRoute } from "../../lib/describe";
import * as docs from "./route-docs";

const wsParam = z.object({ workspace_id: z.string() });
const idParam = z.object({ id: z.uuid() });
const cursorQuery = z.object({ cursor: z.string().max(200).optional() });
const inboxQuery = cursorQuery.extend({ filter: z.enum(["inbox", "unread", "archived", "all"]).default("inbox") });
const streamQuery = z.object({
  last_event_id: z
    .string()
    .regex(/^\d{1,18}$/)
    .optional(),
});
const inboxAccess = { roles: ALL_ROLES, scope: "events" } as const;

export function notificationsRoutes(deps: Deps) {
  const { db } = deps;
  const app = new Hono<AppEnv>()
    .get(
      "/workspaces/:workspace_id/notifications",
      describeRoute(docs.listWorkspaceNotifications),
      validate("param", wsParam),
      validate("query", cursorQuery),
      async (c) => {
        const a = await requireWorkspace(deps, c, c.req.valid("param").workspace_id, { roles: ALL_ROLES });
        const rows = await withWorkspace(db, a.workspaceId, (tx) =>
          listInbox(tx, a.workspaceId, memberUserId(a), "all", after(notifications.createdAt, notifications.id, c.req.valid("query").cursor), PAGE_SIZE + 1),
        );
        return c.json(
          pageOf(
            rows,
            PAGE_SIZE,
            (r) => r.createdAt,
            (r) => ({
              id: r.id,
              title: r.title,
              message: r.message,
              priority: r.priority,
              read_at: r.readAt?.toISOString() ?? null,
              acknowledged_at: r.acknowledgedAt?.toISOString() ?? null,
              created_at: r.createdAt.toISOString(),
            }),
          ),
        );
      },
    )
    .get("/notifications", describeRoute(docs.listInbox), validate("query", inboxQuery), async (c) => {
      const a = await requireOwnWorkspace(deps, c, inboxAccess);
      const { cursor, filter } = c.req.valid("query");
      const rows = await withWorkspace(db, a.workspaceId, (tx) =>
        listInbox(tx, a.workspaceId, memberUserId(a), filter, after(notifications.createdAt, notifications.id, cursor), PAGE_SIZE + 1),
      );
      return c.json(pageOf(rows, PAGE_SIZE, (r) => r.createdAt, toInbox));
    })
    .get("/notifications/unread-count", describeRoute(docs.countUnread), async (c) => {
      const a = await requireOwnWorkspace(deps, c, inboxAccess);
      return c.json({ unread: await withWorkspace(db, a.workspaceId, (tx) => unreadCount(tx, a.workspaceId, memberUserId(a))) });
    })
    .get("/notifications/stats", describeRoute(docs.notificationStats), async (c) => {
      const a = await requireOwnWorkspace(deps, c, inboxAccess);
      return c.json(
        await withWorkspace(db, a.workspaceId, async (tx) => ({
          days: await notificationStats(tx, a.workspaceId),
          unread: await unreadCount(tx, a.workspaceId, memberUserId(a)),
        })),
      );
    })
    .get("/notifications/stream", describeRoute(docs.streamNotifications), validate("query", streamQuery), async (c) => {
      const a = await requireOwnWorkspace(deps, c, inboxAccess);
      const last = parseLastEventId(c.req.header("last-event-id")) ?? parseLastEventId(c.req.valid("query").last_event_id);
      return streamInbox(deps, c, a.workspaceId, memberUserId(a), last);
    })
    .get("/notifications/:id", describeRoute(docs.getNotification), validate("param", idParam), async (c) => {
      const a = await requireOwnWorkspace(deps, c, inboxAccess);
      return c.json(toInbox(await withWorkspace(db, a.workspaceId, (tx) => getNotification(tx, a.workspaceId, memberUserId(a), c.req.valid("param").id))));
    })
    .route("/", eventRoutes(deps))
    .route("/", ruleRoutes(deps))
    .route("/", soundRoutes(deps))
    .route("/", webhookRoutes(deps))
    .route("/", usageRoutes(deps))
    .route("/", pushRoutes(deps))
    .route("/", preferenceRoutes(deps))
    .route("/", clientSdkRoutes(deps))
    .route("/", emailTemplateRoutes(deps));
  // seed 003 §5.6: PUT /notifications/{id}/acknowledge, plus read, archive and unarchive
  for (const action of ["read", "acknowledge", "archive", "unarchive"] as const) {
    app.put(`/notifications/:id/${action}`, describeRoute(docs.markNotification[action]), validate("param", idParam), async (c) => {
      const a = await requireOwnWorkspace(deps, c, inboxAccess);
      return c.json(
        toInbox(await withWorkspace(db, a.workspaceId, (tx) => markNotification(tx, a.workspaceId, memberUserId(a), c.req.valid("param").id, action))),
      );
    });
  }
  return app;
}
