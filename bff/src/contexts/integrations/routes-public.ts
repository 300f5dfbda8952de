/**
 * Routes for the tenant's server and for providers: the catalogue (public), provider logos, the
 * seed's `POST /integrations/auth-url` and `GET /users/{user_id}/integrations` (API key with the
 * `integrations` scope), and the OAuth callback the providers redirect to.
 */
import { Hono } from "hono";
import { z } from "zod";
import { and, eq } from "drizzle-orm";
import { authUrlRequestSchema } from "@nhood/contracts";
import type { AppEnv, Deps } from "../../lib/http";
import { validate } from "../../lib/validate";
import { withWorkspace } from "../../db/tenant";
import { NotFound } from "../../lib/errors";
import { requireWorkspace } from "../identity";
import { findProvider } from "./catalogue";
import { catalogue, providerLogoSvg } from "./catalogue-view";
import { completeAuthorization, startAuthorization } from "./authorize";
import { listEndUserConnections } from "./connections";
import { upsertEndUser } from "./service";
import { endUsers } from "./schema";
import { describeRoute } from "../../lib/describe";
import * as docs from "./route-docs";
import { findFirst } from "../../db/find-first";

export function integrationsPublicRoutes(deps: Deps) {
  const { db } = deps;
  return new Hono<AppEnv>()
    .get("/integrations/providers", describeRoute(docs.listProviders), (c) => c.json({ items: catalogue() }))
    .get("/integrations/providers/:key/logo.svg", describeRoute(docs.getProviderLogo), (c) => {
      const def = findProvider(c.req.param("key"));
      if (!def) throw new NotFound("provider");
      return c.body(providerLogoSvg(def), 200, { "content-type": "image/svg+xml", "cache-control": "public, max-age=86400" });
    })
    .post("/integrations/auth-url", describeRoute(docs.createAuthUrl), validate("json", authUrlRequestSchema), async (c) => {
      const body = c.req.valid("json");
      const a = await requireWorkspace(deps, c, body.workspace_id, { roles: [], scope: "integrations" });
      return c.json(
        await withWorkspace(db, a.workspaceId, async (tx) => {
          const eu = await upsertEndUser(tx, a.workspaceId, body.user_id);
          return startAuthorization(tx, a.workspaceId, eu.id, body.provider, body.return_to);
        }),
      );
    })
    .get("/integrations/oauth/callback", describeRoute(docs.completeOAuthCallback), async (c) => {
      const outcome = await completeAuthorization(db, new URL(c.req.url).searchParams);
      const target = new URL(outcome.returnTo ?? "/client", "http://x");
      if (outcome.provider) target.searchParams.set("provider", outcome.provider);
      if (outcome.ok) target.searchParams.set("connected", outcome.connectionId!);
      else target.searchParams.set("connect_error", outcome.error ?? "The connection failed.");
      return c.redirect(outcome.returnTo?.startsWith("http") ? target.toString() : `${target.pathname}${target.search}`, 302);
    })
    .get(
      "/users/:user_id/integrations",
      describeRoute(docs.listUserIntegrations),
      validate("param", z.object({ user_id: z.string().min(1).max(200) })),
      async (c) => {
        const p = c.get("principal");
        const a = await requireWorkspace(deps, c, p.kind === "api_key" ? p.workspaceId : "-", { roles: [], scope: "integrations" });
        return c.json(
          await withWorkspace(db, a.workspaceId, async (tx) => {
            const eu = await findFirst(tx, endUsers, and(eq(endUsers.workspaceId, a.workspaceId), eq(endUsers.externalUserId, c.req.valid("param").user_id)));
            if (!eu) throw new NotFound("end user");
            return { user_id: eu.externalUserId, integrations: await listEndUserConnections(tx, eu.id) };
          }),
        );
      },
    );
}
