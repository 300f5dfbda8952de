/**
 * The notifications context's domain-event consumer (`notifications`), in three steps:
 * - `ingestPlatformEvent`: events of other contexts (executions, leads,
 *   connections, quotas, members…) become ingested events of their workspace, so rules see
 *   them like API events (`source = platform`, not billed, de-duplicated by the domain event id);
 * - `noticeQuota`: `quota.warning` / `quota.exceeded` put a notice in the inbox
 *   of owners and admins and e-mail the billing contact (tenancy/billing-contact.ts: the
 *   workspace's billing e-mail, or else its owners);
 * - `fanOutWebhooks`: queue outgoing webhook deliveries.
 * Notification and webhook events are never re-ingested (that would loop).
 */
import { and, eq } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { enqueueJob } from "../../kernel/jobs";
import { SEND_EMAIL_JOB } from "./jobs";
import { registerConsumer, type DomainEvent } from "../../kernel/events";
import { deliverNotifications } from "./inbox";
import { ingestEvents, scheduleEvaluation } from "./ingestion";
import { recipientsFor } from "./rules";
import { rules } from "./schema";
import { fanOutWebhooks, fanOutWebhooksMany } from "./webhooks/delivery";
import { billingRecipients } from "../tenancy";
import { noticeBilling } from "./billing-notices";

const INGESTED_PREFIXES = ["execution.", "lead.", "connection.", "consent.", "quota.", "member.", "end_user.", "workflow."];

/**
 * Whether the workspace has an active rule. A platform event is ingested only for its rules (its
 * ingested row is what they are evaluated on; platform events are not billed, not sent as
 * `event.received` and start no workflow from here — workflows see them through their own
 * consumer), so without one the event is not ingested at all: an `execution.succeeded` per
 * execution was an insert, an evaluation and an update for nothing (decision 037).
 */
async function hasActiveRule(tx: Tx, workspaceId: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: rules.id })
    .from(rules)
    .where(and(eq(rules.workspaceId, workspaceId), eq(rules.active, true)))
    .limit(1);
  return row !== undefined;
}

export async function ingestPlatformEvent(tx: Tx, event: DomainEvent): Promise<void> {
  if (!event.workspaceId || !INGESTED_PREFIXES.some((p) => event.type.startsWith(p))) return;
  if (!(await hasActiveRule(tx, event.workspaceId))) return;
  const [stored] = await ingestEvents(
    tx,
    event.workspaceId,
    [{ type: event.type, clientEventId: `domain:${event.id}`, payload: event.payload as Record<string, unknown>, timestamp: event.occurredAt.toISOString() }],
    "platform",
  );
  if (!stored!.duplicate) await scheduleEvaluation(tx, event.workspaceId);
}

/**
 * `ingestPlatformEvent` for a batch dispatcher's group (decision 023): the events of one
 * workspace become its ingested events in one INSERT, and one evaluation is scheduled for them.
 */
export async function ingestPlatformEvents(tx: Tx, events: DomainEvent[]): Promise<void> {
  const workspaceId = events[0]?.workspaceId;
  if (!workspaceId) return;
  const eligible = events.filter((e) => e.workspaceId === workspaceId && INGESTED_PREFIXES.some((p) => e.type.startsWith(p)));
  if (!eligible.length || !(await hasActiveRule(tx, workspaceId))) return;
  const stored = await ingestEvents(
    tx,
    workspaceId,
    eligible.map((e) => ({
      type: e.type,
      clientEventId: `domain:${e.id}`,
      payload: e.payload as Record<string, unknown>,
      timestamp: e.occurredAt.toISOString(),
    })),
    "platform",
  );
  if (stored.some((s) => !s.duplicate)) await scheduleEvaluation(tx, workspaceId);
}

export async function noticeQuota(tx: Tx, event: DomainEvent): Promise<void> {
  if (!event.workspaceId || (event.type !== "quota.warning" && event.type !== "quota.exceeded")) return;
  const p = event.payload as { metric: string; quota: number; usage: number; percent: number; reset_at: string; plan: string };
  const title = p.percent >= 100 ? `Your ${p.metric} quota is used up` : `You have used ${p.percent}% of your ${p.metric} quota`;
  // the users quota (tenancy/user-quota.ts) counts members at any time, not per month
  const message =
    p.metric === "users"
      ? `${p.usage} of ${p.quota} users on the ${p.plan} plan. ${p.percent >= 100 ? "No more members can be added" : "At 100% no more members can be added"}; upgrade the plan to raise the limit.`
      : `${p.usage} of ${p.quota} ${p.metric} this month on the ${p.plan} plan. ${p.percent >= 100 ? "" : "At 100% "}${p.metric === "notifications" ? `${p.percent >= 100 ? "R" : "r"}ules create no notifications (events are still accepted)` : `${p.percent >= 100 ? "N" : "n"}ew events are refused`} until ${p.reset_at}; upgrade the plan to raise the limit.`;
  const admins = await recipientsFor(tx, event.workspaceId, ["owner", "admin"]);
  // a notice about the platform: not counted against the notifications quota (never suppressed)
  await deliverNotifications(
    tx,
    event.workspaceId,
    admins.map((userId) => ({ userId, title, message, priority: p.percent >= 100 ? ("critical" as const) : ("high" as const) })),
    { count: false },
  );
  for (const to of await billingRecipients(tx, event.workspaceId)) {
    await enqueueJob(tx, SEND_EMAIL_JOB, { workspace_id: event.workspaceId!, to_email: to, subject: title, text: message });
  }
}

// one consumer, three steps; a batch (all of one workspace) is ingested in one INSERT
registerConsumer(
  "notifications",
  async (tx, event) => {
    await ingestPlatformEvent(tx, event);
    await noticeQuota(tx, event);
    await noticeBilling(tx, event);
    await fanOutWebhooks(tx, event);
  },
  {
    batch: async (tx, events) => {
      await ingestPlatformEvents(tx, events);
      for (const event of events) {
        await noticeQuota(tx, event);
        await noticeBilling(tx, event);
      }
      await fanOutWebhooksMany(tx, events);
    },
  },
);
