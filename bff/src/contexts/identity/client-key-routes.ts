/**
 * The client SDK's credentials for a workspace's developers: read the publishable key and the
 * user-hash secret (created on first read), or rotate both. Owners, admins and developers only;
 * another workspace's id answers 404.
 */
import { Hono } from "hono";
import { z } from "zod";
import { clientKeysSchema } from "@nhood/contracts/client-sdk";
import type { AppEnv, Deps } from "../../lib/http";
import { validate } from "../../lib/validate";
import { withWorkspace } from "../../db/tenant";
import { describeRoute } from "../../lib/describe";
import { DEVELOPER_ROLES, requireWorkspace } from "./guards";
import { ensureClientKeys, rotateClientKeys } from "./publishable-keys";

const wsParam = z.object({ workspace_id: z.string() });
const example = {
  workspace_id: "0b7c4c1e-5b8a-4d2e-9f61-2a7d3c9e8b10",
  publishable_key: "nhood_pk_3vQk…",
  user_hash_secret: "nhood_uhs_9aXr…",
  created_at: "2026-12-07T10:00:00.000Z",
};
const howTo =
  "Put the publishable key in your web or mobile app (`init({ publishableKey, workspaceId, user })`); keep the user-hash secret on your backend and sign each signed-in user as `userHash = hex(HMAC-SHA256(user_hash_secret, externalUserId))` (decision 027).";

export function clientKeyRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .get(
      "/workspaces/:workspace_id/client-keys",
      describeRoute({
        summary: "Read the client SDK keys",
        operationId: "getClientKeys",
        tags: ["client-sdk"],
        security: "session",
        description: `Owners, admins and developers read the workspace's publishable key and user-hash secret (created on first read). ${howTo}`,
        responses: { 200: { description: "The keys", schema: clientKeysSchema, example } },
      }),
      validate("param", wsParam),
      async (c) => {
        const a = await requireWorkspace(deps, c, c.req.valid("param").workspace_id, { roles: DEVELOPER_ROLES });
        return c.json(await withWorkspace(deps.db, a.workspaceId, (tx) => ensureClientKeys(tx, a.workspaceId)));
      },
    )
    .post(
      "/workspaces/:workspace_id/client-keys/rotate",
      describeRoute({
        summary: "Rotate the client SDK keys",
        operationId: "rotateClientKeys",
        tags: ["client-sdk"],
        security: "session",
        description:
          "Owners, admins and developers revoke the publishable key and user-hash secret at once (apps holding the old key get 401) and answer new ones; ship the new key and re-sign your users.",
        responses: { 200: { description: "The new keys", schema: clientKeysSchema, example } },
      }),
      validate("param", wsParam),
      async (c) => {
        const a = await requireWorkspace(deps, c, c.req.valid("param").workspace_id, { roles: DEVELOPER_ROLES });
        return c.json(await withWorkspace(deps.db, a.workspaceId, (tx) => rotateClientKeys(tx, a.workspaceId)));
      },
    );
}
