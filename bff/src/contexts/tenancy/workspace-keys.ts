/**
 * A workspace's secrets, which tenancy holds on the `workspaces` row: its data key (wrapped by
 * the master key, lib/secrets.ts) that every context seals its secrets at rest with, and its
 * Standard Webhooks secret. Other contexts ask here instead of reading the row.
 */
import { eq, sql } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { NotFound } from "../../lib/errors";
import { decryptForWorkspace } from "../../lib/secrets";
import { workspaces } from "./schema";

/**
 * The lock a data key rotation takes exclusively (key-rotation.ts) and every reader of the data
 * key shares until the end of its transaction: a value sealed with the key a transaction read can
 * never be written after a rotation re-sealed the workspace's secrets (it would stay under the
 * old key), and a reader never sees the new key beside a value still under the old one.
 */
export const dataKeyLockName = (workspaceId: string) => `data-key:${workspaceId}`;

async function shareDataKeyLock(tx: Tx, workspaceId: string): Promise<void> {
  // its own statement: a READ COMMITTED statement's snapshot is taken before a lock it waits for
  await tx.execute(sql`select pg_advisory_xact_lock_shared(hashtextextended(${dataKeyLockName(workspaceId)}, 0))`);
}

/** The workspace's wrapped data key (lib/secrets.ts). NotFound when `tx` cannot see the workspace. */
export async function workspaceDataKey(tx: Tx, workspaceId: string): Promise<string> {
  await shareDataKeyLock(tx, workspaceId);
  const [ws] = await tx.select({ key: workspaces.dataKeyWrapped }).from(workspaces).where(eq(workspaces.id, workspaceId));
  if (!ws) throw new NotFound("workspace");
  return ws.key;
}

/**
 * The workspace's Standard Webhooks secret (`whsec_…`), decrypted from
 * `workspaces.webhook_secret_encrypted` with its data key. Verifies inbound workflow trigger
 * signatures and signs `core.webhook_send` deliveries. NotFound for an unknown workspace.
 */
export async function workspaceWebhookSecret(tx: Tx, workspaceId: string): Promise<string> {
  await shareDataKeyLock(tx, workspaceId);
  const [ws] = await tx
    .select({ key: workspaces.dataKeyWrapped, sealed: workspaces.webhookSecretEncrypted })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  if (!ws) throw new NotFound("workspace");
  return decryptForWorkspace(ws.key, workspaceId, "webhook_secret", ws.sealed);
}
