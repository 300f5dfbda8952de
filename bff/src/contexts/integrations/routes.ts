/** Integrations routes: end users, connect sessions, the client portal's data; the other groups are mounted from routes-*.ts. */
import { Hono } from "hono";
import { z } from "zod";
import { createConnectSessionRequestSchema, exchangeConnectSessionRequestSchema } from "@nhood/contracts";
import type { AppEnv, Deps } from "../../lib/http";
import { validate } from "../../lib/validate";
import { withWorkspace } from "../../db/tenant";
import { Forbidden } from "../../lib/errors";
import { DEVELOPER_ROLES, requireEndUser, requireWorkspace } from "../identity";
import { unauthorizedFor } from "../identity";
import { config } from "../../config";
import { getBranding } from "../tenancy";
import { createConnectSession, exchangeConnectSession, listConsents, listEndUsers, upsertEndUser } from "./service";
import { listEndUserConnections } from "./connections";
import { bindAppDatabase } from "../../kernel/app-database";
import { integrationsPublicRoutes } from "./routes-public";
import { integrationsDeveloperRoutes } from "./routes-developer";
import { integrationsClientRoutes } from "./routes-client";
import { integrationsWebhookRoutes } from "./routes-webhooks";
import { integrationsWorkspaceRoutes } from "./routes-workspace";
import { integrationsUserRoutes } from "./routes-users";
import { describeRoute } from "../../lib/describe";
import * as docs from "./route-docs";
import * as clientDocs from "./route-docs-client";

const wsParam = z.object({ workspace_id: z.string() });
const endUserParam = wsParam.extend({ end_user_id: z.uuid() });
const cursorQuery = z.object({ cursor: z.string().max(200).optional() });

export function integrationsRoutes(deps: Deps) {
  const { db } = deps;
  bindAppDatabase(db);
  return new Hono<AppEnv>()
    .route("/", integrationsPublicRoutes(deps))
    .route("/", integrationsDeveloperRoutes(deps))
    .route("/", integrationsClientRoutes(deps))
    .route("/", integrationsWebhookRoutes(deps))
    .route("/", integrationsWorkspaceRoutes(deps))
    .route("/", integrationsUserRoutes(deps))
    .post("/connect/sessions", describeRoute(docs.createConnectSession), validate("json", createConnectSessionRequestSchema), async (c) => {
      const p = c.get("principal");
      if (p.kind === "anonymous") throw unauthorizedFor(p);
      if (p.kind !== "api_key") throw new Forbidden("Connect sessions are minted by your server with an API key.");
      const a = await requireWorkspace(deps, c, p.workspaceId, { roles: [], scope: "end_users" });
      const body = c.req.valid("json");
      const session = await withWorkspace(db, a.workspaceId, async (tx) => {
        const eu = await upsertEndUser(tx, a.workspaceId, body.end_user_id, { email: body.email, name: body.name });
        return createConnectSession(tx, a.workspaceId, eu.id);
      });
      return c.json(session, 201);
    })
    .post("/connect/exchange", describeRoute(docs.exchangeConnectSession), validate("json", exchangeConnectSessionRequestSchema), async (c) => {
      // No cookie: the end-user token lives in the opening tab only (sent as a Bearer token), so
      // a developer previewing the client portal in their own browser keeps their own session.
      const { accessToken, endUser } = await exchangeConnectSession(db, c.req.valid("json").token);
      return c.json({ access_token: accessToken, expires_in: config.accessTokenSeconds, end_user: endUser });
    })
    .get("/workspaces/:workspace_id/end-users", describeRoute(docs.listEndUsers), validate("param", wsParam), validate("query", cursorQuery), async (c) => {
      const a = await requireWorkspace(deps, c, c.req.valid("param").workspace_id, { roles: DEVELOPER_ROLES, scope: "end_users" });
      return c.json(await withWorkspace(db, a.workspaceId, (tx) => listEndUsers(tx, a.workspaceId, c.req.valid("query").cursor)));
    })
    .post(
      "/workspaces/:workspace_id/end-users/:end_user_id/connect-session",
      describeRoute(docs.createEndUserConnectSession),
      validate("param", endUserParam),
      async (c) => {
        const { workspace_id, end_user_id } = c.req.valid("param");
        const a = await requireWorkspace(deps, c, workspace_id, { roles: DEVELOPER_ROLES, scope: "end_users" });
        return c.json(await withWorkspace(db, a.workspaceId, (tx) => createConnectSession(tx, a.workspaceId, end_user_id)), 201);
      },
    )
    .get("/client/connections", describeRoute(clientDocs.listClientConnections), async (c) => {
      const eu = await requireEndUser(deps, c);
      return c.json({ items: await withWorkspace(db, eu.workspaceId, (tx) => listEndUserConnections(tx, eu.endUserId)) });
    })
    .get("/client/consents", describeRoute(clientDocs.listClientConsents), async (c) => {
      const eu = await requireEndUser(deps, c);
      return c.json({ items: await withWorkspace(db, eu.workspaceId, (tx) => listConsents(tx, eu.endUserId)) });
    })
    .get("/client/branding", describeRoute(clientDocs.getClientBranding), async (c) => {
      const eu = await requireEndUser(deps, c);
      return c.json(await withWorkspace(db, eu.workspaceId, (tx) => getBranding(tx, eu.workspaceId)));
    });
}
