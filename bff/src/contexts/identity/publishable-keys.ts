/**
 * Publishable keys and user signatures for the client SDK (decision 027). A workspace has one
 * active publishable key `nhood_pk_…` (public: it ships in the tenant's web or mobile app) and a
 * user-hash secret `nhood_uhs_…` (private: the tenant's backend holds it). The backend signs each
 * end user as `userHash = hex(HMAC-SHA256(secret, externalUserId))` — as Novu's subscriberHash and
 * Intercom's identity verification do — and the SDK sends key, workspace, user and hash on every
 * call. The key alone opens nothing: without a valid hash the caller stays anonymous (401).
 */
import { createHmac } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import type { Database, Tx } from "../../db/client";
import { withWorkspace } from "../../db/tenant";
import { decryptForPlatform, encryptForPlatform, randomToken, safeEqual } from "../../lib/secrets";
import { appendDomainEvent } from "../../kernel/events";
import type { Principal } from "../../lib/http";
import { publishableKeys } from "./schema";

export const PUBLISHABLE_KEY_PREFIX = "nhood_pk_";
export const USER_HASH_SECRET_PREFIX = "nhood_uhs_";
const SEAL = "publishable_keys.user_hash_secret";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `value` looks like a publishable key. */
export const isPublishableKey = (value: string): boolean => value.startsWith(PUBLISHABLE_KEY_PREFIX);

/** A workspace's client SDK credentials, as the tenant's developers see them. */
export interface ClientKeys {
  workspace_id: string;
  publishable_key: string;
  user_hash_secret: string;
  created_at: string;
}

type Row = typeof publishableKeys.$inferSelect;
const toClientKeys = (r: Row): ClientKeys => ({
  workspace_id: r.workspaceId,
  publishable_key: r.key,
  user_hash_secret: decryptForPlatform(SEAL, r.userHashSecret),
  created_at: r.createdAt.toISOString(),
});

/** `hex(HMAC-SHA256(secret, externalUserId))`: what the tenant's backend computes per end user. */
export function computeUserHash(userHashSecret: string, externalUserId: string): string {
  return createHmac("sha256", userHashSecret).update(externalUserId, "utf8").digest("hex");
}

async function insertKey(tx: Tx, workspaceId: string, demo: boolean): Promise<Row> {
  const [row] = await tx
    .insert(publishableKeys)
    .values({
      workspaceId,
      key: `${PUBLISHABLE_KEY_PREFIX}${randomToken(24)}`,
      userHashSecret: encryptForPlatform(SEAL, `${USER_HASH_SECRET_PREFIX}${randomToken(32)}`),
      demo,
    })
    .returning();
  await appendDomainEvent(tx, { workspaceId, type: "publishable_key.created", subjectId: row!.id, payload: { key: row!.key } });
  return row!;
}

/** The workspace's active client keys, created on first use (`demo` marks the demo workspace's). */
export async function ensureClientKeys(tx: Tx, workspaceId: string, opts: { demo?: boolean } = {}): Promise<ClientKeys> {
  const [row] = await tx
    .select()
    .from(publishableKeys)
    .where(and(eq(publishableKeys.workspaceId, workspaceId), isNull(publishableKeys.revokedAt)));
  return toClientKeys(row ?? (await insertKey(tx, workspaceId, opts.demo ?? false)));
}

/** Revokes the active key (apps holding it get 401 at once) and issues a new key and secret. */
export async function rotateClientKeys(tx: Tx, workspaceId: string): Promise<ClientKeys> {
  const revoked = await tx
    .update(publishableKeys)
    .set({ revokedAt: new Date() })
    .where(and(eq(publishableKeys.workspaceId, workspaceId), isNull(publishableKeys.revokedAt)))
    .returning({ id: publishableKeys.id, demo: publishableKeys.demo });
  for (const r of revoked) await appendDomainEvent(tx, { workspaceId, type: "publishable_key.revoked", subjectId: r.id, payload: {} });
  return toClientKeys(
    await insertKey(
      tx,
      workspaceId,
      revoked.some((r) => r.demo),
    ),
  );
}

/** The demo workspace's active client keys (the example page's), or null when the seed made none. */
export async function demoClientKeys(db: Database): Promise<ClientKeys | null> {
  const [row] = await db
    .select()
    .from(publishableKeys)
    .where(and(eq(publishableKeys.demo, true), isNull(publishableKeys.revokedAt)))
    .limit(1);
  return row ? toClientKeys(row) : null;
}

/**
 * Resolves `Authorization: Bearer nhood_pk_…` with `X-Nhood-Workspace` (the workspace id),
 * `X-Nhood-User` (the externalUserId) and `X-Nhood-User-Hash`. Any missing or wrong part answers
 * an anonymous principal with the reason (the route then answers 401); never throws for them.
 */
export async function resolvePublishableKey(db: Database, key: string, headers: { workspace?: string; user?: string; userHash?: string }): Promise<Principal> {
  const { workspace, user, userHash } = headers;
  if (!workspace || !UUID.test(workspace))
    return { kind: "anonymous", error: "Send X-Nhood-Workspace (your workspace id) with a publishable key.", reason: "missing_client_workspace" };
  if (!user || user.length > 255 || !userHash)
    return { kind: "anonymous", error: "Send X-Nhood-User and X-Nhood-User-Hash with a publishable key.", reason: "missing_user_signature" };
  const row = await withWorkspace(db, workspace, async (tx) => {
    const [r] = await tx
      .select()
      .from(publishableKeys)
      .where(and(eq(publishableKeys.workspaceId, workspace), eq(publishableKeys.key, key)));
    return r;
  });
  if (!row || row.revokedAt)
    return {
      kind: "anonymous",
      error: "The publishable key is unknown or revoked for this workspace.",
      reason: row ? "revoked_publishable_key" : "unknown_publishable_key",
    };
  const expected = computeUserHash(decryptForPlatform(SEAL, row.userHashSecret), user);
  if (!safeEqual(expected, userHash.toLowerCase()))
    return { kind: "anonymous", error: "X-Nhood-User-Hash does not sign X-Nhood-User.", reason: "bad_user_hash" };
  return { kind: "client", workspaceId: row.workspaceId, publishableKeyId: row.id, externalUserId: user };
}
