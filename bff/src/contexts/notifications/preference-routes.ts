/**
 * A user's notification preferences from the tenant's server: `GET/PUT /users/{id}/preferences`
 * (API key with the `end_users` scope, or a developer signed in to the active workspace). The
 * user is found through integrations (id or externalUserId); the preferences are this context's.
 */
import { Hono } from "hono";
import { z } from "zod";
import { notificationPreferencesSchema, notificationPreferencesUpdateSchema } from "@nhood/contracts/users";
import type { AppEnv, Deps } from "../../lib/http";
import { validate } from "../../lib/validate";
import { withWorkspace } from "../../db/tenant";
import { NotFound } from "../../lib/errors";
import { describeRoute } from "../../lib/describe";
import { DEVELOPER_ROLES } from "../identity";
import { findUserRow } from "../integrations";
import { requireOwnWorkspace } from "./access";
import { getPreferences, savePreferences } from "./preferences";

const refParam = z.object({ id: z.string().trim().min(1).max(255) });
const who =
  "Your server with an API key holding the `end_users` scope, or a workspace developer (`owner`, `admin`, `developer`) signed in to the active workspace. `{id}` is the user's id or your `externalUserId`.";
const example = { muted_event_types: ["marketing.digest"], muted_channels: ["email"] };

export function preferenceRoutes(deps: Deps) {
  const inWs = async <T>(
    c: Parameters<typeof requireOwnWorkspace>[1],
    ref: string,
    fn: (tx: Parameters<Parameters<typeof withWorkspace>[2]>[0], ws: string, endUserId: string) => Promise<T>,
  ) => {
    const a = await requireOwnWorkspace(deps, c, { roles: DEVELOPER_ROLES, scope: "end_users" });
    return withWorkspace(deps.db, a.workspaceId, async (tx) => {
      const u = await findUserRow(tx, a.workspaceId, ref);
      if (!u) throw new NotFound("user");
      return fn(tx, a.workspaceId, u.id);
    });
  };
  return new Hono<AppEnv>()
    .get(
      "/users/:id/preferences",
      describeRoute({
        summary: "Read a user's notification preferences",
        operationId: "getUserPreferences",
        tags: ["users"],
        security: "any",
        description: `${who} The event types and channels the user muted (empty lists when never set).`,
        responses: { 200: { description: "The preferences", schema: notificationPreferencesSchema, example } },
      }),
      validate("param", refParam),
      async (c) => c.json(await inWs(c, c.req.valid("param").id, (tx, ws, id) => getPreferences(tx, ws, id))),
    )
    .put(
      "/users/:id/preferences",
      describeRoute({
        summary: "Set a user's notification preferences",
        operationId: "setUserPreferences",
        tags: ["users"],
        security: "any",
        description: `${who} Replaces the lists sent. A muted event type gets the user no notification; a muted channel is not used for them (\`inbox\`: the notification skips their inbox — stored archived and read, not streamed; \`email\`, \`push\`: not sent there). A notification with no channel left is not created.`,
        requestExample: example,
        responses: { 200: { description: "The preferences now", schema: notificationPreferencesSchema, example } },
      }),
      validate("param", refParam),
      validate("json", notificationPreferencesUpdateSchema),
      async (c) => c.json(await inWs(c, c.req.valid("param").id, (tx, ws, id) => savePreferences(tx, ws, id, c.req.valid("json")))),
    );
}
