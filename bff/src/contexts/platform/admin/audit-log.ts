/**
 * The audit explorer across workspaces: the `audit_log` read model filtered by workspace,
 * actor, action (exact, or a prefix ending in `.` such as `workspace.`) and time
 * (`from` inclusive, `to` exclusive), newest first with keyset pagination on
 * (occurred_at desc, event_id desc). Exports stream the same filter as CSV or JSON.
 */
import { and, desc, eq, gte, like, lt, or, type SQL } from "drizzle-orm";
import type { Database } from "../../../db/client";
import { withPlatform } from "../../../db/tenant";
import { decodeCursor, encodeCursor } from "../../../lib/cursor";
import { auditLog } from "../../../kernel/schema";
import { workspaceNames } from "../../tenancy";
import type { AuditEntry } from "@nhood/contracts";

export interface AuditFilter {
  workspace_id?: string;
  actor_id?: string;
  action?: string;
  from?: string;
  to?: string;
}

function conditions(f: AuditFilter, cursor?: string): (SQL | undefined)[] {
  const after = decodeCursor(cursor);
  const action = f.action
    ? f.action.endsWith(".")
      ? like(auditLog.action, `${f.action.replace(/[\\%_]/g, (m) => `\\${m}`)}%`)
      : eq(auditLog.action, f.action)
    : undefined;
  return [
    f.workspace_id ? eq(auditLog.workspaceId, f.workspace_id) : undefined,
    f.actor_id ? eq(auditLog.actorId, f.actor_id) : undefined,
    action,
    f.from ? gte(auditLog.occurredAt, new Date(f.from)) : undefined,
    f.to ? lt(auditLog.occurredAt, new Date(f.to)) : undefined,
    after ? or(lt(auditLog.occurredAt, after.at), and(eq(auditLog.occurredAt, after.at), lt(auditLog.eventId, after.id))) : undefined,
  ];
}

type Row = typeof auditLog.$inferSelect & { workspaceName: string | null };
const toEntry = (r: Row): AuditEntry => ({
  id: r.eventId,
  workspace_id: r.workspaceId,
  workspace_name: r.workspaceName,
  action: r.action,
  actor_kind: r.actorKind,
  actor_id: r.actorId,
  subject_id: r.subjectId,
  detail: (r.detail ?? {}) as Record<string, unknown>,
  ip: r.ip,
  occurred_at: r.occurredAt.toISOString(),
});

async function page(db: Database, f: AuditFilter, cursor: string | undefined, limit: number): Promise<Row[]> {
  return withPlatform(db, async (tx) => {
    const rows = await tx
      .select()
      .from(auditLog)
      .where(and(...conditions(f, cursor)))
      .orderBy(desc(auditLog.occurredAt), desc(auditLog.eventId))
      .limit(limit);
    // workspace names from tenancy (a purged workspace has none)
    const names = await workspaceNames(tx, [...new Set(rows.flatMap((r) => (r.workspaceId ? [r.workspaceId] : [])))]);
    return rows.map((r) => ({ ...r, workspaceName: r.workspaceId ? (names.get(r.workspaceId) ?? null) : null }));
  });
}

/** One page of audit entries (`limit` 1–200) and the cursor of the next. */
export async function listAudit(
  db: Database,
  f: AuditFilter,
  cursor: string | undefined,
  limit: number,
): Promise<{ items: AuditEntry[]; next_cursor: string | null }> {
  const rows = await page(db, f, cursor, limit + 1);
  const last = rows.length > limit ? rows[limit - 1]! : null;
  return { items: rows.slice(0, limit).map(toEntry), next_cursor: last ? encodeCursor(last.occurredAt, last.eventId) : null };
}

/** Every matching entry, newest first, in pages of 500, up to `max` entries. */
export async function* allAudit(db: Database, f: AuditFilter, max = 100_000): AsyncGenerator<AuditEntry> {
  let cursor: string | undefined;
  let n = 0;
  for (;;) {
    const { items, next_cursor } = await listAudit(db, f, cursor, 500);
    for (const e of items) {
      if (n++ >= max) return;
      yield e;
    }
    if (!next_cursor) return;
    cursor = next_cursor;
  }
}
