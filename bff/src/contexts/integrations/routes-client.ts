/**
 * The end user's own routes (client portal, end-user token): providers the workspace enabled,
 * connecting (OAuth auth URL or API-key form), disconnecting, purposes and consent changes with
 * their history, data export (Art. 20) and the erasure request (Art. 17).
 */
import { Hono } from "hono";
import { z } from "zod";
import { clientAuthUrlRequestSchema, connectWithCredentialsRequestSchema, setConsentRequestSchema } from "@nhood/contracts";
import type { AppContext, AppEnv, Deps } from "../../lib/http";
import { validate } from "../../lib/validate";
import { withWorkspace } from "../../db/tenant";
import type { Tx } from "../../db/client";
import { requireEndUser } from "../identity";
import { catalogue } from "./catalogue-view";
import { listCustomProviders, listOAuthApps } from "./oauth-apps";
import { connectWithCredentials, startAuthorization } from "./authorize";
import { listEndUserConnections, revokeConnection, toConnectionView } from "./connections";
import { consentHistoryOf, purposesForEndUser, setConsent } from "./consents";
import { exportEndUserData, requestErasure } from "./gdpr";
import { describeRoute } from "../../lib/describe";
import * as docs from "./route-docs-client";

export function integrationsClientRoutes(deps: Deps) {
  const { db } = deps;
  const asEndUser = async <T>(c: AppContext, fn: (tx: Tx, ws: string, eu: string) => Promise<T>) => {
    const eu = await requireEndUser(deps, c);
    return withWorkspace(db, eu.workspaceId, (tx) => fn(tx, eu.workspaceId, eu.endUserId));
  };
  return new Hono<AppEnv>()
    .get("/client/providers", describeRoute(docs.listClientProviders), async (c) =>
      c.json(
        await asEndUser(c, async (tx, ws) => {
          const apps = new Set((await listOAuthApps(tx, ws)).map((a) => a.provider));
          const custom = (await listCustomProviders(tx, ws)).filter((p) => apps.has(p.key));
          return { items: catalogue().filter((p) => p.auth_kind !== "oauth2" || apps.has(p.key)), custom };
        }),
      ),
    )
    .post("/client/connections/auth-url", describeRoute(docs.createClientAuthUrl), validate("json", clientAuthUrlRequestSchema), async (c) => {
      const body = c.req.valid("json");
      return c.json(await asEndUser(c, (tx, ws, eu) => startAuthorization(tx, ws, eu, body.provider, body.return_to ?? "/client")));
    })
    .post("/client/connections", describeRoute(docs.connectWithCredentials), validate("json", connectWithCredentialsRequestSchema), async (c) => {
      const b = c.req.valid("json");
      return c.json(
        await asEndUser(c, async (tx, ws, eu) => toConnectionView(await connectWithCredentials(tx, ws, eu, b.provider, b.credentials, b.config))),
        201,
      );
    })
    .delete("/client/connections/:id", describeRoute(docs.revokeClientConnection), validate("param", z.object({ id: z.uuid() })), async (c) =>
      c.json(await asEndUser(c, (tx, ws, eu) => revokeConnection(tx, ws, eu, c.req.valid("param").id))),
    )
    .get("/client/connections/details", describeRoute(docs.listClientConnectionDetails), async (c) =>
      c.json({ items: await asEndUser(c, (tx, _ws, eu) => listEndUserConnections(tx, eu)) }),
    )
    .get("/client/purposes", describeRoute(docs.listClientPurposes), async (c) =>
      c.json({ items: await asEndUser(c, (tx, ws, eu) => purposesForEndUser(tx, ws, eu)) }),
    )
    .put(
      "/client/consents/:purpose",
      describeRoute(docs.setClientConsent),
      validate("param", z.object({ purpose: z.string().min(1).max(60) })),
      validate("json", setConsentRequestSchema),
      async (c) => c.json(await asEndUser(c, (tx, ws, eu) => setConsent(tx, ws, eu, c.req.valid("param").purpose, c.req.valid("json").granted))),
    )
    .get("/client/consents/history", describeRoute(docs.listClientConsentHistory), async (c) =>
      c.json({ items: await asEndUser(c, (tx, _ws, eu) => consentHistoryOf(tx, eu)) }),
    )
    .get("/client/export", describeRoute(docs.exportClientData), async (c) => {
      const data = await asEndUser(c, (tx, ws, eu) => exportEndUserData(tx, ws, eu));
      return c.json(data, 200, { "content-disposition": `attachment; filename="my-data-${data.exported_at.slice(0, 10)}.json"` });
    })
    .post("/client/erasure", describeRoute(docs.requestClientErasure), async (c) =>
      c.json(await asEndUser(c, (tx, ws, eu) => requestErasure(tx, ws, eu)), 202),
    );
}
