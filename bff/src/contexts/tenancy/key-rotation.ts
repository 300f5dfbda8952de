/**
 * Key rotation (issue 18 part 5, decision 030).
 *
 * - `rotateMasterKey`: with `MASTER_KEY` = the new key and `MASTER_KEY_PREVIOUS` = the old one,
 *   re-wraps every workspace's data key under the new master key and re-seals every value sealed
 *   with the platform key (derived from the master key) on rows of the workspaces and of no
 *   workspace. One transaction per workspace, in id order, and one for the platform's rows; each
 *   skips what is already under the new key, so a run that was interrupted is finished by running
 *   it again. Values sealed with a workspace's data key need nothing: the data key is unchanged.
 * - `rotateWorkspaceDataKey`: a fresh data key for one workspace, and every value sealed with the
 *   old one (its webhook secret here, and every context's declared columns, kernel/sealed-secrets.ts)
 *   sealed again under the new one, in one transaction (all or nothing) that holds the workspace's
 *   data key lock exclusively (workspace-keys.ts).
 *
 * Both append domain events, so the audit log records each rotation: `workspace.data_key_rewrapped`
 * (per workspace), `platform.master_key_rotated`, `workspace.data_key_rotated`.
 */
import { asc, eq } from "drizzle-orm";
import type { Database, Tx } from "../../db/client";
import { withPlatform, withWorkspace } from "../../db/tenant";
import { appendDomainEvent } from "../../kernel/events";
import { lockFor } from "../../kernel/locks";
import { resealColumns, sealedTables } from "../../kernel/sealed-secrets";
import { NotFound } from "../../lib/errors";
import { hasPreviousMasterKey, newWrappedDataKey, resealForPlatform, resealUnderNewDataKey, rewrapDataKey } from "../../lib/secrets";
import { workspaces } from "./schema";
import { dataKeyLockName } from "./workspace-keys";

export class RotationNotConfigured extends Error {}

export interface MasterKeyRotation {
  workspaces: number;
  /** workspaces whose data key this run re-wrapped (the others already were) */
  rewrapped: number;
  /** platform-sealed values this run re-sealed */
  platformValues: number;
}

async function lockedWorkspace(tx: Tx, workspaceId: string) {
  await lockFor(tx, dataKeyLockName(workspaceId));
  const [row] = await tx
    .select({ wrapped: workspaces.dataKeyWrapped, webhookSecret: workspaces.webhookSecretEncrypted })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId))
    .for("update");
  if (!row) throw new NotFound("workspace");
  return row;
}

/**
 * Re-wraps every workspace's data key and re-seals platform-held values under the current master
 * key (see the module comment). `progress` hears one line per workspace. Throws
 * RotationNotConfigured without `MASTER_KEY_PREVIOUS`, and DecryptionFailed (stopping there; the
 * workspaces before it stay done) when a value opens under neither key.
 */
export async function rotateMasterKey(db: Database, progress: (line: string) => void = () => {}): Promise<MasterKeyRotation> {
  if (!hasPreviousMasterKey()) {
    throw new RotationNotConfigured("set MASTER_KEY to the new master key and MASTER_KEY_PREVIOUS to the one in use until now");
  }
  const ids = await withPlatform(db, (tx) => tx.select({ id: workspaces.id }).from(workspaces).orderBy(asc(workspaces.id)));
  const out: MasterKeyRotation = { workspaces: ids.length, rewrapped: 0, platformValues: 0 };
  for (const [i, { id }] of ids.entries()) {
    const done = await withWorkspace(db, id, async (tx) => {
      const row = await lockedWorkspace(tx, id);
      const rewrapped = rewrapDataKey(row.wrapped, id);
      let platformValues = 0;
      for (const t of sealedTables()) platformValues += await resealColumns(tx, t, id, "platform", resealForPlatform);
      if (rewrapped) await tx.update(workspaces).set({ dataKeyWrapped: rewrapped }).where(eq(workspaces.id, id));
      if (rewrapped || platformValues) {
        await appendDomainEvent(tx, {
          workspaceId: id,
          type: "workspace.data_key_rewrapped",
          subjectId: id,
          payload: { data_key: rewrapped ? "rewrapped" : "unchanged", platform_values: platformValues },
        });
      }
      return { rewrapped: !!rewrapped, platformValues };
    });
    out.rewrapped += done.rewrapped ? 1 : 0;
    out.platformValues += done.platformValues;
    progress(
      `${i + 1}/${ids.length} ${id}: data key ${done.rewrapped ? "re-wrapped" : "already under the new master key"}, ${done.platformValues} platform value(s)`,
    );
  }
  const platformRows = await withPlatform(db, async (tx) => {
    let n = 0;
    for (const t of sealedTables()) n += await resealColumns(tx, t, null, "platform", resealForPlatform);
    await appendDomainEvent(tx, {
      workspaceId: null,
      type: "platform.master_key_rotated",
      payload: { workspaces: out.workspaces, rewrapped: out.rewrapped, platform_values: out.platformValues + n },
    });
    return n;
  });
  out.platformValues += platformRows;
  progress(`platform: ${platformRows} value(s) on rows of no workspace`);
  return out;
}

/**
 * Gives workspace `workspaceId` a fresh data key and re-seals every value sealed with the old one
 * (see the module comment). Answers how many values were re-sealed. NotFound for an unknown
 * workspace; DecryptionFailed (nothing changed) when a value does not open under the old key.
 */
export async function rotateWorkspaceDataKey(db: Database, workspaceId: string): Promise<{ values: number }> {
  return withWorkspace(db, workspaceId, async (tx) => {
    const row = await lockedWorkspace(tx, workspaceId);
    const next = newWrappedDataKey(workspaceId);
    const reseal = (purpose: string, sealed: string) => resealUnderNewDataKey(row.wrapped, next, workspaceId, purpose, sealed);
    let values = 1;
    const webhookSecret = reseal("webhook_secret", row.webhookSecret);
    for (const t of sealedTables()) values += await resealColumns(tx, t, workspaceId, "workspace", reseal);
    await tx.update(workspaces).set({ dataKeyWrapped: next, webhookSecretEncrypted: webhookSecret }).where(eq(workspaces.id, workspaceId));
    await appendDomainEvent(tx, { workspaceId, type: "workspace.data_key_rotated", subjectId: workspaceId, payload: { values } });
    return { values };
  });
}
