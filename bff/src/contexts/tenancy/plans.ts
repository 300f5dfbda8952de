/** Plan look-ups (seed 003 §9.1). A workspace whose plan row is missing is treated as `free`. */
import { eq } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { plans, workspaces } from "./schema";

export type PlanRow = typeof plans.$inferSelect;

/** The quotas of the workspace's plan (the transaction must be scoped to `workspaceId`). */
export async function planOf(tx: Tx, workspaceId: string): Promise<PlanRow> {
  const ws = await tx.query.workspaces.findFirst({ where: eq(workspaces.id, workspaceId), columns: { plan: true } });
  const row = await tx.query.plans.findFirst({ where: eq(plans.id, ws?.plan ?? "free") });
  return row ?? (await tx.query.plans.findFirst({ where: eq(plans.id, "free") }))!;
}

/** Every plan, cheapest first (for the usage screen and platform staff). */
export function listPlans(tx: Tx): Promise<PlanRow[]> {
  return tx.select().from(plans).orderBy(plans.priceCents);
}
