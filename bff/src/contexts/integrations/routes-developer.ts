/**
 * Developer routes under `/workspaces/{workspace_id}`: the catalogue with what the workspace
 * enabled, OAuth apps (secret write-only), custom OAuth 2 providers, purposes, and an end user's
 * connections and consents. Developers (owner, admin, developer) or API keys with `integrations`.
 */
import { Hono } from "hono";
import { z } from "zod";
import { and, eq } from "drizzle-orm";
import { createCustomProviderRequestSchema, saveOAuthAppRequestSchema, savePurposeRequestSchema } from "@nhood/contracts";
import type { AppContext, AppEnv, Deps } from "../../lib/http";
import { validate } from "../../lib/validate";
import { withWorkspace } from "../../db/tenant";
import { NotFound } from "../../lib/errors";
import { DEVELOPER_ROLES, requireWorkspace } from "../identity";
import { catalogue } from "./catalogue-view";
import { createCustomProvider, deleteOAuthApp, listCustomProviders, listOAuthApps, saveOAuthApp } from "./oauth-apps";
import { listEndUserConnections } from "./connections";
import { consentHistoryOf, listPurposes, purposesForEndUser, savePurpose } from "./consents";
import { endUsers } from "./schema";
import { describeRoute } from "../../lib/describe";
import * as docs from "./route-docs";
import { platformOAuthProviders } from "./platform-oauth-apps";
import { findFirst } from "../../db/find-first";

const wsParam = z.object({ workspace_id: z.string() });
const providerParam = wsParam.extend({ provider: z.string().regex(/^(custom:)?[a-z0-9_-]{2,60}$/) });
const endUserParam = wsParam.extend({ end_user_id: z.uuid() });

const access = (deps: Deps, c: AppContext, id: string) => requireWorkspace(deps, c, id, { roles: DEVELOPER_ROLES, scope: "integrations" });

export function integrationsDeveloperRoutes(deps: Deps) {
  const { db } = deps;
  const inWs = <T>(c: AppContext, id: string, fn: (tx: Parameters<Parameters<typeof withWorkspace>[2]>[0], ws: string) => Promise<T>) =>
    access(deps, c, id).then((a) => withWorkspace(db, a.workspaceId, (tx) => fn(tx, a.workspaceId)));
  return new Hono<AppEnv>()
    .get("/workspaces/:workspace_id/integrations/providers", describeRoute(docs.listWorkspaceProviders), validate("param", wsParam), async (c) =>
      c.json(
        await inWs(c, c.req.valid("param").workspace_id, async (tx, ws) => {
          const apps = new Set((await listOAuthApps(tx, ws)).map((a) => a.provider));
          const platform = await platformOAuthProviders(tx);
          // whose OAuth app the connect flow will use: the workspace's own first, else the platform's
          const appOf = (key: string) => (apps.has(key) ? ("workspace" as const) : platform.has(key) ? ("platform" as const) : null);
          return {
            items: catalogue().map((p) =>
              p.auth_kind === "oauth2" ? { ...p, enabled: appOf(p.key) !== null, oauth_app: appOf(p.key) } : { ...p, enabled: true },
            ),
            custom: await listCustomProviders(tx, ws),
          };
        }),
      ),
    )
    .get("/workspaces/:workspace_id/oauth-apps", describeRoute(docs.listOAuthApps), validate("param", wsParam), async (c) =>
      c.json({ items: await inWs(c, c.req.valid("param").workspace_id, (tx, ws) => listOAuthApps(tx, ws)) }),
    )
    .put(
      "/workspaces/:workspace_id/oauth-apps/:provider",
      describeRoute(docs.saveOAuthApp),
      validate("param", providerParam),
      validate("json", saveOAuthAppRequestSchema),
      async (c) => {
        const { workspace_id, provider } = c.req.valid("param");
        return c.json(await inWs(c, workspace_id, (tx, ws) => saveOAuthApp(tx, ws, provider, c.req.valid("json"))));
      },
    )
    .delete("/workspaces/:workspace_id/oauth-apps/:provider", describeRoute(docs.deleteOAuthApp), validate("param", providerParam), async (c) => {
      const { workspace_id, provider } = c.req.valid("param");
      await inWs(c, workspace_id, (tx, ws) => deleteOAuthApp(tx, ws, provider));
      return c.body(null, 204);
    })
    .get("/workspaces/:workspace_id/custom-providers", describeRoute(docs.listCustomProviders), validate("param", wsParam), async (c) =>
      c.json({ items: await inWs(c, c.req.valid("param").workspace_id, (tx, ws) => listCustomProviders(tx, ws)) }),
    )
    .post(
      "/workspaces/:workspace_id/custom-providers",
      describeRoute(docs.createCustomProvider),
      validate("param", wsParam),
      validate("json", createCustomProviderRequestSchema),
      async (c) => c.json(await inWs(c, c.req.valid("param").workspace_id, (tx, ws) => createCustomProvider(tx, ws, c.req.valid("json"))), 201),
    )
    .get("/workspaces/:workspace_id/purposes", describeRoute(docs.listPurposes), validate("param", wsParam), async (c) =>
      c.json({ items: await inWs(c, c.req.valid("param").workspace_id, (tx, ws) => listPurposes(tx, ws)) }),
    )
    .put(
      "/workspaces/:workspace_id/purposes",
      describeRoute(docs.savePurpose),
      validate("param", wsParam),
      validate("json", savePurposeRequestSchema),
      async (c) => c.json(await inWs(c, c.req.valid("param").workspace_id, (tx, ws) => savePurpose(tx, ws, c.req.valid("json")))),
    )
    .get(
      "/workspaces/:workspace_id/end-users/:end_user_id/integrations",
      describeRoute(docs.getEndUserIntegrations),
      validate("param", endUserParam),
      async (c) => {
        const { workspace_id, end_user_id } = c.req.valid("param");
        return c.json(
          await inWs(c, workspace_id, async (tx, ws) => {
            const eu = await findFirst(tx, endUsers, and(eq(endUsers.id, end_user_id), eq(endUsers.workspaceId, ws)));
            if (!eu) throw new NotFound("end user");
            return {
              connections: await listEndUserConnections(tx, eu.id),
              consents: await purposesForEndUser(tx, ws, eu.id),
              consent_history: await consentHistoryOf(tx, eu.id),
            };
          }),
        );
      },
    );
}
