/**
 * Provider webhooks: developers store a provider's signing secret (`PUT …/provider-webhooks/{provider}`);
 * providers deliver to `POST /integrations/webhooks/{provider}/{workspace_id}` (signature checked,
 * 202) and Meta verifies the subscription with `GET` on the same URL.
 */
import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv, Deps } from "../../lib/http";
import { validate } from "../../lib/validate";
import { withWorkspace } from "../../db/tenant";
import { DEVELOPER_ROLES, requireWorkspace } from "../identity";
import { metaHandshake, recordDelivery, saveProviderWebhook, verifyDelivery, webhookProviders } from "./webhooks";
import { describeRoute } from "../../lib/describe";
import * as docs from "./route-docs";

const target = z.object({ provider: z.enum(webhookProviders), workspace_id: z.uuid() });
const saveBody = z.object({ secret: z.string().min(8).max(500), verify_token: z.string().min(8).max(500).optional() });

export function integrationsWebhookRoutes(deps: Deps) {
  const { db } = deps;
  return new Hono<AppEnv>()
    .put(
      "/workspaces/:workspace_id/provider-webhooks/:provider",
      describeRoute(docs.saveProviderWebhook),
      validate("param", z.object({ workspace_id: z.string(), provider: z.enum(webhookProviders) })),
      validate("json", saveBody),
      async (c) => {
        const { workspace_id, provider } = c.req.valid("param");
        const a = await requireWorkspace(deps, c, workspace_id, { roles: DEVELOPER_ROLES, scope: "integrations" });
        return c.json(await withWorkspace(db, a.workspaceId, (tx) => saveProviderWebhook(tx, a.workspaceId, provider, c.req.valid("json"))));
      },
    )
    .post("/integrations/webhooks/:provider/:workspace_id", describeRoute(docs.receiveProviderWebhook), validate("param", target), async (c) => {
      const { provider, workspace_id } = c.req.valid("param");
      const body = await c.req.text();
      const eventId = await withWorkspace(db, workspace_id, async (tx) => {
        const type = await verifyDelivery(tx, workspace_id, provider, body, (n) => c.req.header(n));
        return recordDelivery(tx, workspace_id, provider, type, body);
      });
      return c.json({ received: true, event_id: eventId }, 202);
    })
    .get(
      "/integrations/webhooks/meta/:workspace_id",
      describeRoute(docs.verifyMetaWebhook),
      validate("param", z.object({ workspace_id: z.uuid() })),
      async (c) => {
        const ws = c.req.valid("param").workspace_id;
        return c.text(await withWorkspace(db, ws, (tx) => metaHandshake(tx, ws, new URL(c.req.url).searchParams)));
      },
    );
}
