/**
 * The audit explorer across workspaces: the `audit_log` read model filtered by workspace,
 * actor, action (exact, or a prefix ending in `.` such as `workspace.`) and time
 * (`from` inclusive, `to` exclusive), newest first with keyset pagination on
 * (occurred_at desc, event_id desc). Exports stream the same filter as CSV or JSON.
 * The query itself is the kernel's (kernel/audit-query.ts), shared with a workspace's own log.
 */
import type { Database } from "../../../db/client";
import { withPlatform } from "../../../db/tenant";
import { allAuditRows, pageAuditRows, type AuditLogRow } from "../../../kernel/audit-query";
import { workspaceNames } from "../../tenancy";
import type { AuditEntry } from "@nhood/contracts";

export interface AuditFilter {
  workspace_id?: string;
  actor_id?: string;
  action?: string;
  from?: string;
  to?: string;
}

const toEntry = (r: AuditLogRow, workspaceName: string | null): AuditEntry => ({
  id: r.eventId,
  workspace_id: r.workspaceId,
  workspace_name: workspaceName,
  action: r.action,
  actor_kind: r.actorKind,
  actor_id: r.actorId,
  subject_id: r.subjectId,
  detail: (r.detail ?? {}) as Record<string, unknown>,
  ip: r.ip,
  occurred_at: r.occurredAt.toISOString(),
});

/** One page of audit entries (`limit` 1–200) and the cursor of the next. */
export async function listAudit(
  db: Database,
  f: AuditFilter,
  cursor: string | undefined,
  limit: number,
): Promise<{ items: AuditEntry[]; next_cursor: string | null }> {
  return withPlatform(db, async (tx) => {
    const { rows, next_cursor } = await pageAuditRows(tx, { ...f, workspace: f.workspace_id ?? null }, cursor, limit);
    // workspace names from tenancy (a purged workspace has none)
    const names = await workspaceNames(tx, [...new Set(rows.flatMap((r) => (r.workspaceId ? [r.workspaceId] : [])))]);
    return { items: rows.map((r) => toEntry(r, r.workspaceId ? (names.get(r.workspaceId) ?? null) : null)), next_cursor };
  });
}

/** Every matching entry, newest first, in pages of 500, up to `max` entries. */
export function allAudit(db: Database, f: AuditFilter, max = 100_000): AsyncGenerator<AuditEntry> {
  return allAuditRows((cursor, limit) => listAudit(db, f, cursor, limit), max);
}
