/**
 * Workspace connections (issue #14 part 1): a workspace connects a provider once, as itself (no
 * end user), like credentials in n8n; provider steps use it when they choose
 * `connection: "workspace"` or run with no end user. OAuth providers connect through the usual
 * authorization (authorize.ts, end user null), API-key providers with their fields, and in test
 * mode any provider with one click as a sandbox connection (no credentials, decision 020).
 */
import { and, desc, eq, isNull, ne } from "drizzle-orm";
import type { WorkspaceConnection } from "@nhood/contracts/test-mode";
import type { Tx } from "../../db/client";
import { BadRequest, NotFound } from "../../lib/errors";
import { connectWithCredentials, startAuthorization } from "./authorize";
import { findProvider } from "./catalogue";
import { revokeConnection, storeConnection, toConnectionView } from "./connections";
import { connections } from "./schema";

type Row = typeof connections.$inferSelect;
const toView = (r: Row): WorkspaceConnection => ({ ...toConnectionView(r), sandbox: r.sandbox });

/** The workspace's own connections (not revoked), newest first. */
export async function listWorkspaceConnections(tx: Tx, workspaceId: string): Promise<WorkspaceConnection[]> {
  const rows = await tx
    .select()
    .from(connections)
    .where(and(eq(connections.workspaceId, workspaceId), isNull(connections.endUserId), ne(connections.status, "revoked")))
    .orderBy(desc(connections.createdAt));
  return rows.map(toView);
}

/** Providers the workspace has an active connection to (for the publish warning). */
export async function workspaceConnectedProviders(tx: Tx, workspaceId: string): Promise<Set<string>> {
  const rows = await tx
    .select({ provider: connections.provider })
    .from(connections)
    .where(and(eq(connections.workspaceId, workspaceId), isNull(connections.endUserId), eq(connections.status, "active")));
  return new Set(rows.map((r) => r.provider));
}

const unknownProvider = (provider: string) => new BadRequest(`Unknown provider ${provider}.`, [{ pointer: "#/provider", detail: "not in the catalogue" }]);

/**
 * Connects `provider` as the workspace: a sandbox connection (`sandbox: true`; only while the
 * workspace is in test mode — `testMode` — since only test executions use one), or an API-key /
 * basic provider with its fields. OAuth providers answer 400 pointing at the authorize route.
 */
export async function createWorkspaceConnection(
  tx: Tx,
  workspaceId: string,
  input: { provider: string; sandbox?: boolean; credentials?: Record<string, string>; config?: Record<string, string> },
  testMode: boolean,
): Promise<WorkspaceConnection> {
  const def = findProvider(input.provider);
  if (!def) throw unknownProvider(input.provider);
  if (input.sandbox) {
    if (!testMode)
      throw new BadRequest("Sandbox connections are for test mode; switch the workspace to test mode first.", [
        { pointer: "#/sandbox", detail: "the workspace is not in test mode" },
      ]);
    return toView(await storeConnection(tx, { workspaceId, endUserId: null, provider: def.key, secret: "sandbox", config: input.config ?? {}, sandbox: true }));
  }
  if (def.auth.kind === "oauth2") {
    throw new BadRequest(`${def.name} connects with OAuth: use POST /workspaces/{id}/connections/${def.key}/authorize.`, [
      { pointer: "#/provider", detail: "an OAuth provider" },
    ]);
  }
  return toView(await connectWithCredentials(tx, workspaceId, null, def.key, input.credentials ?? {}, input.config ?? {}));
}

/** Starts the OAuth authorization that connects `provider` as the workspace; answers `{auth_url, state}`. */
export async function authorizeWorkspaceConnection(tx: Tx, workspaceId: string, provider: string, returnTo?: string) {
  const def = findProvider(provider);
  if (!def) throw unknownProvider(provider);
  if (def.auth.kind !== "oauth2")
    throw new BadRequest(`${def.name} takes an API key, not OAuth.`, [{ pointer: "#/provider", detail: "not an OAuth provider" }]);
  return startAuthorization(tx, workspaceId, null, provider, returnTo);
}

/** Disconnects one of the workspace's own connections; another workspace's or an end user's is NotFound. */
export async function deleteWorkspaceConnection(tx: Tx, workspaceId: string, connectionId: string): Promise<void> {
  const [row] = await tx
    .select({ id: connections.id })
    .from(connections)
    .where(and(eq(connections.id, connectionId), eq(connections.workspaceId, workspaceId), isNull(connections.endUserId)));
  if (!row) throw new NotFound("connection");
  await revokeConnection(tx, workspaceId, null, connectionId);
}
