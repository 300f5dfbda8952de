/**
 * Web Push for signed-in members: the workspace's VAPID public key, subscribe and unsubscribe a
 * browser. Mobile push credentials of a workspace (FCM, APNs; decision 026): read, set, clear.
 */
import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv, Deps } from "../../lib/http";
import { validate } from "../../lib/validate";
import { withWorkspace } from "../../db/tenant";
import type { Tx } from "../../db/client";
import { apnsCredentialsInputSchema, fcmCredentialsInputSchema } from "@nhood/contracts";
import { ALL_ROLES, DEVELOPER_ROLES, requireWorkspace } from "../identity";
import { memberUserId, requireOwnWorkspace } from "./access";
import { subscribePush, unsubscribePush, vapidPublicKey } from "./push";
import { describeRoute } from "../../lib/describe";
import * as docs from "./route-docs";
import * as pushDocs from "./route-docs-push";
import { clearPushCredentials, describePushCredentials, saveApnsCredentials, saveFcmCredentials } from "./push-mobile/credentials";

const b64url = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9_-]+=*$/, "base64url");
const subscriptionSchema = z.object({ endpoint: z.url({ protocol: /^https$/ }).max(2000), keys: z.object({ p256dh: b64url, auth: b64url }) });
const unsubscribeSchema = z.object({ endpoint: z.string().max(2000) });
const wsParam = z.object({ workspace_id: z.string() });
const credentialsAccess = { roles: DEVELOPER_ROLES } as const;

export function pushRoutes(deps: Deps) {
  const member = async (c: Parameters<typeof requireOwnWorkspace>[1]) => {
    const a = await requireOwnWorkspace(deps, c, { roles: ALL_ROLES });
    return { ws: a.workspaceId, userId: memberUserId(a)! };
  };
  const credentialsOf = async (c: Parameters<typeof requireOwnWorkspace>[1], change: (tx: Tx, ws: string) => Promise<void>) => {
    const a = await requireWorkspace(deps, c, c.req.param("workspace_id")!, credentialsAccess);
    return withWorkspace(deps.db, a.workspaceId, async (tx) => {
      await change(tx, a.workspaceId);
      return describePushCredentials(tx, a.workspaceId);
    });
  };
  return new Hono<AppEnv>()
    .get("/workspaces/:workspace_id/push-credentials", describeRoute(pushDocs.getPushCredentials), validate("param", wsParam), async (c) =>
      c.json(await credentialsOf(c, async () => {})),
    )
    .put(
      "/workspaces/:workspace_id/push-credentials/fcm",
      describeRoute(pushDocs.setFcmCredentials),
      validate("param", wsParam),
      validate("json", fcmCredentialsInputSchema),
      async (c) => c.json(await credentialsOf(c, (tx, ws) => saveFcmCredentials(tx, ws, c.req.valid("json")))),
    )
    .put(
      "/workspaces/:workspace_id/push-credentials/apns",
      describeRoute(pushDocs.setApnsCredentials),
      validate("param", wsParam),
      validate("json", apnsCredentialsInputSchema),
      async (c) => c.json(await credentialsOf(c, (tx, ws) => saveApnsCredentials(tx, ws, c.req.valid("json")))),
    )
    .delete("/workspaces/:workspace_id/push-credentials/fcm", describeRoute(pushDocs.clearFcmCredentials), validate("param", wsParam), async (c) => {
      await credentialsOf(c, (tx, ws) => clearPushCredentials(tx, ws, "fcm"));
      return c.body(null, 204);
    })
    .delete("/workspaces/:workspace_id/push-credentials/apns", describeRoute(pushDocs.clearApnsCredentials), validate("param", wsParam), async (c) => {
      await credentialsOf(c, (tx, ws) => clearPushCredentials(tx, ws, "apns"));
      return c.body(null, 204);
    })
    .get("/notifications/push/public-key", describeRoute(docs.getPushPublicKey), async (c) => {
      const { ws } = await member(c);
      return c.json({ public_key: await withWorkspace(deps.db, ws, (tx) => vapidPublicKey(tx, ws)) });
    })
    .post("/notifications/push/subscriptions", describeRoute(docs.subscribePush), validate("json", subscriptionSchema), async (c) => {
      const { ws, userId } = await member(c);
      await withWorkspace(deps.db, ws, (tx) => subscribePush(tx, ws, userId, c.req.valid("json")));
      return c.json({ status: "subscribed" }, 201);
    })
    .delete("/notifications/push/subscriptions", describeRoute(docs.unsubscribePush), validate("json", unsubscribeSchema), async (c) => {
      const { ws, userId } = await member(c);
      await withWorkspace(deps.db, ws, (tx) => unsubscribePush(tx, ws, userId, c.req.valid("json").endpoint));
      return c.body(null, 204);
    });
}
