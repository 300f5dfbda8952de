/**
 * Rule evaluation (seed 003 §7.2 steps 6-9): the workspace's pending events, oldest first, each
 * against the active rules in priority order (lower first); every match notifies the members
 * holding the rule's target roles. In batches of up to 100 events, one transaction each, with a
 * fixed number of statements per batch (not per event). A rule notifies the members holding its
 * staff roles, the users (integrations' end users, decision 024) holding its user roles and, with
 * `target_event_users`, the users the event names (`payload.userId` / `payload.userIds`), each as
 * their preferences allow (muted event types and channels, preferences.ts). The events the
 * workspace sent are also queued to webhooks as `event.received` (one statement per batch).
 *
 * Exactly once: a batch claims its events with `FOR UPDATE SKIP LOCKED`, so any number of
 * evaluators (processes, jobs) may work on one workspace, each on other events; an event is
 * marked processed in the transaction that creates its notifications and counts it, so a batch
 * that fails creates and counts nothing and its events are evaluated again. The batch's API
 * events are handed to the listeners of event-listeners.ts (workflows' event triggers) in the
 * same transaction.
 *
 * The notifications quota (seed 003 §9.2) is enforced here, under the inbox lock: at 80 % of the
 * plan's monthly notifications a `quota.warning`, at 100 % a `quota.exceeded` (the consumer puts a
 * notice in the inbox of owners and admins and e-mails the owners); past it the rest of a
 * batch's notifications are not created, and each event keeps how many of its were suppressed.
 */
import { and, asc, eq, inArray, isNull, type SQL, sql } from "drizzle-orm";
import type { Database, Tx } from "../../db/client";
import { INDEX_PLANS, withPlatform, withWorkspace } from "../../db/tenant";
import { logger } from "../../lib/logger";
import { alertMonthlyQuota } from "../tenancy";
import { addUsage, type UsageMetric } from "../tenancy";
import { evaluateRule } from "./conditions";
import { deliverToInbox, webhookSubscribersSql, type InboxDelivery, type NewNotification } from "./inbox";
import { observePipeline } from "./pipeline-metrics";
import { markCommitting } from "./stream";
import { queueWebhookDeliveriesMany } from "./webhooks/delivery";
import { notificationRoom } from "./quotas";
import { planQuotaColumns, toPlanQuotas, type PlanQuotas } from "../tenancy";
import { ingestedEvents, notificationPreferences, rules } from "./schema";
import { endUsersByExternalIds, endUsersWithRolesSql } from "../integrations";
import { eventUserIds } from "./recipients";
import { advisoryLockSql } from "../../kernel/locks";
import { handOverReceivedEvents } from "./event-listeners";

export const EVALUATION_BATCH = 100;

type EventRow = typeof ingestedEvents.$inferSelect;

/** An end-user recipient with their muted lists: [id, externalUserId, muted event types, muted channels]. */
type UserTarget = [string, string, string[] | null, string[] | null];

/**
 * The active rules in evaluation order, each with the members holding its target roles and the
 * users (integrations' end users) holding its target user roles, with their preferences (one statement).
 */
async function activeRulesWithRecipients(tx: Tx, workspaceId: string) {
  return tx
    .select({
      rule: rules,
      recipients: sql<string[]>`array(select m.user_id from memberships m where m.workspace_id = ${rules.workspaceId} and m.role = any(${rules.targetRoles}))`,
      users: sql<UserTarget[]>`case when cardinality(${rules.targetUserRoles}) = 0 then '[]'::jsonb else coalesce((
        select jsonb_agg(jsonb_build_array(u.id, u.external_user_id, p.muted_event_types, p.muted_channels))
          from (${endUsersWithRolesSql(workspaceId, sql`${rules.targetUserRoles}`)}) as u
          left join notification_preferences p on p.workspace_id = ${workspaceId} and p.end_user_id = u.id), '[]'::jsonb) end`,
    })
    .from(rules)
    .where(and(eq(rules.workspaceId, workspaceId), eq(rules.active, true)))
    .orderBy(asc(rules.priority), asc(rules.createdAt), asc(rules.id));
}

/** The users the batch's events name (for rules with `target_event_users`), with their preferences: two statements. */
async function eventUsers(tx: Tx, workspaceId: string, events: EventRow[]): Promise<Map<string, UserTarget>> {
  const named = await endUsersByExternalIds(
    tx,
    workspaceId,
    events.flatMap((ev) => eventUserIds(ev.payload)),
  );
  if (!named.size) return new Map();
  const ids = [...named.values()].map((u) => u.id);
  const prefs = await tx
    .select()
    .from(notificationPreferences)
    .where(and(eq(notificationPreferences.workspaceId, workspaceId), inArray(notificationPreferences.endUserId, ids)));
  const byId = new Map(prefs.map((p) => [p.endUserId, p]));
  return new Map(
    [...named].map(([ext, u]) => [ext, [u.id, ext, byId.get(u.id)?.mutedEventTypes ?? null, byId.get(u.id)?.mutedChannels ?? null] as UserTarget]),
  );
}

/** What the rules make of one event, before the quota is applied. */
async function matchRules(tx: Tx, workspaceId: string, events: EventRow[]): Promise<{ event: EventRow; matched: string[]; items: NewNotification[] }[]> {
  const active = await activeRulesWithRecipients(tx, workspaceId);
  const named = active.some((a) => a.rule.targetEventUsers) ? await eventUsers(tx, workspaceId, events) : new Map<string, UserTarget>();
  // each rule's users with what their preferences leave of its channels, once per batch (not per
  // event: a fan-out rule has 1,000 of them); an unmuted user shares the rule's channels array
  const prepared = active.map(({ rule, users }) => users.map((u) => prepareTarget(rule.channels, u)));
  const out = [];
  for (const ev of events) {
    const items: NewNotification[] = [];
    const matched: string[] = [];
    const facts = { type: ev.type, payload: ev.payload, source: ev.source, timestamp: (ev.clientTimestamp ?? ev.receivedAt).toISOString() };
    for (const [r, { rule, recipients }] of active.entries()) {
      const outcome = evaluateRule(rule, facts);
      if (outcome.error) logger.warn({ workspace_id: workspaceId, rule_id: rule.id, event_id: ev.id, error: outcome.error }, "rule could not be evaluated");
      if (!outcome.matched) continue;
      matched.push(rule.id);
      const [title, message, priority, ruleId, eventId, soundId] = [outcome.title!, outcome.message!, rule.severity, rule.id, ev.id, rule.soundId];
      for (const userId of recipients) items.push({ title, message, priority, ruleId, eventId, soundId, userId, channels: rule.channels });
      // users by role and users the event names, each once per rule, as their preferences allow
      let targets = prepared[r]!;
      if (rule.targetEventUsers) {
        const byId = new Map(targets.map((t) => [t.endUserId, t]));
        for (const ext of eventUserIds(ev.payload)) if (named.has(ext)) byId.set(named.get(ext)![0], prepareTarget(rule.channels, named.get(ext)!));
        targets = [...byId.values()];
      }
      for (const t of targets) {
        if (t.unreachable || t.mutedTypes?.includes(ev.type)) continue;
        items.push({
          title,
          message,
          priority,
          ruleId,
          eventId,
          soundId,
          userId: null,
          endUserId: t.endUserId,
          externalUserId: t.externalUserId,
          skipInbox: t.skipInbox,
          channels: t.channels,
        });
      }
    }
    out.push({ event: ev, matched, items });
  }
  return out;
}

/** A user target of a rule as its preferences leave it: the channels not muted, whether it skips the inbox, or nothing left at all. */
function prepareTarget(ruleChannels: string[], [endUserId, externalUserId, mutedTypes, mutedChannels]: UserTarget) {
  const channels = mutedChannels?.length ? ruleChannels.filter((ch) => !mutedChannels.includes(ch)) : ruleChannels;
  const skipInbox = mutedChannels?.includes("inbox") ?? false;
  return { endUserId, externalUserId, mutedTypes, channels, skipInbox, unreachable: skipInbox && !channels.length };
}

/**
 * Takes the inbox lock and reads the plan's quotas and whether webhooks are subscribed, in one
 * statement (the quota's usage is read after it: a statement's snapshot predates its lock).
 */
async function lockForDelivery(tx: Tx, workspaceId: string): Promise<{ quotas: PlanQuotas; webhooks: boolean }> {
  const c = planQuotaColumns(workspaceId);
  const rows = await tx.execute<{ quotaPlan: string; quotaEventsPerMonth: number | null; quotaNotificationsPerMonth: number | null; webhooks: boolean }>(sql`
    select ${c.quotaPlan} as "quotaPlan", ${c.quotaEventsPerMonth} as "quotaEventsPerMonth", ${c.quotaNotificationsPerMonth} as "quotaNotificationsPerMonth",
           ${webhookSubscribersSql(workspaceId)} as webhooks
      from (select ${advisoryLockSql(`inbox:${workspaceId}`)}) as locked`);
  return { quotas: toPlanQuotas(rows[0]!), webhooks: rows[0]!.webhooks };
}

/** Evaluates one batch of the workspace's pending events in `tx`; answers how many were claimed. */
export async function evaluateBatch(tx: Tx, workspaceId: string, now = new Date()): Promise<number> {
  return (await evaluateBatchFor(tx, workspaceId, now)).claimed;
}

/** What a batch did: events claimed, when each of the workspace's own (API) events among them was received, and the notifications it put in the inbox. */
interface BatchResult {
  claimed: number;
  receivedAt: Date[];
  delivery: InboxDelivery;
}

async function evaluateBatchFor(tx: Tx, workspaceId: string, now = new Date(), limit = EVALUATION_BATCH): Promise<BatchResult> {
  const events = await tx
    .select()
    .from(ingestedEvents)
    .where(and(eq(ingestedEvents.workspaceId, workspaceId), isNull(ingestedEvents.processedAt)))
    .orderBy(asc(ingestedEvents.receivedAt), asc(ingestedEvents.id))
    .limit(limit)
    .for("update", { skipLocked: true });
  if (!events.length) return { claimed: 0, receivedAt: [], delivery: { rows: [], afterSeq: 0 } };
  const planned = await matchRules(tx, workspaceId, events);

  // from here on the workspace's only notification writer (seq order, an exact quota count)
  const wanted = planned.reduce((n, p) => n + p.items.length, 0);
  const locked = wanted ? await lockForDelivery(tx, workspaceId) : null;
  const quotas = locked?.quotas ?? null;
  const { used, room } = quotas ? await notificationRoom(tx, workspaceId, quotas, now) : { used: 0, room: 0 };
  let left = room;
  const create: NewNotification[] = [];
  const outcomes = planned.map((p) => {
    const allowed = p.items.slice(0, Math.max(0, Math.min(p.items.length, left)));
    left -= allowed.length;
    create.push(...allowed);
    return { id: p.event.id, matched: p.matched, created: allowed.length, suppressed: p.items.length - allowed.length };
  });
  const delivery = await deliverToInbox(tx, workspaceId, create, { count: false, locked: true, webhooks: locked?.webhooks ?? false });

  const counts: { metric: UsageMetric; day: string; n: number }[] = [];
  for (const ev of events) if (ev.source !== "platform") counts.push({ metric: "events", day: ev.receivedAt.toISOString().slice(0, 10), n: 1 });
  counts.push({ metric: "notifications", day: now.toISOString().slice(0, 10), n: create.length });
  const suppressed = outcomes.reduce((n, o) => n + o.suppressed, 0);
  if (suppressed) logger.info({ workspace_id: workspaceId, suppressed }, "notifications quota used up: notifications not created");
  const received = events.filter((ev) => ev.source !== "platform");
  // The rest of the batch's writes depend on nothing read here: they are sent together, so
  // postgres.js pipelines them on the transaction's connection (one round trip, not one each;
  // decision 036). They run in this order; a failure aborts the transaction and rejects here.
  await Promise.all([
    addUsage(tx, workspaceId, counts),
    quotas?.notificationsPerMonth != null
      ? alertMonthlyQuota(tx, workspaceId, { metric: "notifications", quota: quotas.notificationsPerMonth, used: used + create.length, plan: quotas.plan }, now)
      : null,
    // seed 003 §13.2 `event.received`: each event the workspace sent, to subscribed endpoints (one statement per batch)
    received.length && (locked?.webhooks ?? true)
      ? queueWebhookDeliveriesMany(
          tx,
          workspaceId,
          "event.received",
          received.map((ev) => ({
            sourceId: ev.id,
            data: {
              event_id: ev.id,
              type: ev.type,
              client_event_id: ev.clientEventId,
              payload: ev.payload,
              test: ev.test,
              received_at: ev.receivedAt.toISOString(),
            },
          })),
          now,
        )
      : null,
    // the events the workspace sent, to the contexts above (workflows' event triggers): once, in this transaction
    handOverReceivedEvents(
      tx,
      workspaceId,
      received.map((ev) => ({
        id: ev.id,
        type: ev.type,
        clientEventId: ev.clientEventId,
        source: ev.source,
        payload: ev.payload,
        receivedAt: ev.receivedAt,
        occurredAt: ev.clientTimestamp ?? ev.receivedAt,
        test: ev.test,
      })),
    ),
    tx.execute(markProcessed(now, outcomes)),
  ]);
  return { claimed: events.length, receivedAt: received.map((ev) => ev.receivedAt), delivery };
}

/**
 * The statement that marks a batch's events evaluated: `processed_at` = `now`, and per event the
 * rules it matched and the notifications made and suppressed. `e.id = any(…)` bounds every plan of
 * it to the batch's rows: a generic plan cached while the table was small (no statistics yet)
 * otherwise walked the whole table at each batch until autovacuum's first ANALYZE replaced it
 * (decision 036, session 9).
 */
export function markProcessed(now: Date, outcomes: { id: string; matched: string[]; created: number; suppressed: number }[]): SQL {
  return sql`
    update ingested_events e set processed_at = ${now.toISOString()}::timestamptz, matched_rule_ids = v.matched,
           notification_count = v.created, suppressed_notification_count = v.suppressed
      from jsonb_to_recordset(${JSON.stringify(outcomes)}::jsonb) as v(id uuid, matched uuid[], created int, suppressed int)
     where e.id = v.id and e.id = any(${`{${outcomes.map((o) => o.id).join(",")}}`}::uuid[])`;
}

/**
 * Notifications one batch aims at (NOTIFICATIONS_PER_BATCH, default 5,000): after a batch whose
 * events made many notifications each (a fan-out to a role of 1,000 users), the next batch of the
 * workspace claims fewer events, so that a transaction stays short and its notifications reach
 * the streams while the rest of a backlog is evaluated (100 such events were 100,000 rows in one
 * transaction).
 */
const NOTIFICATIONS_PER_BATCH = Number(process.env.NOTIFICATIONS_PER_BATCH ?? 5000);
/** Events the workspace's next batch claims (absent: EVALUATION_BATCH); forgotten past 10,000 workspaces. */
const nextLimit = new Map<string, number>();

/**
 * Processes every pending event of the workspace, batch by batch; answers how many were
 * processed. A batch claims at most EVALUATION_BATCH events, fewer after a batch that made more
 * than `notificationsPerBatch` notifications (see NOTIFICATIONS_PER_BATCH). After each COMMIT the
 * batch's notifications go to the SSE streams served on `streams` (default `db`: stream.ts).
 */
export async function evaluatePendingEvents(
  db: Database,
  workspaceId: string,
  opts: { notificationsPerBatch?: number; streams?: Database } = {},
): Promise<number> {
  const perBatch = opts.notificationsPerBatch ?? NOTIFICATIONS_PER_BATCH;
  let total = 0;
  for (;;) {
    const limit = nextLimit.get(workspaceId) ?? EVALUATION_BATCH;
    const claimedAt = Date.now();
    const streams = opts.streams ?? db;
    // set once the batch has rows: hands them to the streams after COMMIT (stream.ts)
    const after: { settle?: ReturnType<typeof markCommitting> } = {};
    let batch: BatchResult;
    try {
      batch = await withWorkspace(
        db,
        workspaceId,
        async (tx) => {
          const b = await evaluateBatchFor(tx, workspaceId, new Date(), limit);
          // its NOTIFY may reach this process's LISTEN before the COMMIT's answer: no stream reads for it
          if (b.delivery.rows.length) after.settle = markCommitting(streams, workspaceId, b.delivery.rows.at(-1)!.seq);
          return b;
        },
        INDEX_PLANS,
      );
    } catch (err) {
      after.settle?.(false);
      throw err;
    }
    // committed: this process's SSE streams get the rows now, without a read (stream.ts)
    after.settle?.({ workspaceId, ...batch.delivery });
    if (batch.claimed) {
      const perEvent = batch.delivery.rows.length / batch.claimed;
      const next = Math.max(1, Math.min(EVALUATION_BATCH, Math.floor(perBatch / Math.max(1, perEvent))));
      if (next === EVALUATION_BATCH) nextLimit.delete(workspaceId);
      else {
        if (nextLimit.size >= 10_000) nextLimit.clear();
        nextLimit.set(workspaceId, next);
      }
    }
    if (batch.receivedAt.length) observePipeline(batch.receivedAt, claimedAt, Date.now());
    total += batch.claimed;
    if (batch.claimed < limit) return total;
  }
}

/** The workspaces that have events waiting for evaluation (a platform read across workspaces). */
export async function workspacesWithPendingEvents(db: Database): Promise<string[]> {
  const rows = await withPlatform(db, (tx) =>
    tx.execute<{ workspace_id: string }>(sql`
    select distinct workspace_id from ingested_events where processed_at is null`),
  );
  return rows.map((r) => r.workspace_id);
}
