/**
 * Connections: an end user's credentials at one provider, encrypted with the workspace's data
 * key (purposes `connection:<id>:access|refresh`). `credentialsFor` is what provider actions use:
 * it checks consent, then refreshes an OAuth token that is due (80 % into its lifetime,
 * refresh-schedule.ts) under a row lock (`SELECT … FOR UPDATE`), so concurrent executions refresh it once and the others read
 * the fresh token. A refused refresh marks the connection `expired` with its error.
 */
import { tokenRefreshes } from "../../lib/metrics";
import { and, desc, eq, isNull, ne, or } from "drizzle-orm";
import type { Database, Tx } from "../../db/client";
import { withWorkspace } from "../../db/tenant";
import { NotFound } from "../../lib/errors";
import { appendDomainEvent } from "../../kernel/events";
import { enqueueJob } from "../../kernel/jobs";
import { REFRESH_CONNECTION_JOB } from "./jobs";
import { ActionFailed } from "./actions";
import { findProvider } from "./catalogue";
import { assertConsentFor } from "./consents";
import { oauthClientFor, openFor, sealFor } from "./oauth-apps";
import { OAuthFailed, refreshAccessToken, revokeToken, type TokenSet } from "./oauth";
import { dueTimeOf, isRefreshDue } from "./refresh-schedule";
import { connections, endUsers } from "./schema";
import { findFirst } from "../../db/find-first";

type Row = typeof connections.$inferSelect;

/** Schedules the background refresh of a token at its due time (refresh-schedule.ts). */
async function scheduleRefresh(tx: Tx, row: Pick<Row, "id" | "workspaceId" | "expiresAt" | "refreshDueAt" | "refreshTokenEncrypted">): Promise<void> {
  const due = dueTimeOf(row);
  if (!due || !row.refreshTokenEncrypted) return;
  await enqueueJob(tx, REFRESH_CONNECTION_JOB, { workspace_id: row.workspaceId, connection_id: row.id }, { runAt: due });
}

export interface ConnectionView {
  id: string;
  provider: string;
  status: Row["status"];
  scopes: string[];
  created_at: string;
  expires_at: string | null;
  last_error: string | null;
  last_refreshed_at: string | null;
  config: Record<string, string>;
}
export const toConnectionView = (r: Row): ConnectionView => ({
  id: r.id,
  provider: r.provider,
  status: r.status,
  scopes: r.scopes,
  created_at: r.createdAt.toISOString(),
  expires_at: r.expiresAt?.toISOString() ?? null,
  last_error: r.lastError,
  last_refreshed_at: r.lastRefreshedAt?.toISOString() ?? null,
  config: r.config,
});

/**
 * Stores (or replaces) the end user's connection to `provider` — the workspace's own when
 * `endUserId` is null (a workspace connection); `sandbox` marks a test-mode connection with no
 * real credentials. Emits `connection.created`.
 */
export async function storeConnection(
  tx: Tx,
  input: {
    workspaceId: string;
    endUserId: string | null;
    provider: string;
    secret: string;
    tokens?: TokenSet;
    config?: Record<string, string>;
    sandbox?: boolean;
  },
): Promise<Row> {
  const { workspaceId, endUserId, provider } = input;
  const owner = endUserId === null ? isNull(connections.endUserId) : eq(connections.endUserId, endUserId);
  const existing = await findFirst(
    tx,
    connections,
    and(eq(connections.workspaceId, workspaceId), owner, eq(connections.provider, provider), ne(connections.status, "revoked")),
  );
  const id = existing?.id ?? crypto.randomUUID();
  const t = input.tokens;
  const values = {
    status: "active" as const,
    scopes: t?.scopes ?? [],
    lastError: null,
    updatedAt: new Date(),
    sandbox: input.sandbox ?? false,
    accessTokenEncrypted: await sealFor(tx, workspaceId, `connection:${id}:access`, input.secret),
    refreshTokenEncrypted: t?.refreshToken ? await sealFor(tx, workspaceId, `connection:${id}:refresh`, t.refreshToken) : null,
    expiresAt: t?.expiresAt ?? null,
    refreshDueAt: t?.refreshDueAt ?? null,
    config: { ...(input.config ?? {}), ...(t?.extras ?? {}) },
  };
  const [row] = existing
    ? await tx.update(connections).set(values).where(eq(connections.id, id)).returning()
    : await tx
        .insert(connections)
        .values({ id, workspaceId, endUserId, provider, ...values })
        .returning();
  await scheduleRefresh(tx, row!);
  await appendDomainEvent(tx, {
    workspaceId,
    type: "connection.created",
    subjectId: id,
    payload: { provider, end_user_id: endUserId, workspace_connection: endUserId === null, sandbox: input.sandbox ?? false, reconnected: Boolean(existing) },
  });
  return row!;
}

export async function listEndUserConnections(tx: Tx, endUserId: string): Promise<ConnectionView[]> {
  return (await tx.select().from(connections).where(eq(connections.endUserId, endUserId)).orderBy(desc(connections.createdAt))).map(toConnectionView);
}

async function markExpired(tx: Tx, row: Row, error: string): Promise<void> {
  await tx.update(connections).set({ status: "expired", lastError: error, updatedAt: new Date() }).where(eq(connections.id, row.id));
  for (const type of ["connection.refresh_failed", "connection.expired"]) {
    await appendDomainEvent(tx, { workspaceId: row.workspaceId, type, subjectId: row.id, payload: { provider: row.provider, error } });
  }
}

/**
 * Refreshes the connection's token under a row lock when it is due — 80 % into its lifetime,
 * refresh-schedule.ts — within `leewayMs` (or when `force`). Answers the row as it is afterwards. A refused refresh marks it `expired`; an
 * unreachable token endpoint leaves it as it was and throws OAuthFailed (retryable).
 */
export async function refreshConnectionToken(tx: Tx, connectionId: string, force = false, leewayMs = 0): Promise<Row> {
  const [row] = await tx.select().from(connections).where(eq(connections.id, connectionId)).for("update");
  if (!row) throw new NotFound("connection");
  const due = isRefreshDue(row, Date.now() + leewayMs);
  if (row.status !== "active" || !row.refreshTokenEncrypted || (!due && !force)) return row;
  const client = await oauthClientFor(tx, row.workspaceId, row.provider, row.config.oauth_app);
  const refreshToken = await openFor(tx, row.workspaceId, `connection:${row.id}:refresh`, row.refreshTokenEncrypted);
  let t: TokenSet;
  try {
    t = await refreshAccessToken(client, refreshToken);
    tokenRefreshes.inc({ provider: row.provider, outcome: "succeeded" });
  } catch (e) {
    tokenRefreshes.inc({ provider: row.provider, outcome: "failed" });
    if (e instanceof OAuthFailed && !e.retryable) {
      await markExpired(tx, row, e.message);
      return { ...row, status: "expired", lastError: e.message };
    }
    throw e;
  }
  const [updated] = await tx
    .update(connections)
    .set({
      accessTokenEncrypted: await sealFor(tx, row.workspaceId, `connection:${row.id}:access`, t.accessToken),
      refreshTokenEncrypted: t.refreshToken ? await sealFor(tx, row.workspaceId, `connection:${row.id}:refresh`, t.refreshToken) : row.refreshTokenEncrypted,
      expiresAt: t.expiresAt,
      refreshDueAt: t.refreshDueAt ?? null,
      lastRefreshedAt: new Date(),
      lastError: null,
      updatedAt: new Date(),
    })
    .where(eq(connections.id, row.id))
    .returning();
  await scheduleRefresh(tx, updated!);
  await appendDomainEvent(tx, {
    workspaceId: row.workspaceId,
    type: "connection.refreshed",
    subjectId: row.id,
    payload: { provider: row.provider, expires_at: t.expiresAt?.toISOString() ?? null },
  });
  return updated!;
}

export interface Credentials {
  connectionId: string;
  /** a sandbox connection: its calls must only reach the provider's simulator */
  sandbox?: boolean;
  /** the access token, or the JSON of API-key/basic fields */
  secret: string;
  config: Record<string, string>;
  /** custom providers: the tenant's API base URL */
  apiBaseUrl?: string;
}

/**
 * The usable credentials for `provider`, for a provider action: the end user's — given by our id
 * or the workspace's external id (executions carry either) — or, when `endUserIdOrExternal` is
 * null, the workspace's own connection (decision 020). Throws ActionFailed: `consent_required` (no
 * granted consent for a purpose covering the provider), `not_connected`, `connection_expired` —
 * none retryable — or a retryable one when the token endpoint is down.
 */
export async function credentialsFor(db: Database, workspaceId: string, endUserIdOrExternal: string | null, provider: string): Promise<Credentials> {
  if (!endUserIdOrExternal) return workspaceCredentialsFor(db, workspaceId, provider);
  const outcome = await withWorkspace(db, workspaceId, async (tx) => {
    // executions name their end user by our id or by the workspace's external id
    const byId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(endUserIdOrExternal);
    const eu = await findFirst(
      tx,
      endUsers,
      and(
        eq(endUsers.workspaceId, workspaceId),
        byId ? or(eq(endUsers.id, endUserIdOrExternal), eq(endUsers.externalUserId, endUserIdOrExternal)) : eq(endUsers.externalUserId, endUserIdOrExternal),
      ),
    );
    if (!eu) throw new ActionFailed(`not_connected: no end user ${endUserIdOrExternal} in this workspace.`, false);
    const endUserId = eu.id;
    await assertConsentFor(tx, workspaceId, endUserId, provider);
    const row = (
      await tx
        .select()
        .from(connections)
        .where(
          and(
            eq(connections.workspaceId, workspaceId),
            eq(connections.endUserId, endUserId),
            eq(connections.provider, provider),
            ne(connections.status, "revoked"),
          ),
        )
        .orderBy(desc(connections.createdAt))
        .limit(1)
    )[0];
    if (!row?.accessTokenEncrypted) throw new ActionFailed(`not_connected: the end user has not connected ${provider}.`, false);
    return usableCredentials(tx, row, "the end user");
  });
  // the expiry is committed above; the failure is reported after the commit
  if ("error" in outcome) throw new ActionFailed(outcome.error!, false);
  return outcome.creds;
}

/** The workspace's own connection to `provider` (no end user, no consent); errors as `credentialsFor`. */
async function workspaceCredentialsFor(db: Database, workspaceId: string, provider: string): Promise<Credentials> {
  const outcome = await withWorkspace(db, workspaceId, async (tx) => {
    const row = (
      await tx
        .select()
        .from(connections)
        .where(
          and(eq(connections.workspaceId, workspaceId), isNull(connections.endUserId), eq(connections.provider, provider), ne(connections.status, "revoked")),
        )
        .orderBy(desc(connections.createdAt))
        .limit(1)
    )[0];
    if (!row?.accessTokenEncrypted) {
      throw new ActionFailed(
        `not_connected: this run has no end user and the workspace has not connected ${provider}; connect it as the workspace in the developer portal (Connections), or name an end user with the step's "connection".`,
        false,
      );
    }
    return usableCredentials(tx, row, "the workspace");
  });
  if ("error" in outcome) throw new ActionFailed(outcome.error!, false);
  return outcome.creds;
}

/** A stored connection's credentials, its token refreshed when due; `{error}` when it is no longer usable. */
async function usableCredentials(tx: Tx, row: Row, owner: string): Promise<{ creds: Credentials } | { error: string }> {
  const { workspaceId, provider } = row;
  let fresh: Row;
  try {
    fresh = await refreshConnectionToken(tx, row.id);
  } catch (e) {
    if (e instanceof OAuthFailed) throw new ActionFailed(`connection_refresh_failed: ${e.message}`, true);
    throw e;
  }
  if (fresh.status !== "active")
    return {
      error: `connection_expired: the ${provider} connection is ${fresh.status}${fresh.lastError ? ` (${fresh.lastError})` : ""}; ${owner} must reconnect.`,
    };
  const secret = await openFor(tx, workspaceId, `connection:${fresh.id}:access`, fresh.accessTokenEncrypted!);
  const apiBaseUrl = provider.startsWith("custom:") ? (await oauthClientFor(tx, workspaceId, provider)).apiBaseUrl : undefined;
  return { creds: { connectionId: fresh.id, secret, config: fresh.config, apiBaseUrl, sandbox: fresh.sandbox } };
}

/** Disconnects (the workspace's own connection when `endUserId` is null): revokes at the provider when it supports RFC 7009, then forgets the tokens. */
export async function revokeConnection(tx: Tx, workspaceId: string, endUserId: string | null, connectionId: string): Promise<ConnectionView> {
  const owner = endUserId === null ? isNull(connections.endUserId) : eq(connections.endUserId, endUserId);
  const row = await findFirst(tx, connections, and(eq(connections.id, connectionId), eq(connections.workspaceId, workspaceId), owner));
  if (!row) throw new NotFound("connection");
  let revokedAtProvider = false;
  const def = findProvider(row.provider);
  if (row.accessTokenEncrypted && !row.sandbox && (def?.auth.kind === "oauth2" || row.provider.startsWith("custom:"))) {
    const client = await oauthClientFor(tx, workspaceId, row.provider, row.config.oauth_app).catch(() => null);
    if (client) {
      const token = row.refreshTokenEncrypted
        ? await openFor(tx, workspaceId, `connection:${row.id}:refresh`, row.refreshTokenEncrypted)
        : await openFor(tx, workspaceId, `connection:${row.id}:access`, row.accessTokenEncrypted);
      revokedAtProvider = await revokeToken(client, token);
    }
  }
  const [updated] = await tx
    .update(connections)
    .set({ status: "revoked", accessTokenEncrypted: null, refreshTokenEncrypted: null, updatedAt: new Date() })
    .where(eq(connections.id, row.id))
    .returning();
  await appendDomainEvent(tx, {
    workspaceId,
    type: "connection.revoked",
    subjectId: row.id,
    payload: { provider: row.provider, revoked_at_provider: revokedAtProvider },
  });
  return toConnectionView(updated!);
}
