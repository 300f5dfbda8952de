/**
 * Usage against quota: `GET /projects/me/usage` (seed 003 §5.2) for an API key or a signed-in
 * member of the active workspace: plan limits, this month's counters, current counts of rules,
 * sounds and members, and the last 30 days. Events still pending evaluation count already (the
 * evaluation batch adds them to the counters), so the figures match what the quota check sees.
 */
import { Hono } from "hono";
import { count, eq } from "drizzle-orm";
import type { AppEnv, Deps } from "../../lib/http";
import { withWorkspace } from "../../db/tenant";
import { ALL_ROLES } from "../identity";
import { countWorkspaceUsers, planOf } from "../tenancy";
import { periodKeys, readUsage, resetTimes } from "../tenancy";
import { requireOwnWorkspace } from "./access";
import { pendingEventsByDay } from "./quotas";
import { rules, sounds } from "./schema";
import type { Usage } from "@nhood/contracts";
import { describeRoute } from "../../lib/describe";
import * as docs from "./route-docs";

export function usageRoutes(deps: Deps) {
  return new Hono<AppEnv>().get("/projects/me/usage", describeRoute(docs.getUsage), async (c) => {
    const a = await requireOwnWorkspace(deps, c, { roles: ALL_ROLES, scope: "events" });
    const ws = a.workspaceId;
    const usage: Usage = await withWorkspace(deps.db, ws, async (tx) => {
      const plan = await planOf(tx, ws);
      const snap = await readUsage(tx, ws);
      // events not evaluated yet are counted by their evaluation batch: add them now
      const pending = await pendingEventsByDay(tx, ws, snap.daily[0]!.day);
      const month = periodKeys().month;
      for (const d of snap.daily) {
        const n = pending.get(d.day) ?? 0;
        d.events += n;
        if (d.day.startsWith(month)) snap.month.events += n;
      }
      const n = async (table: typeof rules | typeof sounds) => Number((await tx.select({ n: count() }).from(table).where(eq(table.workspaceId, ws)))[0]!.n);
      return {
        plan: {
          id: plan.id,
          name: plan.name,
          events_per_month: plan.eventsPerMonth,
          notifications_per_month: plan.notificationsPerMonth,
          users: plan.users,
          rules: plan.rules,
          sounds: plan.sounds,
          requests_per_hour: plan.requestsPerHour,
        },
        period: periodKeys().month,
        reset_at: resetTimes().month.toISOString(),
        month: snap.month,
        counts: { rules: await n(rules), sounds: await n(sounds), users: await countWorkspaceUsers(tx, ws) },
        daily: snap.daily,
      };
    });
    return c.json(usage);
  });
}
