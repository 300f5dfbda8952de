/**
 * The client SDK's routes (issue 15 part 3, decision 027): what one signed end user of a
 * workspace does from the tenant's web or mobile app — register themself, list, count, read and
 * acknowledge their notifications, stream them in real time (SSE with Last-Event-ID resume),
 * read and set their preferences, the workspace's branding and sounds. Callers authenticate with
 * the publishable key and the user's signature (identity's `requireClientUser`); every read is
 * scoped to that workspace and that user, so another workspace's key, hash or user finds nothing.
 * Also the example page's demo signer (`POST /examples/inbox/session`, demo workspace only).
 */
import { Hono } from "hono";
import { cors } from "hono/cors";
import { z } from "zod";
import { clientNotificationIdParamSchema, clientRegisterRequestSchema, DEMO_INBOX_ROLE, demoInboxSessionRequestSchema } from "@nhood/contracts/client-sdk";
import { notificationPreferencesUpdateSchema } from "@nhood/contracts/users";
import type { AppContext, AppEnv, Deps } from "../../lib/http";
import type { Tx } from "../../db/client";
import { validate } from "../../lib/validate";
import { withWorkspace } from "../../db/tenant";
import { NotFound } from "../../lib/errors";
import { after, pageOf, PAGE_SIZE } from "../../lib/keyset";
import { describeRoute } from "../../lib/describe";
import { requestContext } from "../../lib/request-context";
import { computeUserHash, demoClientKeys, requireClientUser, type ClientPrincipal } from "../identity";
import { getBranding } from "../tenancy";
import { endUserByExternalId } from "../integrations";
import { notifications } from "./schema";
import { listInbox, markNotification, toInbox, unreadCount } from "./inbox";
import { parseLastEventId, streamInbox } from "./stream";
import { getPreferences, savePreferences } from "./preferences";
import { soundFile } from "./sounds";
import { registerClientUser } from "./client-register";
import * as docs from "./route-docs-client-sdk";

const inboxQuery = z.object({
  cursor: z.string().max(200).optional(),
  filter: z.enum(["inbox", "unread", "archived", "all"]).default("inbox"),
});

/** The paths a tenant's app calls from another origin: CORS without cookies (the credentials are headers). */
const SDK_PATHS = ["/client/users", "/client/notifications", "/client/notifications/*", "/client/preferences", "/client/theme", "/client/sounds/*"];
const sdkCors = cors({
  origin: "*",
  allowMethods: ["GET", "POST", "PUT"],
  allowHeaders: ["authorization", "content-type", "last-event-id", "x-nhood-workspace", "x-nhood-user", "x-nhood-user-hash"],
  maxAge: 600,
});

export function clientSdkRoutes(deps: Deps) {
  const { db } = deps;
  const asClient = async <T>(c: AppContext, fn: (tx: Tx, ws: string, p: ClientPrincipal) => Promise<T>) => {
    const p = await requireClientUser(deps, c);
    return withWorkspace(db, p.workspaceId, (tx) => fn(tx, p.workspaceId, p));
  };
  /** The signed user's end-user id (registered, not disabled), else 404; the audit actor becomes them. */
  const asUser = <T>(c: AppContext, fn: (tx: Tx, ws: string, endUserId: string) => Promise<T>) =>
    asClient(c, async (tx, ws, p) => {
      const u = await endUserByExternalId(tx, ws, p.externalUserId);
      if (!u) throw new NotFound("user (register with POST /api/v1/client/users first)");
      const facts = requestContext.getStore();
      if (facts) facts.actor = { kind: "end_user", id: u.id };
      return fn(tx, ws, u.id);
    });
  const app = new Hono<AppEnv>();
  for (const p of SDK_PATHS) app.use(p, sdkCors);
  return app
    .post("/client/users", describeRoute(docs.registerClientUser), validate("json", clientRegisterRequestSchema), async (c) => {
      const body = c.req.valid("json");
      const user = await asClient(c, (tx, ws, p) => registerClientUser(tx, ws, p.externalUserId, body));
      return c.json(user, user.created ? 201 : 200);
    })
    .get("/client/notifications", describeRoute(docs.listClientNotifications), validate("query", inboxQuery), async (c) => {
      const { cursor, filter } = c.req.valid("query");
      const rows = await asUser(c, (tx, ws, eu) =>
        listInbox(tx, ws, { endUserId: eu }, filter, after(notifications.createdAt, notifications.id, cursor), PAGE_SIZE + 1),
      );
      return c.json(pageOf(rows, PAGE_SIZE, (r) => r.createdAt, toInbox));
    })
    .get("/client/notifications/unread-count", describeRoute(docs.countClientUnread), async (c) =>
      c.json({ unread: await asUser(c, (tx, ws, eu) => unreadCount(tx, ws, { endUserId: eu })) }),
    )
    .get("/client/notifications/stream", describeRoute(docs.streamClientNotifications), async (c) => {
      const { ws, eu } = await asUser(c, async (_tx, ws, eu) => ({ ws, eu }));
      return streamInbox(deps, c, ws, { endUserId: eu }, parseLastEventId(c.req.header("last-event-id")));
    })
    .post("/client/notifications/:id/read", describeRoute(docs.readClientNotification), validate("param", clientNotificationIdParamSchema), async (c) =>
      c.json(toInbox(await asUser(c, (tx, ws, eu) => markNotification(tx, ws, { endUserId: eu }, c.req.valid("param").id, "read")))),
    )
    .post(
      "/client/notifications/:id/acknowledge",
      describeRoute(docs.acknowledgeClientNotification),
      validate("param", clientNotificationIdParamSchema),
      async (c) => c.json(toInbox(await asUser(c, (tx, ws, eu) => markNotification(tx, ws, { endUserId: eu }, c.req.valid("param").id, "acknowledge")))),
    )
    .get("/client/preferences", describeRoute(docs.getClientPreferences), async (c) => c.json(await asUser(c, (tx, ws, eu) => getPreferences(tx, ws, eu))))
    .put("/client/preferences", describeRoute(docs.setClientPreferences), validate("json", notificationPreferencesUpdateSchema), async (c) => {
      const patch = c.req.valid("json");
      return c.json(await asUser(c, (tx, ws, eu) => savePreferences(tx, ws, eu, patch)));
    })
    .get("/client/theme", describeRoute(docs.getClientBranding), async (c) => {
      const b = await asClient(c, (tx, ws) => getBranding(tx, ws));
      return c.json({ display_name: b.display_name, logo_url: b.logo_url, primary_color: b.primary_color });
    })
    .get("/client/sounds/:id", describeRoute(docs.getClientSound), validate("param", clientNotificationIdParamSchema), async (c) => {
      const s = await asClient(c, (tx, ws) => soundFile(tx, ws, c.req.valid("param").id));
      return c.body(new Uint8Array(s.data), 200, {
        "content-type": s.mimeType,
        "cache-control": "private, max-age=86400",
        "x-content-type-options": "nosniff",
      });
    })
    .post("/examples/inbox/session", describeRoute(docs.createDemoInboxSession), validate("json", demoInboxSessionRequestSchema), async (c) => {
      const keys = await demoClientKeys(db);
      if (!keys) throw new NotFound("demo workspace");
      const { externalUserId } = c.req.valid("json");
      return c.json({
        workspace_id: keys.workspace_id,
        publishable_key: keys.publishable_key,
        external_user_id: externalUserId,
        user_hash: computeUserHash(keys.user_hash_secret, externalUserId),
        role: DEMO_INBOX_ROLE,
      });
    });
}
