/**
 * A workspace's secrets, which tenancy holds on the `workspaces` row: its data key (wrapped by
 * the master key, lib/secrets.ts) that every context seals its secrets at rest with, and its
 * Standard Webhooks secret. Other contexts ask here instead of reading the row.
 */
import { eq } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { NotFound } from "../../lib/errors";
import { decryptForWorkspace } from "../../lib/secrets";
import { workspaces } from "./schema";

/** The workspace's wrapped data key (lib/secrets.ts). NotFound when `tx` cannot see the workspace. */
export async function workspaceDataKey(tx: Tx, workspaceId: string): Promise<string> {
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
  const [ws] = await tx
    .select({ key: workspaces.dataKeyWrapped, sealed: workspaces.webhookSecretEncrypted })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  if (!ws) throw new NotFound("workspace");
  return decryptForWorkspace(ws.key, workspaceId, "webhook_secret", ws.sealed);
}
