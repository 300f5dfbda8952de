/**
 * API keys for tenant servers: `nhood_sk_live_` (or, for test keys, `nhood_sk_test_`) + 256 random
 * bits (base64url); a key's mode is its prefix (decision 020). Only the SHA-256
 * digest and a visible prefix are stored; the full key is answered once, at creation.
 */
import { and, desc, eq, isNull } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { NotFound } from "../../lib/errors";
import { randomToken, sha256Hex } from "../../lib/secrets";
import { appendDomainEvent } from "../../kernel/events";
import { apiKeys } from "./schema";
import { API_KEY_PREFIX, apiKeyMode, TEST_API_KEY_PREFIX } from "./principal";
import type { ApiKey, CreatedApiKey } from "@nhood/contracts";
import { findFirst } from "../../db/find-first";

type Row = typeof apiKeys.$inferSelect;

export function toApiKey(r: Row): ApiKey {
  return {
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    scopes: r.scopes as ApiKey["scopes"],
    mode: apiKeyMode(r.prefix),
    created_at: r.createdAt.toISOString(),
    expires_at: r.expiresAt?.toISOString() ?? null,
    revoked_at: r.revokedAt?.toISOString() ?? null,
    last_used_at: r.lastUsedAt?.toISOString() ?? null,
  };
}

/** Creates a key in the transaction's workspace; answers it with the full `key` (shown once). */
export async function createApiKey(
  tx: Tx,
  workspaceId: string,
  input: { name: string; scopes: string[]; expires_at?: string | null; mode?: "live" | "test" },
  createdBy: string | null,
): Promise<CreatedApiKey> {
  const key = `${input.mode === "test" ? TEST_API_KEY_PREFIX : API_KEY_PREFIX}${randomToken(32)}`;
  const [row] = await tx
    .insert(apiKeys)
    .values({
      workspaceId,
      name: input.name,
      prefix: key.slice(0, API_KEY_PREFIX.length + 8),
      keyHash: sha256Hex(key),
      scopes: input.scopes,
      createdBy,
      expiresAt: input.expires_at ? new Date(input.expires_at) : null,
    })
    .returning();
  await appendDomainEvent(tx, {
    workspaceId,
    type: "api_key.created",
    subjectId: row!.id,
    payload: { name: input.name, prefix: row!.prefix, scopes: input.scopes, mode: input.mode ?? "live" },
  });
  return { ...toApiKey(row!), key };
}

export async function listApiKeys(tx: Tx, workspaceId: string): Promise<ApiKey[]> {
  const rows = await tx.select().from(apiKeys).where(eq(apiKeys.workspaceId, workspaceId)).orderBy(desc(apiKeys.createdAt));
  return rows.map(toApiKey);
}

/** Revokes a key at once; a key of another workspace is NotFound. Revoking twice is a no-op. */
export async function revokeApiKey(tx: Tx, workspaceId: string, keyId: string): Promise<void> {
  const row = await findFirst(tx, apiKeys, and(eq(apiKeys.id, keyId), eq(apiKeys.workspaceId, workspaceId)));
  if (!row) throw new NotFound("API key");
  const revoked = await tx
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiKeys.id, keyId), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id });
  if (revoked.length) await appendDomainEvent(tx, { workspaceId, type: "api_key.revoked", subjectId: keyId, payload: { prefix: row.prefix } });
}
