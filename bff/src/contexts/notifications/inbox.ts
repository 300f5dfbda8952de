/**
 * The inbox: one notification per recipient. `deliverNotifications` inserts them under a
 * per-workspace advisory lock, taking their `seq` (the SSE event id) from the workspace's counter
 * row, whose lock is held to COMMIT (so `seq` grows in commit order within a workspace and a
 * reconnect from `Last-Event-ID` can neither skip nor repeat one) — a
 * notification is its own inbox delivery —, counts usage, queues `notification.delivered` webhooks, enqueues e-mail and Web
 * Push for rules with those channels, and wakes every BFF process's SSE streams with `pg_notify` (sent at COMMIT).
 */
import { and, asc, desc, eq, gt, isNull, isNotNull, or, sql } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { NotFound } from "../../lib/errors";
import { addJobSql } from "../../kernel/jobs";
import { SEND_EMAIL_JOB, SEND_PUSH_JOB } from "./jobs";
import { appendDomainEvent } from "../../kernel/events";
import { countUsage } from "../tenancy";
import { notifications, webhookEndpoints } from "./schema";
import { queueWebhookDeliveriesMany } from "./webhooks/delivery";
import type { InboxNotification } from "@nhood/contracts";
import { lockFor } from "../../kernel/locks";
import { findFirst } from "../../db/find-first";
import { endUserHasPushTokenSql, externalUserIdOf } from "../integrations";
import { randomFillSync } from "node:crypto";
import { v7 as uuidv7 } from "uuid";

export const INBOX_CHANNEL = "nh_inbox";

type Row = typeof notifications.$inferSelect;

export function toInbox(r: Row): InboxNotification {
  return {
    id: r.id,
    seq: r.seq,
    title: r.title,
    message: r.message,
    priority: r.priority,
    rule_id: r.ruleId,
    event_id: r.eventId,
    sound_id: r.soundId,
    read_at: r.readAt?.toISOString() ?? null,
    acknowledged_at: r.acknowledgedAt?.toISOString() ?? null,
    archived_at: r.archivedAt?.toISOString() ?? null,
    created_at: r.createdAt.toISOString(),
  };
}

export interface NewNotification {
  /** the member recipient; null (with no endUserId) = every member */
  userId: string | null;
  /** the end-user recipient (a workspace's app user), instead of a member */
  endUserId?: string | null;
  /** the end user's externalUserId, for the webhooks' `user_id` */
  externalUserId?: string | null;
  /** the end user muted the inbox channel: stored archived and read (skips the inbox), not streamed */
  skipInbox?: boolean;
  title: string;
  message: string;
  priority: Row["priority"];
  ruleId?: string | null;
  eventId?: string | null;
  soundId?: string | null;
  /** extra channels (`email`) */
  channels?: string[];
}

/** Rows per notifications insert (see deliverNotifications). */
const INSERT_CHUNK = 5000;

/** A Postgres array literal of `values` (uuids, integers, booleans: nothing that needs quoting); null → NULL. */
const arrayLiteral = (values: (string | number | boolean | null)[]) =>
  `{${values.map((v) => (v === null ? "NULL" : v === true ? "t" : v === false ? "f" : v)).join(",")}}`;

/**
 * Inserts `items` in one statement; answers the rows in item order, with `seq` growing in item
 * order, and the workspace's last `seq` before them; the `last` chunk sends the NOTIFY. The
 * statement takes the rows' seq range with one update of the workspace's `notification_seqs` row
 * (held to COMMIT: seq order = commit order) and the ids are UUIDv7 made here (the `uuid` package), so the statement
 * answers only the previous last seq and the rows are built here (decision 036, session 9). What
 * items share (title, message, priority, rule, event, sound: one event's match of one rule, a
 * fan-out to 1,000 users) is sent once, as a group, and each recipient as an element of four
 * arrays (id, member, end user, skips the inbox), expanded in SQL (session 8).
 */
async function insertNotifications(tx: Tx, workspaceId: string, items: NewNotification[], at: { last: boolean }): Promise<{ rows: Row[]; afterSeq: number }> {
  const now = new Date();
  const nowText = now.toISOString();
  type Group = { t: string; m: string; p: Row["priority"]; r: string | null; ev: string | null; s: string | null };
  const groups: Group[] = [];
  const groupOf: number[] = [];
  for (const i of items) {
    const g: Group = { t: i.title.slice(0, 255), m: i.message, p: i.priority, r: i.ruleId ?? null, ev: i.eventId ?? null, s: i.soundId ?? null };
    const last = groups.at(-1);
    if (!last || last.t !== g.t || last.m !== g.m || last.p !== g.p || last.r !== g.r || last.ev !== g.ev || last.s !== g.s) groups.push(g);
    groupOf.push(groups.length);
  }
  // UUIDv7 (RFC 9562 §5.7) with the insert's time: time-ordered like the database's nh_uuidv7();
  // the random bytes of the whole batch come from one CSPRNG call (v7's own call per id cost
  // ~5.5 µs, a third of a fan-out row's insert: decision 036, session 10)
  const msecs = now.getTime();
  const random = randomFillSync(Buffer.allocUnsafe(items.length * 16));
  const ids = Array.from({ length: items.length }, (_, k) => uuidv7({ msecs, random: random.subarray(k * 16, k * 16 + 16) }));
  const n = items.length;
  // The counter's update runs first (the insert reads its answer); the insert, a data-modifying
  // CTE, runs to completion though nothing reads it; the NOTIFY (sent at COMMIT) names the last seq.
  const [r] = await tx.execute<{ after_seq: string | number }>(sql`
    with c as (
      insert into notification_seqs as c (workspace_id, last_seq) values (${workspaceId}, ${n})
      on conflict (workspace_id) do update set last_seq = c.last_seq + ${n}
      returning c.last_seq - ${n} as after_seq),
    g as (
      select * from rows from (jsonb_to_recordset(${JSON.stringify(groups)}::jsonb) as (t text, m text, p text, r uuid, ev uuid, s uuid))
             with ordinality as g(t, m, p, r, ev, s, n)),
    ins as (
      insert into notifications (id, workspace_id, user_id, end_user_id, title, message, priority, rule_id, event_id, sound_id, read_at, archived_at, created_at, seq)
      select x.id, ${workspaceId}::uuid, x.u, x.e, g.t, g.m, g.p, g.r, g.ev, g.s,
             case when x.k then ${nowText}::timestamptz end, case when x.k then ${nowText}::timestamptz end, ${nowText}::timestamptz, c.after_seq + x.n
        from c, unnest(${arrayLiteral(ids)}::uuid[], ${arrayLiteral(groupOf)}::int[], ${arrayLiteral(items.map((i) => i.userId))}::uuid[],
                       ${arrayLiteral(items.map((i) => i.endUserId ?? null))}::uuid[], ${arrayLiteral(items.map((i) => i.skipInbox === true))}::boolean[])
             with ordinality as x(id, g, u, e, k, n)
        join g on g.n = x.g)
    select c.after_seq,
           ${at.last ? sql`pg_notify(${INBOX_CHANNEL}, ${workspaceId}::text || ':' || (c.after_seq + ${n})::text)` : sql`null`} as notified
      from c`);
  const afterSeq = Number(r!.after_seq);
  const out: Row[] = items.map((i, k) => {
    const g = groups[groupOf[k]! - 1]!;
    const skipped = i.skipInbox === true ? now : null;
    return {
      id: ids[k]!,
      workspaceId,
      userId: i.userId,
      endUserId: i.endUserId ?? null,
      title: g.t,
      message: g.m,
      priority: g.p,
      readAt: skipped,
      acknowledgedAt: null,
      createdAt: now,
      seq: afterSeq + k + 1,
      ruleId: g.r,
      eventId: g.ev,
      soundId: g.s,
      archivedAt: skipped,
    };
  });
  return { rows: out, afterSeq };
}

/**
 * Takes the workspace's inbox lock until the end of `tx` (re-entrant: a transaction may take it
 * again). Whoever holds it is the workspace's only writer of notifications, so `seq` grows in
 * commit order and a count of this month's notifications stays true until COMMIT.
 */
export async function lockInbox(tx: Tx, workspaceId: string): Promise<void> {
  await lockFor(tx, `inbox:${workspaceId}`);
}

/**
 * Inserts and delivers `items` to the inbox in `tx` (see the module comment): one statement for
 * the notifications and the NOTIFY (per 5,000), plus the usage count and
 * the webhook check; e-mail, push and webhook deliveries add statements only where wanted.
 * Answers the rows, in the order of `items`. Options for callers that did part of it already:
 * `count: false` leaves the usage counters to the caller (the evaluation batch counts its
 * notifications with its events; quota notices are not counted), `locked: true` says `tx` holds
 * the inbox lock, `webhooks` whether the workspace has an active webhook endpoint.
 */
export async function deliverNotifications(
  tx: Tx,
  workspaceId: string,
  items: NewNotification[],
  opts: { count?: boolean; locked?: boolean; webhooks?: boolean } = {},
): Promise<Row[]> {
  return (await deliverToInbox(tx, workspaceId, items, opts)).rows;
}

/** What `deliverToInbox` inserted: the rows (in the order of the items) and the workspace's highest `seq` before them. */
export interface InboxDelivery {
  rows: Row[];
  /** the workspace's highest notification `seq` committed before these rows (0 for none), read under the inbox lock */
  afterSeq: number;
}

/**
 * `deliverNotifications`, also answering `afterSeq`, so that the caller can hand the rows to this
 * process's SSE streams after COMMIT (stream.ts `publishCommitted`) — the evaluation batch does.
 * Same statements: `afterSeq` comes from the first insert's seq counter update.
 */
export async function deliverToInbox(
  tx: Tx,
  workspaceId: string,
  items: NewNotification[],
  opts: { count?: boolean; locked?: boolean; webhooks?: boolean } = {},
): Promise<InboxDelivery> {
  if (!items.length) return { rows: [], afterSeq: 0 };
  if (!opts.locked) await lockInbox(tx, workspaceId);
  // in chunks, so that no statement gets huge (a 1,000-user fan-out over a batch of events is many
  // thousand rows); seq still grows in item order
  // A notification is its own inbox delivery (decision 036: no `notification_deliveries` row
  // for the inbox channel, the statistics count notifications); the NOTIFY and `afterSeq` ride
  // on the inserts
  const rows: Row[] = [];
  let afterSeq = 0;
  for (let at = 0; at < items.length; at += INSERT_CHUNK) {
    const chunk = await insertNotifications(tx, workspaceId, items.slice(at, at + INSERT_CHUNK), { last: at + INSERT_CHUNK >= items.length });
    if (at === 0) afterSeq = chunk.afterSeq;
    rows.push(...chunk.rows);
  }
  const now = new Date();
  if (opts.count !== false) await countUsage(tx, workspaceId, "notifications", rows.length, now);
  // Inbox deliveries are this context's own high-volume log (notification_deliveries), so they
  // append no domain event each (that would cost a dispatch job and every consumer per
  // notification); subscribed webhook endpoints are queued here directly instead.
  const subscribed = opts.webhooks ?? (await hasWebhookSubscribers(tx, workspaceId));
  if (subscribed) {
    // one statement for every recipient's delivery (a 1,000-user fan-out is one insert, not 1,000)
    await queueWebhookDeliveriesMany(
      tx,
      workspaceId,
      "notification.delivered",
      rows.map((r, i) => ({
        sourceId: r.id,
        data: {
          notification_id: r.id,
          user_id: r.userId ?? items[i]!.externalUserId ?? null,
          ...(r.endUserId ? { end_user_id: r.endUserId } : {}),
          event_id: r.eventId,
          rule_id: r.ruleId,
          priority: r.priority,
          sound_id: r.soundId,
          channel: "inbox",
          status: "delivered",
          delivered_at: now.toISOString(),
        },
      })),
      now,
    );
  }
  // e-mail and push: per channel one statement for every recipient's pending delivery and its job.
  // Push only for recipients with somewhere to push to (an end user's phones, a member's browser
  // subscriptions): a recipient without any is skipped silently, not a failed delivery each.
  for (const [channel, kind] of [
    ["email", SEND_EMAIL_JOB],
    ["push", SEND_PUSH_JOB],
  ] as const) {
    const ids = rows.filter((_, i) => items[i]!.channels?.includes(channel)).map((r) => r.id);
    if (!ids.length) continue;
    const reachable = channel === "push" ? pushReachableSql(workspaceId) : sql`true`;
    await tx.execute(sql`
      with pending as (
        insert into notification_deliveries (workspace_id, notification_id, channel, status)
        select ${workspaceId}, n.id, ${channel}, 'pending' from notifications n
         where n.workspace_id = ${workspaceId} and n.id = any(${`{${ids.join(",")}}`}::uuid[]) and ${reachable}
        returning id)
      select count(${addJobSql(kind, sql`json_build_object('workspace_id', ${workspaceId}::text, 'delivery_id', p.id)`)}) from pending p`);
  }
  return { rows, afterSeq };
}

/** SQL predicate over notification `n`: its recipient has a push target (an end user's push token, a member's Web Push subscription). */
const pushReachableSql = (workspaceId: string) => sql`(
  (n.end_user_id is not null and ${endUserHasPushTokenSql(workspaceId, sql`n.end_user_id`)})
  or (n.end_user_id is null and n.user_id is not null
      and exists (select 1 from push_subscriptions ps where ps.workspace_id = ${workspaceId} and ps.user_id = n.user_id)))`;

/** True when the workspace has an active outgoing webhook endpoint (as SQL, for statements that ask more). */
export const webhookSubscribersSql = (workspaceId: string) =>
  sql<boolean>`exists (select 1 from webhook_endpoints where workspace_id = ${workspaceId} and status = 'active')`;

async function hasWebhookSubscribers(tx: Tx, workspaceId: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: webhookEndpoints.id })
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.workspaceId, workspaceId), eq(webhookEndpoints.status, "active")))
    .limit(1);
  return !!row;
}

/**
 * Whose inbox: a member (their user id: their own notifications and workspace-wide ones), an end
 * user (`{ endUserId }`: only theirs), or null (an API key: the whole workspace's).
 */
export type InboxViewer = string | null | { endUserId: string };

/** The notifications `viewer` sees (a member never sees an end user's, nor an end user another's). */
const mine = (viewer: InboxViewer) =>
  viewer === null
    ? undefined
    : typeof viewer === "string"
      ? and(isNull(notifications.endUserId), or(isNull(notifications.userId), eq(notifications.userId, viewer)))
      : eq(notifications.endUserId, viewer.endUserId);

/** The viewer's notifications after SSE id `afterSeq`, oldest first (at most `limit`); skipped-inbox ones are not streamed to an end user. */
export function notificationsAfter(tx: Tx, workspaceId: string, userId: InboxViewer, afterSeq: number, limit = 200): Promise<Row[]> {
  return tx
    .select()
    .from(notifications)
    .where(
      and(
        eq(notifications.workspaceId, workspaceId),
        mine(userId),
        gt(notifications.seq, afterSeq),
        userId !== null && typeof userId === "object" ? isNull(notifications.archivedAt) : undefined,
      ),
    )
    .orderBy(asc(notifications.seq))
    .limit(limit);
}

/** The highest SSE id in the workspace (a fresh stream starts after it). */
export async function latestSeq(tx: Tx, workspaceId: string): Promise<number> {
  const [r] = await tx
    .select({ s: sql<string | null>`max(${notifications.seq})` })
    .from(notifications)
    .where(eq(notifications.workspaceId, workspaceId));
  return Number(r?.s ?? 0);
}

export type InboxFilter = "inbox" | "unread" | "archived" | "all";

/** A page of the member's notifications, newest first. */
export function listInbox(
  tx: Tx,
  workspaceId: string,
  userId: InboxViewer,
  filter: InboxFilter,
  cursorCond: ReturnType<typeof and>,
  limit: number,
): Promise<Row[]> {
  const f =
    filter === "unread"
      ? and(isNull(notifications.readAt), isNull(notifications.archivedAt))
      : filter === "archived"
        ? isNotNull(notifications.archivedAt)
        : filter === "inbox"
          ? isNull(notifications.archivedAt)
          : undefined;
  return tx
    .select()
    .from(notifications)
    .where(and(eq(notifications.workspaceId, workspaceId), mine(userId), f, cursorCond))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit);
}

export async function unreadCount(tx: Tx, workspaceId: string, userId: InboxViewer): Promise<number> {
  const [r] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(eq(notifications.workspaceId, workspaceId), mine(userId), isNull(notifications.readAt), isNull(notifications.archivedAt)));
  return r?.n ?? 0;
}

export async function getNotification(tx: Tx, workspaceId: string, userId: InboxViewer, id: string): Promise<Row> {
  const r = await findFirst(tx, notifications, and(eq(notifications.id, id), eq(notifications.workspaceId, workspaceId), mine(userId)));
  if (!r) throw new NotFound("notification");
  return r;
}

/**
 * Marks a notification read, acknowledged (implies read) or archived. Idempotent: a second
 * acknowledge keeps the first time and appends no second `notification.acknowledged`.
 */
export async function markNotification(
  tx: Tx,
  workspaceId: string,
  userId: InboxViewer,
  id: string,
  action: "read" | "acknowledge" | "archive" | "unarchive",
): Promise<Row> {
  const r = await getNotification(tx, workspaceId, userId, id);
  const now = new Date();
  const set: Partial<Row> =
    action === "read"
      ? { readAt: r.readAt ?? now }
      : action === "acknowledge"
        ? { readAt: r.readAt ?? now, acknowledgedAt: r.acknowledgedAt ?? now }
        : action === "archive"
          ? { archivedAt: r.archivedAt ?? now, readAt: r.readAt ?? now }
          : { archivedAt: null };
  const [row] = await tx.update(notifications).set(set).where(eq(notifications.id, id)).returning();
  if (action === "acknowledge" && !r.acknowledgedAt) {
    await appendDomainEvent(tx, {
      workspaceId,
      type: "notification.acknowledged",
      subjectId: id,
      payload: {
        notification_id: id,
        // an end user's notification (acknowledged by them, or by the tenant's server for them): the webhook names them by their externalUserId
        user_id: r.endUserId ? ((await externalUserIdOf(tx, workspaceId, r.endUserId)) ?? null) : userId,
        ...(r.endUserId ? { end_user_id: r.endUserId } : {}),
        event_id: r.eventId,
        acknowledged_at: now.toISOString(),
      },
    });
  }
  return row!;
}

/**
 * Per-day statistics (UTC) of the last `days` days: delivered (notifications created — each is
 * its inbox delivery — plus e-mail and push deliveries made), failed, acknowledged. Inbox
 * delivery rows written before decision 036 are not counted again.
 */
export async function notificationStats(
  tx: Tx,
  workspaceId: string,
  days = 30,
): Promise<{ day: string; delivered: number; failed: number; acknowledged: number }[]> {
  const since = new Date(Date.now() - (days - 1) * 86_400_000).toISOString().slice(0, 10);
  const rows = (await tx.execute(sql`
    with d as (
      select to_char(created_at at time zone 'UTC', 'YYYY-MM-DD') as day,
             count(*) filter (where status = 'delivered')::int as delivered,
             count(*) filter (where status = 'failed')::int as failed, 0 as acknowledged
        from notification_deliveries where workspace_id = ${workspaceId} and created_at >= ${since}::date and channel <> 'inbox' group by 1
      union all
      select to_char(created_at at time zone 'UTC', 'YYYY-MM-DD'), count(*)::int, 0, 0
        from notifications where workspace_id = ${workspaceId} and created_at >= ${since}::date group by 1
      union all
      select to_char(acknowledged_at at time zone 'UTC', 'YYYY-MM-DD'), 0, 0, count(*)::int
        from notifications where workspace_id = ${workspaceId} and acknowledged_at >= ${since}::date group by 1)
    select day, sum(delivered)::int as delivered, sum(failed)::int as failed, sum(acknowledged)::int as acknowledged from d group by day`)) as unknown as {
    day: string;
    delivered: number;
    failed: number;
    acknowledged: number;
  }[];
  return Array.from({ length: days }, (_, i) => {
    const day = new Date(Date.now() - (days - 1 - i) * 86_400_000).toISOString().slice(0, 10);
    const r = rows.find((x) => x.day === day);
    return { day, delivered: r?.delivered ?? 0, failed: r?.failed ?? 0, acknowledged: r?.acknowledged ?? 0 };
  });
}
