/**
 * Purposes and consents (GDPR Art. 7). A purpose is what the workspace does with end users'
 * integrations, with a notice text and version; the end user grants or revokes consent per
 * purpose. Each change updates `consents` (the current state) and appends to `consent_history`
 * (notice version, time, how it was given, IP and user agent), so consent can be demonstrated
 * (Art. 7(1)) and revoking is as easy as granting (Art. 7(3)).
 */
import { and, desc, eq } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { NotFound } from "../../lib/errors";
import { currentRequest } from "../../lib/request-context";
import { appendDomainEvent } from "../../kernel/events";
import { ActionFailed } from "./actions";
import { consentHistory, consents, purposes } from "./schema";
import { findFirst } from "../../db/find-first";

type PurposeRow = typeof purposes.$inferSelect;
export const toPurposeView = (r: PurposeRow) => ({
  id: r.id,
  key: r.key,
  title: r.title,
  notice: r.notice,
  version: r.version,
  providers: r.providers,
  updated_at: r.updatedAt.toISOString(),
});

export async function listPurposes(tx: Tx, workspaceId: string) {
  return (await tx.select().from(purposes).where(eq(purposes.workspaceId, workspaceId)).orderBy(purposes.key)).map(toPurposeView);
}

/** Creates the purpose or, when its notice changes, bumps its version (earlier consents keep theirs). */
export async function savePurpose(tx: Tx, workspaceId: string, input: { key: string; title: string; notice: string; providers: string[] }) {
  const existing = await findFirst(tx, purposes, and(eq(purposes.workspaceId, workspaceId), eq(purposes.key, input.key)));
  const [row] = existing
    ? await tx
        .update(purposes)
        .set({
          title: input.title,
          notice: input.notice,
          providers: input.providers,
          version: existing.notice === input.notice ? existing.version : existing.version + 1,
          updatedAt: new Date(),
        })
        .where(eq(purposes.id, existing.id))
        .returning()
    : await tx
        .insert(purposes)
        .values({ workspaceId, ...input })
        .returning();
  await appendDomainEvent(tx, {
    workspaceId,
    type: existing ? "purpose.updated" : "purpose.created",
    subjectId: row!.id,
    payload: { key: row!.key, version: row!.version },
  });
  return toPurposeView(row!);
}

/** Every purpose of the workspace with this end user's current consent (null = never asked). */
export async function purposesForEndUser(tx: Tx, workspaceId: string, endUserId: string) {
  const [all, mine] = await Promise.all([listPurposes(tx, workspaceId), tx.select().from(consents).where(eq(consents.endUserId, endUserId))]);
  return all.map((p) => {
    const c = mine.find((m) => m.purpose === p.key);
    return { ...p, granted: c?.granted ?? null, consented_version: c?.noticeVersion ?? null, consent_updated_at: c?.updatedAt.toISOString() ?? null };
  });
}

/** Grants or revokes the end user's consent for purpose `key`; emits `consent.granted|revoked`. */
export async function setConsent(tx: Tx, workspaceId: string, endUserId: string, key: string, granted: boolean, method = "client_portal") {
  const purpose = await findFirst(tx, purposes, and(eq(purposes.workspaceId, workspaceId), eq(purposes.key, key)));
  if (!purpose) throw new NotFound("purpose");
  const now = new Date();
  const values = { description: purpose.notice, granted, noticeVersion: purpose.version, method, updatedAt: now };
  await tx
    .insert(consents)
    .values({ workspaceId, endUserId, purpose: key, ...values })
    .onConflictDoUpdate({ target: [consents.workspaceId, consents.endUserId, consents.purpose], set: values });
  const facts = currentRequest();
  await tx
    .insert(consentHistory)
    .values({ workspaceId, endUserId, purpose: key, granted, noticeVersion: purpose.version, method, ip: facts.ip, userAgent: facts.userAgent, at: now });
  await appendDomainEvent(tx, {
    workspaceId,
    type: granted ? "consent.granted" : "consent.revoked",
    subjectId: endUserId,
    payload: { purpose: key, notice_version: purpose.version, method },
  });
  return { purpose: key, granted, notice_version: purpose.version, updated_at: now.toISOString() };
}

export async function consentHistoryOf(tx: Tx, endUserId: string) {
  const rows = await tx
    .select()
    .from(consentHistory)
    .where(eq(consentHistory.endUserId, endUserId))
    .orderBy(desc(consentHistory.at), desc(consentHistory.id))
    .limit(500);
  return rows.map((r) => ({ id: r.id, purpose: r.purpose, granted: r.granted, notice_version: r.noticeVersion, method: r.method, at: r.at.toISOString() }));
}

/**
 * Throws ActionFailed `consent_required` (not retryable) unless the end user granted consent for
 * every purpose that covers `provider` (a purpose with no providers covers them all).
 */
export async function assertConsentFor(tx: Tx, workspaceId: string, endUserId: string, provider: string): Promise<void> {
  const covering = (await tx.select().from(purposes).where(eq(purposes.workspaceId, workspaceId))).filter(
    (p) => p.providers.length === 0 || p.providers.includes(provider),
  );
  if (!covering.length) return;
  const mine = await tx
    .select()
    .from(consents)
    .where(and(eq(consents.workspaceId, workspaceId), eq(consents.endUserId, endUserId)));
  const missing = covering.filter((p) => !mine.some((c) => c.purpose === p.key && c.granted));
  if (missing.length) throw new ActionFailed(`consent_required: the end user has not granted consent for ${missing.map((p) => p.key).join(", ")}.`, false);
}
