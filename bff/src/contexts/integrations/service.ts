/**
 * End users and connect sessions. A connect session is a 256-bit single-use token, valid 10
 * minutes, that the tenant's server mints for one end user; exchanging it yields a 15-minute
 * end-user access token good only for the client portal's routes.
 */
import { and, desc, eq, isNull } from "drizzle-orm";
import type { Database, Tx } from "../../db/client";
import { withLookup, withWorkspace } from "../../db/tenant";
import { NotFound, Unauthorized } from "../../lib/errors";
import { after, pageOf, PAGE_SIZE } from "../../lib/keyset";
import { randomToken, sha256Hex } from "../../lib/secrets";
import { config } from "../../config";
import { appendDomainEvent } from "../../kernel/events";
import { signAccessToken } from "../identity";
import { connectSessions, connections, consents, endUsers } from "./schema";
import type { Connection, ConnectSession, Consent, EndUser } from "@nhood/contracts";
import { findFirst } from "../../db/find-first";

type EndUserRow = typeof endUsers.$inferSelect;
export const toEndUser = (r: EndUserRow): EndUser => ({
  id: r.id,
  external_user_id: r.externalUserId,
  email: r.email,
  name: r.name,
  created_at: r.createdAt.toISOString(),
});

/** Finds the end user by the tenant's id, creating them on first sight. */
export async function upsertEndUser(tx: Tx, workspaceId: string, externalUserId: string, profile: { email?: string; name?: string } = {}): Promise<EndUserRow> {
  const existing = await findFirst(tx, endUsers, and(eq(endUsers.workspaceId, workspaceId), eq(endUsers.externalUserId, externalUserId)));
  if (existing) return existing;
  const [row] = await tx
    .insert(endUsers)
    .values({ workspaceId, externalUserId, email: profile.email ?? null, name: profile.name ?? null })
    .onConflictDoNothing()
    .returning();
  if (!row) return (await findFirst(tx, endUsers, and(eq(endUsers.workspaceId, workspaceId), eq(endUsers.externalUserId, externalUserId))))!;
  await appendDomainEvent(tx, { workspaceId, type: "end_user.created", subjectId: row.id, payload: { external_user_id: externalUserId } });
  return row;
}

export async function listEndUsers(tx: Tx, workspaceId: string, cursor?: string) {
  const rows = await tx
    .select()
    .from(endUsers)
    .where(and(eq(endUsers.workspaceId, workspaceId), after(endUsers.createdAt, endUsers.id, cursor)))
    .orderBy(desc(endUsers.createdAt), desc(endUsers.id))
    .limit(PAGE_SIZE + 1);
  return pageOf(rows, PAGE_SIZE, (r) => r.createdAt, toEndUser);
}

/** Mints a connect session for `endUserId`; answers the token and the client-portal URL. */
export async function createConnectSession(tx: Tx, workspaceId: string, endUserId: string): Promise<ConnectSession> {
  const eu = await findFirst(tx, endUsers, and(eq(endUsers.id, endUserId), eq(endUsers.workspaceId, workspaceId)));
  if (!eu) throw new NotFound("end user");
  const token = `ncs_${randomToken(32)}`;
  const expiresAt = new Date(Date.now() + config.connectSessionSeconds * 1000);
  await tx.insert(connectSessions).values({ workspaceId, endUserId, tokenHash: sha256Hex(token), expiresAt });
  await appendDomainEvent(tx, { workspaceId, type: "connect_session.created", subjectId: endUserId, payload: {} });
  return { token, url: `${config.publicUrl}/connect?token=${encodeURIComponent(token)}`, expires_at: expiresAt.toISOString() };
}

/** Spends a connect session token (once). Throws Unauthorized when unknown, used or expired. */
export async function exchangeConnectSession(db: Database, token: string): Promise<{ accessToken: string; endUser: EndUser }> {
  const hash = sha256Hex(token);
  const session = await withLookup(db, hash, (tx) => findFirst(tx, connectSessions, eq(connectSessions.tokenHash, hash)));
  if (!session || session.expiresAt < new Date()) throw new Unauthorized("This link has expired; ask the app for a new one.");
  const eu = await withWorkspace(db, session.workspaceId, async (tx) => {
    const spent = await tx
      .update(connectSessions)
      .set({ usedAt: new Date() })
      .where(and(eq(connectSessions.id, session.id), isNull(connectSessions.usedAt)))
      .returning({ id: connectSessions.id });
    if (!spent.length) throw new Unauthorized("This link was already used; ask the app for a new one.");
    await appendDomainEvent(tx, { workspaceId: session.workspaceId, type: "connect_session.opened", subjectId: session.endUserId, payload: {} });
    return findFirst(tx, endUsers, eq(endUsers.id, session.endUserId));
  });
  if (!eu) throw new Unauthorized("The end user no longer exists.");
  const accessToken = await signAccessToken({ sub: eu.id, typ: "end_user", ws: eu.workspaceId });
  return { accessToken, endUser: toEndUser(eu) };
}

export async function listConnections(tx: Tx, endUserId: string): Promise<Connection[]> {
  const rows = await tx.select().from(connections).where(eq(connections.endUserId, endUserId)).orderBy(desc(connections.createdAt));
  return rows.map((r) => ({ id: r.id, provider: r.provider, status: r.status, scopes: r.scopes, created_at: r.createdAt.toISOString() }));
}

export async function listConsents(tx: Tx, endUserId: string): Promise<Consent[]> {
  const rows = await tx.select().from(consents).where(eq(consents.endUserId, endUserId)).orderBy(consents.purpose);
  return rows.map((r) => ({ id: r.id, purpose: r.purpose, description: r.description, granted: r.granted, updated_at: r.updatedAt.toISOString() }));
}

/** The workspace's own id for end user `endUserId` (their `external_user_id`), or null when unknown. */
export async function externalUserIdOf(tx: Tx, workspaceId: string, endUserId: string): Promise<string | null> {
  const [eu] = await tx
    .select({ external: endUsers.externalUserId })
    .from(endUsers)
    .where(and(eq(endUsers.workspaceId, workspaceId), eq(endUsers.id, endUserId)));
  return eu?.external ?? null;
}
