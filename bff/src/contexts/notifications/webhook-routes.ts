/** Outgoing webhook endpoints: CRUD, secret rotation, the delivery log and redelivery. */
import { Hono } from "hono";
import { z } from "zod";
import { webhookEndpointInputSchema, webhookEndpointUpdateSchema, webhookEventTypes } from "@nhood/contracts";
import type { AppEnv, Deps } from "../../lib/http";
import { validate } from "../../lib/validate";
import { withWorkspace } from "../../db/tenant";
import { DEVELOPER_ROLES } from "../identity";
import { requireOwnWorkspace } from "./access";
import {
  createEndpoint,
  deleteEndpoint,
  getEndpoint,
  listDeliveries,
  listEndpoints,
  redeliver,
  rotateSecret,
  toEndpoint,
  updateEndpoint,
} from "./webhooks/endpoints";
import { describeRoute } from "../../lib/describe";
import * as docs from "./route-docs-webhooks";

const idParam = z.object({ id: z.uuid() });
const access = { roles: DEVELOPER_ROLES, scope: "webhooks" } as const;

export function webhookRoutes(deps: Deps) {
  const { db } = deps;
  const scoped = <T>(c: Parameters<typeof requireOwnWorkspace>[1], fn: (tx: Parameters<Parameters<typeof withWorkspace>[2]>[0], ws: string) => Promise<T>) =>
    requireOwnWorkspace(deps, c, access).then((a) => withWorkspace(db, a.workspaceId, (tx) => fn(tx, a.workspaceId)));
  return new Hono<AppEnv>()
    .get("/webhook-event-types", describeRoute(docs.listWebhookEventTypes), (c) => c.json({ items: webhookEventTypes }))
    .get("/webhook-endpoints", describeRoute(docs.listWebhookEndpoints), async (c) => c.json({ items: await scoped(c, listEndpoints) }))
    .post("/webhook-endpoints", describeRoute(docs.createWebhookEndpoint), validate("json", webhookEndpointInputSchema), async (c) =>
      c.json(await scoped(c, (tx, ws) => createEndpoint(tx, ws, c.req.valid("json"))), 201),
    )
    .get("/webhook-endpoints/:id", describeRoute(docs.getWebhookEndpoint), validate("param", idParam), async (c) =>
      c.json(toEndpoint(await scoped(c, (tx, ws) => getEndpoint(tx, ws, c.req.valid("param").id)))),
    )
    .patch(
      "/webhook-endpoints/:id",
      describeRoute(docs.updateWebhookEndpoint),
      validate("param", idParam),
      validate("json", webhookEndpointUpdateSchema),
      async (c) => {
        const sent = await c.req.json<Record<string, unknown>>();
        const v = Object.fromEntries(Object.entries(c.req.valid("json")).filter(([k]) => k in sent));
        return c.json(await scoped(c, (tx, ws) => updateEndpoint(tx, ws, c.req.valid("param").id, v)));
      },
    )
    .delete("/webhook-endpoints/:id", describeRoute(docs.deleteWebhookEndpoint), validate("param", idParam), async (c) => {
      await scoped(c, (tx, ws) => deleteEndpoint(tx, ws, c.req.valid("param").id));
      return c.body(null, 204);
    })
    .post("/webhook-endpoints/:id/rotate-secret", describeRoute(docs.rotateWebhookSecret), validate("param", idParam), async (c) =>
      c.json(await scoped(c, (tx, ws) => rotateSecret(tx, ws, c.req.valid("param").id))),
    )
    .get("/webhook-endpoints/:id/deliveries", describeRoute(docs.listWebhookDeliveries), validate("param", idParam), async (c) =>
      c.json({ items: await scoped(c, (tx, ws) => listDeliveries(tx, ws, c.req.valid("param").id)) }),
    )
    .post("/webhook-deliveries/:id/redeliver", describeRoute(docs.redeliverWebhook), validate("param", idParam), async (c) => {
      await scoped(c, (tx, ws) => redeliver(tx, ws, c.req.valid("param").id));
      return c.json({ status: "queued" }, 202);
    });
}
