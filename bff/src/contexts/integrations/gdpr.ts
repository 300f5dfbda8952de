/**
 * The end user's data rights. Export (GDPR Art. 20): everything we hold about them as one JSON
 * document — profile, connections without secrets, consents with their history, executions run
 * for them. Erasure (Art. 17): a job revokes and deletes their connections and tokens, deletes
 * consents, pending authorizations and connect sessions, strips IP and user agent from the consent
 * history (kept, pseudonymous, as proof under Art. 7(1)), scrubs execution payloads, replaces
 * their identifiers in notifications, ingested events, stored webhook payloads and the event log
 * (each through the owning context), and pseudonymises the end user. The `end_user.erased` event
 * names no personal data.
 */
import { identifiersOf } from "../../lib/redact";
import { erasePersonalData } from "../notifications/erasure";
import { eraseFromEventLog } from "../../kernel/events";
import { eq, sql } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { NotFound } from "../../lib/errors";
import { sha256Hex } from "../../lib/secrets";
import { enqueueJob } from "../../kernel/jobs";
import { ERASE_END_USER_JOB } from "./jobs";
import { appendDomainEvent } from "../../kernel/events";
import { listEndUserConnections, revokeConnection } from "./connections";
import { consentHistoryOf, purposesForEndUser } from "./consents";
import { connections, connectSessions, consentHistory, consents, endUsers, oauthAuthorizations } from "./schema";
import { toEndUser } from "./service";

async function executionsTableExists(tx: Tx): Promise<boolean> {
  const rows = await tx.execute<{ t: string | null }>(sql`select to_regclass('public.workflow_executions')::text as t`);
  return Boolean((rows as unknown as { t: string | null }[])[0]?.t);
}

/** Everything held about the end user (Art. 20), as a JSON-serialisable object. */
export async function exportEndUserData(tx: Tx, workspaceId: string, endUserId: string) {
  const eu = await tx.query.endUsers.findFirst({ where: eq(endUsers.id, endUserId) });
  if (!eu) throw new NotFound("end user");
  let executions: unknown[] = [];
  if (await executionsTableExists(tx)) {
    executions = [...(await tx.execute(sql`select id, workflow_id, status, trigger_type, trigger_payload, error, created_at, finished_at
      from workflow_executions where workspace_id = ${workspaceId} and end_user_id in (${eu.id}, ${eu.externalUserId}) order by created_at desc limit 1000`))];
  }
  await appendDomainEvent(tx, { workspaceId, type: "end_user.data_exported", subjectId: endUserId, payload: {} });
  return {
    exported_at: new Date().toISOString(),
    profile: toEndUser(eu),
    connections: await listEndUserConnections(tx, endUserId),
    consents: await purposesForEndUser(tx, workspaceId, endUserId),
    consent_history: await consentHistoryOf(tx, endUserId),
    executions,
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
  const eu = await tx.query.endUsers.findFirst({ where: eq(endUsers.id, endUserId) });
  if (!eu || eu.erasedAt) return;
  for (const c of await tx.select({ id: connections.id, status: connections.status }).from(connections).where(eq(connections.endUserId, endUserId))) {
    if (c.status !== "revoked") await revokeConnection(tx, workspaceId, endUserId, c.id).catch(() => undefined);
  }
  await tx.delete(connections).where(eq(connections.endUserId, endUserId));
  await tx.delete(consents).where(eq(consents.endUserId, endUserId));
  await tx.delete(oauthAuthorizations).where(eq(oauthAuthorizations.endUserId, endUserId));
  await tx.delete(connectSessions).where(eq(connectSessions.endUserId, endUserId));
  await tx.update(consentHistory).set({ ip: null, userAgent: null, meta: {} }).where(eq(consentHistory.endUserId, endUserId));
  if (await executionsTableExists(tx)) {
    await tx.execute(sql`update workflow_step_runs set input = null, output = null where execution_id in
      (select id from workflow_executions where workspace_id = ${workspaceId} and end_user_id in (${eu.id}, ${eu.externalUserId}))`);
    await tx.execute(sql`update workflow_executions set trigger_payload = '{}'::jsonb, error = null, end_user_id = ${eu.id}
      where workspace_id = ${workspaceId} and end_user_id in (${eu.id}, ${eu.externalUserId})`);
  }
  // their identifiers may also sit in notification texts, event and webhook payloads and the event log
  const identifiers = identifiersOf([eu.externalUserId, eu.email, eu.name]);
  await erasePersonalData(tx, workspaceId, identifiers);
  await eraseFromEventLog(tx, workspaceId, identifiers);
  await tx.update(endUsers).set({ externalUserId: `erased-${sha256Hex(eu.id).slice(0, 16)}`, email: null, name: null, erasedAt: new Date() }).where(eq(endUsers.id, endUserId));
  await appendDomainEvent(tx, { workspaceId, type: "end_user.erased", subjectId: endUserId, payload: {} });
}
