/**
 * Purging soft-deleted workspaces. `deleteWorkspace` enqueues `admin.purge_workspace` with
 * `run_at` = deleted_at + grace (NHOOD_PURGE_GRACE_DAYS, default 30 days) and job key
 * `purge:<id>` (reactivation removes the job). The task re-checks that the workspace is still
 * deleted and due, then deletes every tenant row of it — every table with a `workspace_id`
 * except the platform's own record (domain events, their consumptions, the audit log) — and
 * finally the workspace row. Appends the platform-level event `workspace.purged`.
 */
import { eq, sql } from "drizzle-orm";
import { jobKind } from "../../kernel/jobs";
import type { Database, Tx } from "../../db/client";
import { withPlatform, withWorkspace } from "../../db/tenant";
import { appendDomainEvent } from "../../kernel/events";
import { workspaces } from "./schema";
import { findFirst } from "../../db/find-first";

/** The purge of one soft-deleted workspace at the end of its grace period; key `purge:<id>`. */
export const PURGE_JOB = jobKind<{ workspace_id: string }>("admin.purge_workspace", { maxAttempts: 5, keyPrefix: "purge:", keyField: "workspace_id" });
const KEPT = new Set(["domain_events", "event_consumptions", "audit_log", "workspaces"]);

/** Grace period between soft delete and purge, in milliseconds. */
export const graceMs = (): number => Number(process.env.NHOOD_PURGE_GRACE_DAYS ?? 30) * 86_400_000;
export const purgeAt = (deletedAt: Date): Date => new Date(deletedAt.getTime() + graceMs());

async function deleteTenantRows(tx: Tx, workspaceId: string): Promise<number> {
  // partitions (decision 023) are reached through their parent table, never on their own
  const tables = (
    await tx.execute<{ table_name: string }>(sql`select distinct c.table_name from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = 'public' and c.column_name = 'workspace_id' and t.table_type = 'BASE TABLE'
      and not exists (select 1 from pg_class p join pg_namespace n on n.oid = p.relnamespace
        where n.nspname = 'public' and p.relname = c.table_name and p.relispartition)`)
  )
    .map((r) => r.table_name)
    .filter((t) => !KEPT.has(t));
  let pending = tables;
  // rows of one table may be referenced (without cascade) by another's: retry until none move
  for (let pass = 0; pending.length > 0 && pass <= tables.length; pass++) {
    const failed: string[] = [];
    for (const table of pending) {
      try {
        await tx.transaction((sp) => sp.execute(sql`delete from ${sql.identifier(table)} where workspace_id = ${workspaceId}`));
      } catch {
        failed.push(table);
      }
    }
    if (failed.length === pending.length) break;
    pending = failed;
  }
  const gone = await tx.delete(workspaces).where(eq(workspaces.id, workspaceId)).returning({ id: workspaces.id });
  return gone.length;
}

/** Purges `workspaceId` when it is soft-deleted and its grace period is over; answers whether it did. */
export async function purgeWorkspace(db: Database, workspaceId: string, now = new Date()): Promise<boolean> {
  const purged = await withWorkspace(db, workspaceId, async (tx) => {
    const ws = await findFirst(tx, workspaces, eq(workspaces.id, workspaceId));
    if (!ws?.deletedAt || purgeAt(ws.deletedAt) > now) return null;
    await deleteTenantRows(tx, workspaceId);
    return ws;
  });
  if (!purged) return false;
  await withPlatform(db, (tx) =>
    appendDomainEvent(tx, {
      workspaceId: null,
      type: "workspace.purged",
      subjectId: workspaceId,
      payload: { name: purged.name, deleted_at: purged.deletedAt!.toISOString() },
    }),
  );
  return true;
}
