/**
 * The end user's data rights. Export (GDPR Art. 20): everything we hold about them as one JSON
 * document — profile, connections without secrets, consents with their history, executions run
 * for them. Erasure (Art. 17): a job revokes and deletes their connections and tokens, deletes
 * consents, pending authorizations and connect sessions, strips IP and user agent from the consent
 * history (kept, pseudonymous, as proof under Art. 7(1)), deletes their push tokens and clears their
 * phone, roles and metadata, scrubs execution payloads, replaces
 * their identifiers in notifications, ingested events, stored webhook payloads and the event log
 * (each through the owning context), and pseudonymises the end user. The `end_user.erased` event
 * names no personal data.
 */
import { identifiersOf } from "../../lib/redact";
import { eraseFromEventLog } from "../../kernel/events";
import { erasePersonalData, exportPersonalData, type DataSubject } from "../../kernel/personal-data";
import { eq } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { NotFound } from "../../lib/errors";
import { sha256Hex } from "../../lib/secrets";
import { enqueueJob } from "../../kernel/jobs";
import { ERASE_END_USER_JOB } from "./jobs";
import { appendDomainEvent } from "../../kernel/events";
import { listEndUserConnections, revokeConnection } from "./connections";
import { consentHistoryOf, purposesForEndUser } from "./consents";
import { connections, connectSessions, consentHistory, consents, endUsers, oauthAuthorizations, pushTokens } from "./schema";
import { toEndUser } from "./service";
import { findFirst } from "../../db/find-first";

const subjectOf = (
  workspaceId: string,
  eu: { id: string; externalUserId: string; email: string | null; name: string | null; phone: string | null },
): DataSubject => ({
  workspaceId,
  endUserId: eu.id,
  externalUserId: eu.externalUserId,
  identifiers: identifiersOf([eu.externalUserId, eu.email, eu.name, eu.phone]),
});

/** Everything held about the end user (Art. 20), as a JSON-serialisable object. */
export async function exportEndUserData(tx: Tx, workspaceId: string, endUserId: string) {
  const eu = await findFirst(tx, endUsers, eq(endUsers.id, endUserId));
  if (!eu) throw new NotFound("end user");
  // what other contexts hold about them (workflows: `executions`), through the kernel's registry
  const held = await exportPersonalData(tx, subjectOf(workspaceId, eu));
  await appendDomainEvent(tx, { workspaceId, type: "end_user.data_exported", subjectId: endUserId, payload: {} });
  return {
    exported_at: new Date().toISOString(),
    profile: toEndUser(eu),
    connections: await listEndUserConnections(tx, endUserId),
    consents: await purposesForEndUser(tx, workspaceId, endUserId),
    consent_history: await consentHistoryOf(tx, endUserId),
    executions: [],
    ...held,
  };
}

/** Records the request and enqueues the erasure job (idempotent per end user). */
export async function requestErasure(tx: Tx, workspaceId: string, endUserId: string): Promise<{ status: "scheduled" }> {
  await appendDomainEvent(tx, { workspaceId, type: "end_user.erasure_requested", subjectId: endUserId, payload: {} });
  await enqueueJob(tx, ERASE_END_USER_JOB, { workspace_id: workspaceId, end_user_id: endUserId });
  return { status: "scheduled" };
}

/** Performs the erasure (Art. 17) in `tx`; safe to run twice. */
export async function eraseEndUser(tx: Tx, workspaceId: string, endUserId: string): Promise<void> {
  const eu = await findFirst(tx, endUsers, eq(endUsers.id, endUserId));
  if (!eu || eu.erasedAt) return;
  for (const c of await tx.select({ id: connections.id, status: connections.status }).from(connections).where(eq(connections.endUserId, endUserId))) {
    if (c.status !== "revoked") await revokeConnection(tx, workspaceId, endUserId, c.id).catch(() => undefined);
  }
  await tx.delete(connections).where(eq(connections.endUserId, endUserId));
  await tx.delete(consents).where(eq(consents.endUserId, endUserId));
  await tx.delete(oauthAuthorizations).where(eq(oauthAuthorizations.endUserId, endUserId));
  await tx.delete(connectSessions).where(eq(connectSessions.endUserId, endUserId));
  await tx.update(consentHistory).set({ ip: null, userAgent: null, meta: {} }).where(eq(consentHistory.endUserId, endUserId));
  // executions (workflows), notification texts, event and webhook payloads (notifications), then the event log
  const subject = subjectOf(workspaceId, eu);
  await erasePersonalData(tx, subject);
  await eraseFromEventLog(tx, workspaceId, subject.identifiers);
  await tx.delete(pushTokens).where(eq(pushTokens.endUserId, endUserId));
  await tx
    .update(endUsers)
    .set({
      externalUserId: `erased-${sha256Hex(eu.id).slice(0, 16)}`,
      email: null,
      name: null,
      phone: null,
      roles: [],
      metadata: {},
      status: "disabled",
      erasedAt: new Date(),
      updatedAt: new Date(),
    })
    .where(eq(endUsers.id, endUserId));
  await appendDomainEvent(tx, { workspaceId, type: "end_user.erased", subjectId: endUserId, payload: {} });
}
