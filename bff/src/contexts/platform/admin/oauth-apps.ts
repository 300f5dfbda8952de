/**
 * Admin routes for platform-held OAuth apps (`/api/v1/admin/oauth-apps`): the platform's own
 * OAuth client per catalogue provider, which workspaces use unless they bring their own. A
 * `super_admin` sets and deletes them; `support` reads them (roles.ts). The client secret is
 * write-only. Integrations owns the table; this calls its entry point.
 */
import { Hono } from "hono";
import { z } from "zod";
import { platformOAuthAppListSchema, platformOAuthAppSchema, saveOAuthAppRequestSchema } from "@nhood/contracts";
import type { AppEnv, Deps } from "../../../lib/http";
import { validate } from "../../../lib/validate";
import { describeRoute } from "../../../lib/describe";
import { requirePlatformRole } from "../../identity";
import { deletePlatformOAuthApp, listPlatformOAuthApps, savePlatformOAuthApp } from "../../integrations";
import { OPERATIONS_READERS, SUPER_ADMIN } from "./roles";

const providerParam = z.object({ provider: z.string().regex(/^[a-z0-9_-]{2,60}$/, "a catalogue provider key such as slack") });
const example = { provider: "slack", provider_name: "Slack", client_id: "1234567890.0987654321", scopes: null, updated_at: "2026-12-07T08:00:00.000Z" };

export function adminOAuthAppRoutes(deps: Deps) {
  const { db } = deps;
  return new Hono<AppEnv>()
    .get(
      "/admin/oauth-apps",
      describeRoute({
        summary: "List platform OAuth apps",
        tags: ["admin"],
        operationId: "adminListOAuthApps",
        security: "session",
        description:
          "`super_admin` and `support` staff see the platform's own OAuth app per catalogue provider (client id and scopes; never the secret). A workspace with no OAuth app of its own for a provider connects its end users through the platform's.",
        responses: { 200: { description: "The platform's OAuth apps", schema: platformOAuthAppListSchema, example: { items: [example] } } },
        errors: [401, 403, 429],
      }),
      async (c) => {
        await requirePlatformRole(deps, c, OPERATIONS_READERS);
        return c.json({ items: await listPlatformOAuthApps(db) });
      },
    )
    .put(
      "/admin/oauth-apps/:provider",
      describeRoute({
        summary: "Set a platform OAuth app",
        tags: ["admin"],
        operationId: "adminSaveOAuthApp",
        security: "session",
        description:
          "A `super_admin` creates or replaces the platform's OAuth app for a catalogue OAuth 2 provider (register the redirect URI `{public URL}/api/v1/integrations/oauth/callback` at the provider). The secret is encrypted at rest and never answered. Workspaces that have their own app for the provider keep using theirs. A provider that is not an OAuth 2 provider of the catalogue is a 400.",
        requestExample: { client_id: "1234567890.0987654321", client_secret: "the client secret", scopes: ["chat:write"] },
        responses: { 200: { description: "The platform's OAuth app after the change", schema: platformOAuthAppSchema, example } },
        errors: [400, 401, 403, 429],
      }),
      validate("param", providerParam),
      validate("json", saveOAuthAppRequestSchema),
      async (c) => {
        await requirePlatformRole(deps, c, SUPER_ADMIN);
        return c.json(await savePlatformOAuthApp(db, c.req.valid("param").provider, c.req.valid("json")));
      },
    )
    .delete(
      "/admin/oauth-apps/:provider",
      describeRoute({
        summary: "Delete a platform OAuth app",
        tags: ["admin"],
        operationId: "adminDeleteOAuthApp",
        security: "session",
        description:
          "A `super_admin` deletes the platform's OAuth app for a provider: workspaces without their own app can no longer start a connection to it. None set is a 404.",
        responses: { 204: { description: "Deleted" } },
        errors: [400, 401, 403, 404, 429],
      }),
      validate("param", providerParam),
      async (c) => {
        await requirePlatformRole(deps, c, SUPER_ADMIN);
        await deletePlatformOAuthApp(db, c.req.valid("param").provider);
        return c.body(null, 204);
      },
    );
}
