/**
 * Event ingestion (seed 003 §7): store each event with its workspace, de-duplicated by
 * `clientEventId` (unique per workspace: a repeat answers the original and creates nothing),
 * count it against the plan's quota in the same transaction, and enqueue an evaluation job in
 * the workspace's named queue (jobs of one queue run one at a time, in order). Each job drains
 * every pending event of the workspace in batches, so jobs queued behind it find little or
 * nothing left. (A job key per workspace would need fewer jobs but makes every ingestion update
 * the same job row: measured, it halved ingestion throughput under concurrency.)
 */
import { and, eq, inArray } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { enqueueJob } from "../../jobs/queue";
import { consumeEventQuota } from "../tenancy/quotas";
import { ingestedEvents } from "./schema";
import type { IngestedEvent } from "@nhood/contracts";

export interface EventInput {
  type: string;
  clientEventId?: string;
  payload: Record<string, unknown>;
  timestamp?: string;
}

type Row = typeof ingestedEvents.$inferSelect;

export function toIngestedEvent(r: Row, duplicate?: boolean): IngestedEvent {
  return {
    id: r.id, type: r.type, client_event_id: r.clientEventId, source: r.source, payload: r.payload,
    status: r.processedAt ? "processed" : "accepted", received_at: r.receivedAt.toISOString(),
    processed_at: r.processedAt?.toISOString() ?? null, matched_rule_ids: r.matchedRuleIds,
    notification_count: r.notificationCount, ...(duplicate === undefined ? {} : { duplicate }),
  };
}

/** Enqueues an evaluation job in the workspace's named queue (run one at a time, in order). */
export function scheduleEvaluation(tx: Tx, workspaceId: string): Promise<void> {
  return enqueueJob(tx, "notifications.evaluate_events", { workspace_id: workspaceId }, { queueName: `notifications:${workspaceId}`, maxAttempts: 25 });
}

/**
 * Stores `inputs` in the workspace of `tx`, answering one event per input in order (the original
 * for a repeated `clientEventId`). `countQuota` false for platform events (not billed).
 * Throws QuotaExceeded (429) when the new events would pass the plan's monthly quota.
 */
export async function ingestEvents(tx: Tx, workspaceId: string, inputs: EventInput[], source = "api", countQuota = true): Promise<IngestedEvent[]> {
  const ids = inputs.map((i) => i.clientEventId).filter((x): x is string => !!x);
  const seen = new Map<string, Row>();
  if (ids.length) {
    const existing = await tx.select().from(ingestedEvents).where(and(eq(ingestedEvents.workspaceId, workspaceId), inArray(ingestedEvents.clientEventId, ids)));
    for (const r of existing) seen.set(r.clientEventId!, r);
  }
  const out: IngestedEvent[] = [];
  let created = 0;
  for (const input of inputs) {
    const prior = input.clientEventId ? seen.get(input.clientEventId) : undefined;
    if (prior) { out.push(toIngestedEvent(prior, true)); continue; }
    const [row] = await tx.insert(ingestedEvents).values({
      workspaceId, type: input.type, payload: input.payload, source, clientEventId: input.clientEventId ?? null,
      clientTimestamp: input.timestamp ? new Date(input.timestamp) : null,
    }).onConflictDoNothing().returning();
    if (!row) {
      // a concurrent request stored the same clientEventId first: answer that one
      const [raced] = await tx.select().from(ingestedEvents).where(and(eq(ingestedEvents.workspaceId, workspaceId), eq(ingestedEvents.clientEventId, input.clientEventId!)));
      out.push(toIngestedEvent(raced!, true));
      continue;
    }
    if (input.clientEventId) seen.set(input.clientEventId, row);
    created += 1;
    out.push(toIngestedEvent(row, false));
  }
  // the usage counters are rows every request of the workspace updates: touch them last, so
  // their locks are held for the shortest time before COMMIT
  if (created) await scheduleEvaluation(tx, workspaceId);
  if (countQuota) await consumeEventQuota(tx, workspaceId, created);
  return out;
}
