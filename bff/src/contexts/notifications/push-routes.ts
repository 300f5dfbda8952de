/** Web Push for signed-in members: the workspace's VAPID public key, subscribe and unsubscribe a browser. */
import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv, Deps } from "../../lib/http";
import { validate } from "../../lib/validate";
import { withWorkspace } from "../../db/tenant";
import { ALL_ROLES } from "../identity";
import { memberUserId, requireOwnWorkspace } from "./access";
import { subscribePush, unsubscribePush, vapidPublicKey } from "./push";
import { describeRoute } from "../../lib/describe";
import * as docs from "./route-docs";

const b64url = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9_-]+=*$/, "base64url");
const subscriptionSchema = z.object({ endpoint: z.url({ protocol: /^https$/ }).max(2000), keys: z.object({ p256dh: b64url, auth: b64url }) });
const unsubscribeSchema = z.object({ endpoint: z.string().max(2000) });

export function pushRoutes(deps: Deps) {
  const member = async (c: Parameters<typeof requireOwnWorkspace>[1]) => {
    const a = await requireOwnWorkspace(deps, c, { roles: ALL_ROLES });
    return { ws: a.workspaceId, userId: memberUserId(a)! };
  };
  return new Hono<AppEnv>()
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
