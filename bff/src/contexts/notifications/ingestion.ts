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
import { and, eq, inArray, sql } from "drizzle-orm";
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

/** A row of `ingested_events` as the hand-written insert returns it (timestamps as text), with the plan's quotas. */
type RawRow = {
  id: string;
  workspace_id: string;
  type: string;
  payload: Record<string, unknown>;
  source: string;
  client_event_id: string | null;
  client_timestamp: string | Date | null;
  received_at: string | Date;
  processed_at: string | Date | null;
  matched_rule_ids: string[];
  notification_count: number;
  suppressed_notification_count: number;
  test: boolean;
  quotaPlan: string;
  quotaEventsPerMonth: number | string | null;
  quotaNotificationsPerMonth: number | string | null;
};
const dateOf = (v: string | Date | null) => (v === null ? null : v instanceof Date ? v : new Date(v));
const fromRaw = (r: RawRow): Row => ({
  id: r.id,
  workspaceId: r.workspace_id,
  type: r.type,
  payload: r.payload,
  source: r.source,
  clientEventId: r.client_event_id,
  clientTimestamp: dateOf(r.client_timestamp),
  receivedAt: dateOf(r.received_at)!,
  processedAt: dateOf(r.processed_at),
  matchedRuleIds: r.matched_rule_ids,
  notificationCount: r.notification_count,
  suppressedNotificationCount: r.suppressed_notification_count,
  test: r.test,
});

/**
 * Stores `inputs` in the workspace of `tx` (one INSERT with one parameter, a JSON array, so the
 * statement costs the same to build for one event or a group commit's hundreds: decision 036),
 * answering one event per input in order:
 * the original, with `duplicate: true`, for a `clientEventId` stored before, by a concurrent
 * request, or earlier in the same batch. Events of `source` "platform" are not billed; others
 * are checked against the plan's events quota: throws QuotaExceeded (429) when the new events
 * would pass it. The caller requests evaluation after COMMIT when an event is new. `opts.test`
 * marks the new events as sent with a test key (their workflows run as test executions); a
 * duplicate keeps the mode it was first stored with. `opts.receivedAt` (per input): when each
 * was received, when it is not the transaction's start (a group commit's requests, which waited
 * for it in arrival order).
 */
export async function ingestEvents(
  tx: Tx,
  workspaceId: string,
  inputs: EventInput[],
  source = "api",
  opts: { test?: boolean; receivedAt?: Date[] } = {},
): Promise<IngestedEvent[]> {
  const firstWith = new Map<string, number>(); // clientEventId → index of its first input
  const fresh = new Map<number, string>(); // input index → the id it is stored under
  inputs.forEach((input, i) => {
    if (input.clientEventId) {
      if (firstWith.has(input.clientEventId)) return;
      firstWith.set(input.clientEventId, i);
    }
    fresh.set(i, randomUUID());
  });
  const values = [...fresh].map(([i, id]) => {
    const input = inputs[i]!;
    return {
      id,
      t: input.type,
      p: input.payload,
      c: input.clientEventId ?? null,
      ts: input.timestamp ? new Date(input.timestamp).toISOString() : null,
      r: opts.receivedAt?.[i]?.toISOString() ?? null,
    };
  });
  const q = planQuotaColumns(workspaceId);
  const inserted = values.length
    ? (
        await tx.execute<RawRow>(sql`
    insert into ingested_events (id, workspace_id, type, payload, source, client_event_id, client_timestamp, received_at, test)
    select x.id, ${workspaceId}::uuid, x.t, x.p, ${source}, x.c, x.ts, coalesce(x.r, now()), ${opts.test === true}::boolean
      from rows from (jsonb_to_recordset(${JSON.stringify(values)}::jsonb) as (id uuid, t text, p jsonb, c text, ts timestamptz, r timestamptz))
           with ordinality as x(id, t, p, c, ts, r, n)
     order by x.n
    on conflict do nothing
    returning *, ${q.quotaPlan} as "quotaPlan", ${q.quotaEventsPerMonth} as "quotaEventsPerMonth", ${q.quotaNotificationsPerMonth} as "quotaNotificationsPerMonth"`)
      ).map((r) => ({ ...fromRaw(r), quotas: toPlanQuotas(r) }))
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
    await checkEventQuota(tx, workspaceId, inserted.length, inserted[0]!.quotas);
  }
  return inputs.map((input, i) => {
    const own = byId.get(fresh.get(i) ?? "");
    return own ? toIngestedEvent(own, false) : toIngestedEvent(byClientId.get(input.clientEventId!)!, true);
  });
}
