/**
 * Secrets sealed at rest across contexts, for key rotation (decision 030). Tenancy owns the keys
 * (a workspace's data key on its row, wrapped by the master key; lib/secrets.ts) and runs the
 * rotations; every context that stores sealed values declares its columns here when it loads
 * (`registerSealedColumns`), so a rotation reaches them without tenancy importing the context.
 *
 * `resealColumns` reads a declared table's rows of one workspace (or, for tables of no workspace,
 * all rows) in the caller's transaction and writes back, in one statement per table, the values a
 * `Reseal` changed. A `Reseal` answers the value sealed again under the new key, or null when it
 * needs no change (already under the new key: a rotation run again after an interruption skips
 * it); it throws `DecryptionFailed` when the value opens under neither key, and the rotation stops.
 */
import { sql } from "drizzle-orm";
import type { Tx } from "../db/client";

export type Reseal = (purpose: string, sealed: string) => string | null;

/** What a column is sealed with: the workspace's data key (`encryptForWorkspace`) or the platform key (`encryptForPlatform`). */
export type SealedWith = "workspace" | "platform";

export interface SealedColumn {
  column: string;
  sealedWith: SealedWith;
  /** the purpose the value was sealed for, from the row (its `key` and `extra` columns, as text) */
  purpose: (row: Record<string, string>) => string;
}

export interface SealedTable {
  /** the owning context and table, e.g. `integrations.connections` */
  name: string;
  table: string;
  /** the primary key column (text-castable) */
  key: string;
  /** true when rows carry `workspace_id` (read per workspace, in its RLS scope) */
  perWorkspace: boolean;
  /** other columns the purposes need */
  extra?: string[];
  columns: SealedColumn[];
}

const tables = new Map<string, SealedTable>();
const ident = (name: string) => sql.raw(`"${name.replaceAll('"', '""')}"`);

/** Declares a table's sealed columns (a second declaration of the name replaces the first). */
export function registerSealedColumns(t: SealedTable): void {
  tables.set(t.name, t);
}

/** Every declared table, in declaration order. */
export function sealedTables(): SealedTable[] {
  return [...tables.values()];
}

/**
 * Re-seals the `sealedWith` columns of table `t` (rows of `workspaceId`, or every row when the
 * table has no workspace) with `reseal`. Answers how many values changed. Tables that do not
 * exist (yet) in this database count 0.
 */
export async function resealColumns(tx: Tx, t: SealedTable, workspaceId: string | null, sealedWith: SealedWith, reseal: Reseal): Promise<number> {
  const columns = t.columns.filter((c) => c.sealedWith === sealedWith);
  if (!columns.length || t.perWorkspace !== (workspaceId !== null)) return 0;
  const [exists] = await tx.execute<{ ok: boolean }>(sql`select to_regclass(${`public.${t.table}`}) is not null as ok`);
  if (!exists?.ok) return 0;
  const wanted = [t.key, ...(t.extra ?? []), ...columns.map((c) => c.column)];
  const rows = await tx.execute<Record<string, string>>(sql`
    select ${sql.join(
      wanted.map((c) => sql`${ident(c)}::text as ${ident(c)}`),
      sql`, `,
    )} from ${ident(t.table)} ${workspaceId ? sql`where workspace_id = ${workspaceId}` : sql``}
     for update`);
  const changes: Record<string, string | null>[] = [];
  let changed = 0;
  for (const r of rows) {
    const next: Record<string, string | null> = { k: r[t.key]! };
    let any = false;
    for (const c of columns) {
      const sealed = r[c.column];
      const value = sealed == null ? null : reseal(c.purpose(r), sealed);
      next[c.column] = value;
      if (value !== null) {
        any = true;
        changed += 1;
      }
    }
    if (any) changes.push(next);
  }
  if (!changes.length) return 0;
  // one statement for every changed row; a column whose value did not change keeps its value
  await tx.execute(sql`
    update ${ident(t.table)} as t set ${sql.join(
      columns.map((c) => sql`${ident(c.column)} = coalesce(c.${ident(c.column)}, t.${ident(c.column)})`),
      sql`, `,
    )}
      from jsonb_to_recordset(${JSON.stringify(changes)}::jsonb) as c(k text, ${sql.join(
        columns.map((c) => sql`${ident(c.column)} text`),
        sql`, `,
      )})
     where t.${ident(t.key)}::text = c.k ${workspaceId ? sql`and t.workspace_id = ${workspaceId}` : sql``}`);
  return changed;
}
