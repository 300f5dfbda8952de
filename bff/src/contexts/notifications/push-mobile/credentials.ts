/**
 * A workspace's mobile push credentials (decision 026): saved per provider with the private key
 * sealed by the workspace's data key (lib/secrets.ts, purpose `push_credentials.<provider>`, so a
 * ciphertext moved to another workspace or provider does not open), read back without it.
 */
import { and, eq } from "drizzle-orm";
import { importPKCS8 } from "jose";
import type { ApnsCredentialsInput, FcmCredentialsInput, PushCredentials } from "@nhood/contracts";
import type { Tx } from "../../../db/client";
import { ValidationFailed } from "../../../lib/errors";
import { decryptForWorkspace, encryptForWorkspace } from "../../../lib/secrets";
import { appendDomainEvent } from "../../../kernel/events";
import { workspaceDataKey } from "../../tenancy";
import { pushCredentials } from "../schema";
import type { ApnsCredentials } from "./apns";
import type { FcmServiceAccount } from "./fcm";
import type { PushPlatform } from "./message";

const purpose = (p: PushPlatform) => `push_credentials.${p}`;

async function assertKey(pem: string, alg: "RS256" | "ES256", pointer: string): Promise<void> {
  try {
    await importPKCS8(pem, alg);
  } catch {
    throw new ValidationFailed([{ pointer, detail: alg === "RS256" ? "not an RSA private key (PKCS#8 PEM)" : "not a P-256 private key (the .p8 file)" }]);
  }
}

async function save(tx: Tx, ws: string, provider: PushPlatform, settings: Record<string, string>, secret: string): Promise<void> {
  const sealed = encryptForWorkspace(await workspaceDataKey(tx, ws), ws, purpose(provider), secret);
  await tx
    .insert(pushCredentials)
    .values({ workspaceId: ws, provider, settings, secretEncrypted: sealed })
    .onConflictDoUpdate({ target: [pushCredentials.workspaceId, pushCredentials.provider], set: { settings, secretEncrypted: sealed, updatedAt: new Date() } });
  await appendDomainEvent(tx, { workspaceId: ws, type: "push_credentials.saved", subjectId: ws, payload: { provider, ...settings } });
}

/** Saves the workspace's FCM service account. ValidationFailed naming `#/service_account/private_key` for a key that is not RSA. */
export async function saveFcmCredentials(tx: Tx, ws: string, input: FcmCredentialsInput): Promise<void> {
  const sa = input.service_account;
  await assertKey(sa.private_key, "RS256", "#/service_account/private_key");
  const settings = {
    project_id: sa.project_id,
    client_email: sa.client_email,
    private_key_id: sa.private_key_id,
    token_uri: sa.token_uri ?? "https://oauth2.googleapis.com/token",
  };
  await save(tx, ws, "fcm", settings, sa.private_key);
}

/** Saves the workspace's APNs signing key. ValidationFailed naming `#/key_p8` for a key that is not P-256. */
export async function saveApnsCredentials(tx: Tx, ws: string, input: ApnsCredentialsInput): Promise<void> {
  await assertKey(input.key_p8, "ES256", "#/key_p8");
  const { key_p8, ...settings } = input;
  await save(tx, ws, "apns", settings, key_p8);
}

/** Removes one provider's credentials (nothing happens when there are none). */
export async function clearPushCredentials(tx: Tx, ws: string, provider: PushPlatform): Promise<void> {
  const gone = await tx
    .delete(pushCredentials)
    .where(and(eq(pushCredentials.workspaceId, ws), eq(pushCredentials.provider, provider)))
    .returning({ provider: pushCredentials.provider });
  if (gone.length) await appendDomainEvent(tx, { workspaceId: ws, type: "push_credentials.cleared", subjectId: ws, payload: { provider } });
}

/** What a read shows: each provider's identifying settings and update time, never a key. */
export async function describePushCredentials(tx: Tx, ws: string): Promise<PushCredentials> {
  const rows = await tx.select().from(pushCredentials).where(eq(pushCredentials.workspaceId, ws));
  const of = (p: PushPlatform) => rows.find((r) => r.provider === p);
  const fcm = of("fcm");
  const apns = of("apns");
  return {
    fcm: fcm
      ? {
          project_id: fcm.settings.project_id!,
          client_email: fcm.settings.client_email!,
          private_key_id: fcm.settings.private_key_id!,
          token_uri: fcm.settings.token_uri!,
          updated_at: fcm.updatedAt.toISOString(),
        }
      : null,
    apns: apns
      ? {
          key_id: apns.settings.key_id!,
          team_id: apns.settings.team_id!,
          bundle_id: apns.settings.bundle_id!,
          environment: apns.settings.environment as "sandbox" | "production",
          updated_at: apns.updatedAt.toISOString(),
        }
      : null,
  };
}

/** The decrypted credentials a send needs (null per provider not configured). */
export async function loadPushCredentials(tx: Tx, ws: string): Promise<{ fcm: FcmServiceAccount | null; apns: ApnsCredentials | null }> {
  const rows = await tx.select().from(pushCredentials).where(eq(pushCredentials.workspaceId, ws));
  if (!rows.length) return { fcm: null, apns: null };
  const key = await workspaceDataKey(tx, ws);
  const out: { fcm: FcmServiceAccount | null; apns: ApnsCredentials | null } = { fcm: null, apns: null };
  for (const r of rows) {
    const secret = decryptForWorkspace(key, ws, purpose(r.provider), r.secretEncrypted);
    const s = r.settings;
    if (r.provider === "fcm") {
      out.fcm = { project_id: s.project_id!, client_email: s.client_email!, private_key_id: s.private_key_id!, token_uri: s.token_uri!, private_key: secret };
    } else {
      out.apns = { key_id: s.key_id!, team_id: s.team_id!, bundle_id: s.bundle_id!, environment: s.environment as "sandbox" | "production", key_p8: secret };
    }
  }
  return out;
}
