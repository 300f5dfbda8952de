/**
 * Pipeline stages per workspace. A workspace with no stored stages uses the defaults
 * (new, contacted, qualified, proposal, won, lost); admins replace the whole list at once.
 */
import { and, asc, count, eq, notInArray } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { ValidationFailed } from "../../lib/errors";
import { appendDomainEvent } from "../../kernel/events";
import { leads, leadStages } from "./schema";
import type { Stage } from "@nhood/contracts";

export const DEFAULT_STAGES: Stage[] = [
  { key: "new", label: "New", closed: false },
  { key: "contacted", label: "Contacted", closed: false },
  { key: "qualified", label: "Qualified", closed: false },
  { key: "proposal", label: "Proposal", closed: false },
  { key: "won", label: "Won", closed: true },
  { key: "lost", label: "Lost", closed: true },
];

/** The workspace's stages in pipeline order. */
export async function listStages(tx: Tx, workspaceId: string): Promise<Stage[]> {
  const rows = await tx.select().from(leadStages).where(eq(leadStages.workspaceId, workspaceId)).orderBy(asc(leadStages.position));
  return rows.length ? rows.map((r) => ({ key: r.key, label: r.label, closed: r.closed })) : DEFAULT_STAGES;
}

/** Throws ValidationFailed at `pointer` unless `stage` is one of the workspace's stages. */
export async function assertStage(tx: Tx, workspaceId: string, stage: string, pointer = "#/stage"): Promise<void> {
  const stages = await listStages(tx, workspaceId);
  if (!stages.some((s) => s.key === stage)) {
    throw new ValidationFailed([{ pointer, detail: `unknown stage; one of ${stages.map((s) => s.key).join(", ")}` }]);
  }
}

/** Replaces the stage list (keys unique; the first stage is where new leads land). A stage that still holds leads cannot be dropped. */
export async function replaceStages(tx: Tx, workspaceId: string, items: Stage[]): Promise<Stage[]> {
  const seen = new Set<string>();
  items.forEach((s, i) => {
    if (seen.has(s.key)) throw new ValidationFailed([{ pointer: `#/items/${i}/key`, detail: "duplicate stage key" }]);
    seen.add(s.key);
  });
  const stranded = await tx
    .select({ stage: leads.stage, n: count() })
    .from(leads)
    .where(and(eq(leads.workspaceId, workspaceId), notInArray(leads.stage, [...seen])))
    .groupBy(leads.stage);
  if (stranded.length) {
    throw new ValidationFailed(
      [{ pointer: "#/items", detail: `move the leads out first: ${stranded.map((s) => `${s.stage} (${s.n})`).join(", ")}` }],
      "A stage you removed still holds leads.",
    );
  }
  await tx.delete(leadStages).where(eq(leadStages.workspaceId, workspaceId));
  await tx.insert(leadStages).values(items.map((s, position) => ({ workspaceId, key: s.key, label: s.label, closed: s.closed, position })));
  await appendDomainEvent(tx, { workspaceId, type: "lead_stages.updated", payload: { stages: items.map((s) => s.key) } });
  return items;
}
