/**
 * Rule evaluation (seed 003 §7.2 steps 6-9): the workspace's pending events, oldest first, each
 * against the active rules in priority order (lower first); every match notifies the members
 * holding the rule's target roles. One job per workspace at a time (a named queue), in batches;
 * an event is marked processed in the transaction that creates its notifications, so a retried
 * job never notifies twice.
 */
import { and, asc, eq, isNull } from "drizzle-orm";
import type { Database } from "../../db/client";
import { withWorkspace } from "../../db/tenant";
import { logger } from "../../lib/logger";
import { evaluateRule } from "./conditions";
import { deliverNotifications, type NewNotification } from "./inbox";
import { listRules, recipientsFor } from "./rules";
import { ingestedEvents } from "./schema";

const BATCH = 100;

/** Processes every pending event of the workspace; answers how many were processed. */
export async function evaluatePendingEvents(db: Database, workspaceId: string): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await withWorkspace(db, workspaceId, async (tx) => {
      const events = await tx.select().from(ingestedEvents)
        .where(and(eq(ingestedEvents.workspaceId, workspaceId), isNull(ingestedEvents.processedAt)))
        .orderBy(asc(ingestedEvents.receivedAt), asc(ingestedEvents.id)).limit(BATCH).for("update", { skipLocked: true });
      if (!events.length) return 0;
      const active = await listRules(tx, workspaceId, true);
      const roleCache = new Map<string, string[]>();
      const recipients = async (roles: string[]) => {
        const key = [...roles].sort().join(",");
        if (!roleCache.has(key)) roleCache.set(key, await recipientsFor(tx, workspaceId, roles));
        return roleCache.get(key)!;
      };
      const now = new Date();
      for (const ev of events) {
        const items: NewNotification[] = [];
        const matched: string[] = [];
        const facts = { type: ev.type, payload: ev.payload, source: ev.source, timestamp: (ev.clientTimestamp ?? ev.receivedAt).toISOString() };
        for (const rule of active) {
          const outcome = evaluateRule(rule, facts);
          if (outcome.error) logger.warn({ workspace_id: workspaceId, rule_id: rule.id, event_id: ev.id, error: outcome.error }, "rule could not be evaluated");
          if (!outcome.matched) continue;
          matched.push(rule.id);
          for (const userId of await recipients(rule.targetRoles)) {
            items.push({ userId, title: outcome.title!, message: outcome.message!, priority: rule.severity, ruleId: rule.id, eventId: ev.id, soundId: rule.soundId, channels: rule.channels });
          }
        }
        await deliverNotifications(tx, workspaceId, items);
        await tx.update(ingestedEvents).set({ processedAt: now, matchedRuleIds: matched, notificationCount: items.length }).where(eq(ingestedEvents.id, ev.id));
      }
      return events.length;
    });
    total += n;
    if (n < BATCH) return total;
  }
}
