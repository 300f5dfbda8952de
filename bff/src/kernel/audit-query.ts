/**
 * Reading the audit log (the `audit_log` read model, kernel/audit.ts), shared by the platform's
 * audit explorer (every workspace, platform staff) and a workspace's own audit log (one
 * workspace, its owners and admins). Filters: workspace, actor, action (exact, or a prefix ending
 * in `.` such as `rule.`), target (`subject_id`), time (`from` inclusive, `to` exclusive, ISO
 * 8601). Newest first, keyset pagination on (occurred_at desc, event_id desc); `allAuditRows`
 * walks every page for a streamed export. Callers pick the scope: `workspace: null` means every
 * workspace and the platform's own rows (staff only); a workspace id means that workspace's rows
 * only — never the platform rows (`workspace_id` null) — whatever else the filter says.
 */
import { and, desc, eq, gte, like, lt, or, type SQL } from "drizzle-orm";
import type { Tx } from "../db/client";
import { decodeCursor, encodeCursor } from "../lib/cursor";
import { auditLog } from "./schema";

export interface AuditRowFilter {
  /** the workspace whose rows are read; null: all rows (platform staff) */
  workspace: string | null;
  actor_id?: string;
  action?: string;
  subject_id?: string;
  from?: string;
  to?: string;
}

export type AuditLogRow = typeof auditLog.$inferSelect;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);

function conditions(f: AuditRowFilter, cursor?: string): (SQL | undefined)[] {
  const after = decodeCursor(cursor);
  const action = f.action ? (f.action.endsWith(".") ? like(auditLog.action, `${escapeLike(f.action)}%`) : eq(auditLog.action, f.action)) : undefined;
  return [
    f.workspace ? eq(auditLog.workspaceId, f.workspace) : undefined,
    f.actor_id ? eq(auditLog.actorId, f.actor_id) : undefined,
    action,
    f.subject_id ? eq(auditLog.subjectId, f.subject_id) : undefined,
    f.from ? gte(auditLog.occurredAt, new Date(f.from)) : undefined,
    f.to ? lt(auditLog.occurredAt, new Date(f.to)) : undefined,
    after ? or(lt(auditLog.occurredAt, after.at), and(eq(auditLog.occurredAt, after.at), lt(auditLog.eventId, after.id))) : undefined,
  ];
}

/**
 * One page of audit rows (`limit` rows at most) in `tx` and the cursor of the next page (null at
 * the end). `tx` decides what row-level security lets through: the platform scope for staff, the
 * workspace's own scope for a workspace (RLS then hides every other row as well).
 */
export async function pageAuditRows(
  tx: Tx,
  f: AuditRowFilter,
  cursor: string | undefined,
  limit: number,
): Promise<{ rows: AuditLogRow[]; next_cursor: string | null }> {
  const rows = await tx
    .select()
    .from(auditLog)
    .where(and(...conditions(f, cursor)))
    .orderBy(desc(auditLog.occurredAt), desc(auditLog.eventId))
    .limit(limit + 1);
  const last = rows.length > limit ? rows[limit - 1]! : null;
  return { rows: rows.slice(0, limit), next_cursor: last ? encodeCursor(last.occurredAt, last.eventId) : null };
}

/**
 * Every matching row, newest first, read `pageSize` at a time through `pageOf` (each page in
 * its own transaction, so a long export holds no transaction open), up to `max` rows.
 */
export async function* allAuditRows<T>(
  pageOf: (cursor: string | undefined, limit: number) => Promise<{ items: T[]; next_cursor: string | null }>,
  max = 100_000,
  pageSize = 500,
): AsyncGenerator<T> {
  let cursor: string | undefined;
  let n = 0;
  for (;;) {
    const { items, next_cursor } = await pageOf(cursor, pageSize);
    for (const e of items) {
      if (n++ >= max) return;
      yield e;
    }
    if (!next_cursor) return;
    cursor = next_cursor;
  }
}
