/**
 * Plan look-ups (seed 003 §9.1): the one definition of "the plan of a workspace", used by every
 * reader in TypeScript (`planOf`) and inside other statements (`effectivePlanIdSql`,
 * `workspacePlanSql`: the ingestion's quota columns, the rate limiter, the retention prune).
 * A workspace whose plan row is missing is treated as `free`.
 */
import { eq, sql, type SQL } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { plans } from "./schema";

export type PlanRow = typeof plans.$inferSelect;

/** The plan column of the workspace `workspaceId` (a SQL expression such as `e.workspace_id`); null when the workspace is unknown. */
export function workspacePlanSql(workspaceId: SQL): SQL<string | null> {
  return sql<string | null>`(select w.plan from workspaces w where w.id = ${workspaceId})`;
}

/** The id of the plan that applies to `workspaceId`: its plan when that plan row exists, else `free`. */
export function effectivePlanIdSql(workspaceId: string): SQL<string> {
  return sql<string>`coalesce((select q.id from plans q where q.id = ${workspacePlanSql(sql`${workspaceId}`)}), 'free')`;
}

/** The quotas of the workspace's plan, in one statement (the transaction must be scoped to `workspaceId`). */
export async function planOf(tx: Tx, workspaceId: string): Promise<PlanRow> {
  const [row] = await tx
    .select()
    .from(plans)
    .where(eq(plans.id, effectivePlanIdSql(workspaceId)));
  return row!;
}

/** The plan `id`, or undefined when there is no such plan. */
export async function planById(tx: Tx, id: string): Promise<PlanRow | undefined> {
  const [row] = await tx.select().from(plans).where(eq(plans.id, id));
  return row;
}

/** Every plan, cheapest first (for the usage screen and platform staff). */
export function listPlans(tx: Tx): Promise<PlanRow[]> {
  return tx.select().from(plans).orderBy(plans.priceCents);
}
