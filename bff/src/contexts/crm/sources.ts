/**
 * Lead sources: form keys `nhood_lk_live_` + 256 random bits, scoped to one CRM client. Only the
 * SHA-256 digest and a visible prefix are stored; the key is answered once, at creation. A key
 * is a different credential from a workspace API key: it can only create leads for its client
 * (resolved by ingest-routes.ts, never by the authenticate middleware).
 */
import { and, desc, eq, isNull, lt, or } from "drizzle-orm";
import type { Database, Tx } from "../../db/client";
import { withLookup, withWorkspace } from "../../db/tenant";
import { NotFound } from "../../lib/errors";
import { randomToken, sha256Hex } from "../../lib/secrets";
import { appendDomainEvent } from "../../kernel/events";
import { crmClients, leadSources } from "./schema";
import { getClientRow } from "./clients";
import type { LeadSource } from "@nhood/contracts";

export const LEAD_KEY_PREFIX = "nhood_lk_live_";
type Row = typeof leadSources.$inferSelect;

const toSource = (r: Row): LeadSource => ({
  id: r.id,
  client_id: r.clientId,
  name: r.name,
  prefix: r.prefix,
  created_at: r.createdAt.toISOString(),
  revoked_at: r.revokedAt?.toISOString() ?? null,
  last_used_at: r.lastUsedAt?.toISOString() ?? null,
});

export async function listSources(tx: Tx, workspaceId: string): Promise<LeadSource[]> {
  return (await tx.select().from(leadSources).where(eq(leadSources.workspaceId, workspaceId)).orderBy(desc(leadSources.createdAt))).map(toSource);
}

/** Creates a key for CRM client `clientId` and answers it with the full `key` (shown once). */
export async function createSource(tx: Tx, workspaceId: string, clientId: string, name: string): Promise<LeadSource & { key: string }> {
  await getClientRow(tx, workspaceId, clientId);
  const key = `${LEAD_KEY_PREFIX}${randomToken(32)}`;
  const [row] = await tx
    .insert(leadSources)
    .values({ workspaceId, clientId, name, prefix: key.slice(0, LEAD_KEY_PREFIX.length + 8), keyHash: sha256Hex(key) })
    .returning();
  await appendDomainEvent(tx, { workspaceId, type: "lead_source.created", subjectId: row!.id, payload: { client_id: clientId, name, prefix: row!.prefix } });
  return { ...toSource(row!), key };
}

/** Revokes at once; another workspace's key is NotFound; revoking twice is a no-op. */
export async function revokeSource(tx: Tx, workspaceId: string, id: string): Promise<void> {
  const [row] = await tx
    .select()
    .from(leadSources)
    .where(and(eq(leadSources.id, id), eq(leadSources.workspaceId, workspaceId)));
  if (!row) throw new NotFound("lead source");
  const done = await tx
    .update(leadSources)
    .set({ revokedAt: new Date() })
    .where(and(eq(leadSources.id, id), isNull(leadSources.revokedAt)))
    .returning({ id: leadSources.id });
  if (done.length) await appendDomainEvent(tx, { workspaceId, type: "lead_source.revoked", subjectId: id, payload: { prefix: row.prefix } });
}

export interface ResolvedSource {
  id: string;
  workspaceId: string;
  clientId: string;
  clientActive: boolean;
  origins: string[];
}

/** The live key's source and its CRM client, or null when unknown or revoked. */
export async function resolveSourceKey(db: Database, key: string): Promise<ResolvedSource | null> {
  if (!key.startsWith(LEAD_KEY_PREFIX)) return null;
  const hash = sha256Hex(key);
  const row = await withLookup(db, hash, async (tx) => (await tx.select().from(leadSources).where(eq(leadSources.keyHash, hash)))[0]);
  if (!row || row.revokedAt) return null;
  return withWorkspace(db, row.workspaceId, async (tx) => {
    const [client] = await tx
      .select()
      .from(crmClients)
      .where(and(eq(crmClients.workspaceId, row.workspaceId), eq(crmClients.clientId, row.clientId)));
    await tx
      .update(leadSources)
      .set({ lastUsedAt: new Date() })
      .where(and(eq(leadSources.id, row.id), or(isNull(leadSources.lastUsedAt), lt(leadSources.lastUsedAt, new Date(Date.now() - 60_000)))));
    return {
      id: row.id,
      workspaceId: row.workspaceId,
      clientId: row.clientId,
      clientActive: client?.status === "active",
      origins: client?.websiteOrigins ?? [],
    };
  });
}
