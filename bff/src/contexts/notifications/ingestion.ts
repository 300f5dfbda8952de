/**
 * Event ingestion (seed 003 §7): store each event with its workspace, de-duplicated by
 * `clientEventId` (unique per workspace: a repeat answers the original and creates nothing), and
 * check the plan's events quota. The ingestion transaction writes nothing that another
 * ingestion of the workspace also writes (no job row, no counter row, no NOTIFY, whose commit
 * lock is global): concurrent requests do not wait for each other. Evaluation is requested after
 * COMMIT (evaluator.ts `requestEvaluation`); a stored event stays pending (`processed_at` null)
 * until a batch evaluates it, and the evaluator's sweep finds any whose wake-up was lost.
 */
import { randomUUID } from "node:crypto";
import { and, eq, getTableColumns, inArray } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { enqueueJob } from "../../kernel/jobs";
import { EVALUATE_EVENTS_JOB } from "./jobs";
import { checkEventQuota } from "./quotas";
import { planQuotaColumns, toPlanQuotas } from "../tenancy";
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
    id: r.id,
    type: r.type,
    client_event_id: r.clientEventId,
    source: r.source,
    payload: r.payload,
    status: r.processedAt ? "processed" : "accepted",
    received_at: r.receivedAt.toISOString(),
    processed_at: r.processedAt?.toISOString() ?? null,
    matched_rule_ids: r.matchedRuleIds,
    notification_count: r.notificationCount,
    suppressed_notification_count: r.suppressedNotificationCount,
    test: r.test,
    ...(duplicate === undefined ? {} : { duplicate }),
  };
}

/**
 * Enqueues an evaluation job for the workspace inside `tx` (one pending job per workspace: the
 * job key). For writers without an after-COMMIT hook (the domain-event consumer); requests use
 * `requestEvaluation` after COMMIT instead.
 */
export function scheduleEvaluation(tx: Tx, workspaceId: string): Promise<void> {
  return enqueueJob(tx, EVALUATE_EVENTS_JOB, { workspace_id: workspaceId });
}

/**
 * Stores `inputs` in the workspace of `tx` (one INSERT), answering one event per input in order:
 * the original, with `duplicate: true`, for a `clientEventId` stored before, by a concurrent
 * request, or earlier in the same batch. Events of `source` "platform" are not billed; others
 * are checked against the plan's events quota: throws QuotaExceeded (429) when the new events
 * would pass it. The caller requests evaluation after COMMIT when an event is new. `opts.test`
 * marks the new events as sent with a test key (their workflows run as test executions); a
 * duplicate keeps the mode it was first stored with.
 */
export async function ingestEvents(tx: Tx, workspaceId: string, inputs: EventInput[], source = "api", opts: { test?: boolean } = {}): Promise<IngestedEvent[]> {
  const firstWith = new Map<string, number>(); // clientEventId → index of its first input
  const fresh = new Map<number, string>(); // input index → the id it is stored under
  inputs.forEach((input, i) => {
    if (input.clientEventId) {
      if (firstWith.has(input.clientEventId)) return;
      firstWith.set(input.clientEventId, i);
    }
    fresh.set(i, randomUUID());
  });
  const inserted = fresh.size
    ? await tx
        .insert(ingestedEvents)
        .values(
          [...fresh].map(([i, id]) => {
            const input = inputs[i]!;
            return {
              id,
              workspaceId,
              type: input.type,
              payload: input.payload,
              source,
              clientEventId: input.clientEventId ?? null,
              clientTimestamp: input.timestamp ? new Date(input.timestamp) : null,
              test: opts.test === true,
            };
          }),
        )
        .onConflictDoNothing()
        .returning({ ...getTableColumns(ingestedEvents), ...planQuotaColumns(workspaceId) })
    : [];
  const byId = new Map(inserted.map((r) => [r.id, r]));
  const byClientId = new Map<string, Row>(inserted.filter((r) => r.clientEventId).map((r) => [r.clientEventId!, r]));
  // clientEventIds already stored (or stored by a concurrent request first): answer those
  const known = [...firstWith.keys()].filter((cid) => !byClientId.has(cid));
  if (known.length) {
    const existing = await tx
      .select()
      .from(ingestedEvents)
      .where(and(eq(ingestedEvents.workspaceId, workspaceId), inArray(ingestedEvents.clientEventId, known)));
    for (const r of existing) byClientId.set(r.clientEventId!, r);
  }
  if (source !== "platform" && inserted.length) {
    await checkEventQuota(tx, workspaceId, inserted.length, toPlanQuotas(inserted[0]!));
  }
  return inputs.map((input, i) => {
    const own = byId.get(fresh.get(i) ?? "");
    return own ? toIngestedEvent(own, false) : toIngestedEvent(byClientId.get(input.clientEventId!)!, true);
  });
}
