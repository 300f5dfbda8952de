/**
 * Workspace connections and the sandbox's record, under `/workspaces/{workspace_id}` (issue #14
 * parts 1 and 4): developers (owner, admin, developer) or API keys with `integrations`.
 */
import { Hono } from "hono";
import { z } from "zod";
import { authUrlResponseSchema } from "@nhood/contracts";
import {
  createWorkspaceConnectionRequestSchema,
  sandboxRequestFilterSchema,
  sandboxRequestPageSchema,
  workspaceConnectionListSchema,
  workspaceConnectionSchema,
} from "@nhood/contracts/test-mode";
import type { AppContext, AppEnv, Deps } from "../../lib/http";
import { validate } from "../../lib/validate";
import { withWorkspace } from "../../db/tenant";
import { describeRoute } from "../../lib/describe";
import { DEVELOPER_ROLES, requireWorkspace } from "../identity";
import { getTestMode } from "../tenancy";
import { authorizeWorkspaceConnection, createWorkspaceConnection, deleteWorkspaceConnection, listWorkspaceConnections } from "./workspace-connections";
import { listSandboxRequests } from "./sandbox/calls";

const wsParam = z.object({ workspace_id: z.string() });
const providerParam = wsParam.extend({ provider: z.string().regex(/^(custom:)?[a-z0-9_-]{2,60}$/) });
const connectionParam = wsParam.extend({ connection_id: z.uuid() });
const authorizeBody = z.object({ return_to: z.string().max(500).optional() });
const developer = "A workspace developer (`owner`, `admin`, `developer`) or an API key with the `integrations` scope.";
const tags = ["integrations"];

export function integrationsWorkspaceRoutes(deps: Deps) {
  const inWs = <T>(c: AppContext, id: string, fn: (tx: Parameters<Parameters<typeof withWorkspace>[2]>[0], ws: string) => Promise<T>) =>
    requireWorkspace(deps, c, id, { roles: DEVELOPER_ROLES, scope: "integrations" }).then((a) =>
      withWorkspace(deps.db, a.workspaceId, (tx) => fn(tx, a.workspaceId)),
    );
  return new Hono<AppEnv>()
    .get(
      "/workspaces/:workspace_id/connections",
      describeRoute({
        summary: "List workspace connections",
        operationId: "listWorkspaceConnections",
        tags,
        security: "any",
        description: `${developer} The workspace's own connections (no end user): provider steps use them when they choose \`connection: "workspace"\` or run with no end user.`,
        responses: { 200: { description: "The workspace connections", schema: workspaceConnectionListSchema } },
      }),
      validate("param", wsParam),
      async (c) => c.json({ items: await inWs(c, c.req.valid("param").workspace_id, (tx, ws) => listWorkspaceConnections(tx, ws)) }),
    )
    .post(
      "/workspaces/:workspace_id/connections",
      describeRoute({
        summary: "Connect a provider as the workspace",
        operationId: "createWorkspaceConnection",
        tags,
        security: "any",
        description: `${developer} \`sandbox: true\` makes a sandbox connection with one click (test mode only; no credentials, no OAuth). Otherwise an API-key or basic provider connects with its \`credentials\` (and \`config\`); OAuth providers answer 400 and connect with \`POST …/connections/{provider}/authorize\`. Connecting a provider again replaces the connection.`,
        requestExample: { provider: "slack", sandbox: true },
        responses: { 201: { description: "The connection", schema: workspaceConnectionSchema } },
      }),
      validate("param", wsParam),
      validate("json", createWorkspaceConnectionRequestSchema),
      async (c) =>
        c.json(
          await inWs(c, c.req.valid("param").workspace_id, async (tx, ws) =>
            createWorkspaceConnection(tx, ws, c.req.valid("json"), (await getTestMode(tx, ws)).test_mode),
          ),
          201,
        ),
    )
    .post(
      "/workspaces/:workspace_id/connections/:provider/authorize",
      describeRoute({
        summary: "Start connecting an OAuth provider as the workspace",
        operationId: "authorizeWorkspaceConnection",
        tags,
        security: "any",
        description: `${developer} Answers the provider's authorization URL (authorization code with PKCE); the callback stores the workspace's connection and returns to \`return_to\` (a path of this site).`,
        requestExample: { return_to: "/developer/connections" },
        responses: { 200: { description: "Where to send the browser", schema: authUrlResponseSchema } },
      }),
      validate("param", providerParam),
      validate("json", authorizeBody),
      async (c) => {
        const { workspace_id, provider } = c.req.valid("param");
        return c.json(await inWs(c, workspace_id, (tx, ws) => authorizeWorkspaceConnection(tx, ws, provider, c.req.valid("json").return_to)));
      },
    )
    .delete(
      "/workspaces/:workspace_id/connections/:connection_id",
      describeRoute({
        summary: "Disconnect a workspace connection",
        operationId: "deleteWorkspaceConnection",
        tags,
        security: "any",
        description: `${developer} Revokes the token at the provider when it supports RFC 7009 and forgets it. An end user's connection, or another workspace's, is 404.`,
        responses: { 204: { description: "Disconnected" } },
      }),
      validate("param", connectionParam),
      async (c) => {
        const { workspace_id, connection_id } = c.req.valid("param");
        await inWs(c, workspace_id, (tx, ws) => deleteWorkspaceConnection(tx, ws, connection_id));
        return c.body(null, 204);
      },
    )
    .get(
      "/workspaces/:workspace_id/sandbox/requests",
      describeRoute({
        summary: "List what the sandbox received",
        operationId: "listSandboxRequests",
        tags,
        security: "any",
        description: `${developer} Every provider call of the workspace's test executions, as the built-in simulator received and answered it, newest first, 50 a page (filters: \`execution_id\`, \`provider\`; pass \`next_cursor\` back as \`cursor\`).`,
        responses: { 200: { description: "One page of sandbox requests", schema: sandboxRequestPageSchema } },
      }),
      validate("param", wsParam),
      validate("query", sandboxRequestFilterSchema),
      async (c) => c.json(await inWs(c, c.req.valid("param").workspace_id, (tx, ws) => listSandboxRequests(tx, ws, c.req.valid("query")))),
    );
}
