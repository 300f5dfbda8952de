/**
 * Plan tiers and their quotas (the tenancy context's `plans` table, seeded from seed 003 §9.1):
 * listed with how many workspaces use each, and edited by platform staff (`plan.updated`).
 * Plans are not tenant rows, so the event is platform-level (no workspace).
 */
import { asc, eq } from "drizzle-orm";
import type { Database } from "../../db/client";
import { withPlatform } from "../../db/tenant";
import { NotFound } from "../../lib/errors";
import { appendDomainEvent } from "../../kernel/events";
import { plans } from "./schema";
import type { PlanDefinition, UpdatePlanRequest } from "@nhood/contracts";
import type { PublicPlan } from "@nhood/contracts/onboarding";
import { isFreePlan, trialDays } from "./subscription-start";
import { workspaceCountsByPlan } from "./lifecycle";

type PlanRow = typeof plans.$inferSelect;
const ORDER = ["free", "starter", "professional", "enterprise"];

function toPlan(r: PlanRow, count: number): PlanDefinition {
  return {
    id: r.id,
    name: r.name,
    events_per_month: r.eventsPerMonth,
    notifications_per_month: r.notificationsPerMonth,
    users: r.users,
    rules: r.rules,
    sounds: r.sounds,
    requests_per_hour: r.requestsPerHour,
    webhooks: r.webhooks,
    custom_domain: r.customDomain,
    price_cents: r.priceCents,
    workspace_count: count,
  };
}

/** Every plan tier, cheapest first (the seed's order, then any others by id). */
export async function listPlans(db: Database): Promise<PlanDefinition[]> {
  const [rows, counts] = await Promise.all([db.select().from(plans).orderBy(asc(plans.id)), workspaceCountsByPlan(db)]);
  const rank = (id: string) => (ORDER.includes(id) ? ORDER.indexOf(id) : ORDER.length);
  return rows.sort((a, b) => rank(a.id) - rank(b.id)).map((r) => toPlan(r, counts.get(r.id) ?? 0));
}

/** Changes a plan's name or quotas (`null` = unlimited). 404 for an unknown plan id. */
export async function updatePlan(db: Database, id: string, input: UpdatePlanRequest): Promise<PlanDefinition> {
  const set: Partial<PlanRow> = {
    ...(input.name !== undefined && { name: input.name }),
    ...(input.events_per_month !== undefined && { eventsPerMonth: input.events_per_month }),
    ...(input.notifications_per_month !== undefined && { notificationsPerMonth: input.notifications_per_month }),
    ...(input.users !== undefined && { users: input.users }),
    ...(input.rules !== undefined && { rules: input.rules }),
    ...(input.sounds !== undefined && { sounds: input.sounds }),
    ...(input.requests_per_hour !== undefined && { requestsPerHour: input.requests_per_hour }),
    ...(input.webhooks !== undefined && { webhooks: input.webhooks }),
    ...(input.custom_domain !== undefined && { customDomain: input.custom_domain }),
    ...(input.price_cents !== undefined && { priceCents: input.price_cents }),
  };
  await withPlatform(db, async (tx) => {
    const [row] = await tx.update(plans).set(set).where(eq(plans.id, id)).returning();
    if (!row) throw new NotFound("plan");
    await appendDomainEvent(tx, { workspaceId: null, type: "plan.updated", subjectId: id, payload: { changes: input } });
  });
  return (await listPlans(db)).find((p) => p.id === id)!;
}

/** The plans a sign-up may choose, cheapest first, with the trial a paid plan gets (no workspace counts). */
export async function listPublicPlans(db: Database): Promise<PublicPlan[]> {
  const rows = await db.select().from(plans);
  const rank = (id: string) => (ORDER.includes(id) ? ORDER.indexOf(id) : ORDER.length);
  return rows
    .sort((a, b) => rank(a.id) - rank(b.id) || a.id.localeCompare(b.id))
    .map((r) => ({
      id: r.id,
      name: r.name,
      price_cents: r.priceCents,
      events_per_month: r.eventsPerMonth,
      notifications_per_month: r.notificationsPerMonth,
      users: r.users,
      trial_days: isFreePlan(r) ? 0 : trialDays(),
    }));
}
