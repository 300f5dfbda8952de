/**
 * Rules (seed 003 §4.3): CRUD within the plan's rules quota, and `testRule`, which evaluates a
 * rule against a sample event without storing anything. Every change appends a domain event. A
 * rule targets staff roles, user roles (which must exist) and/or the users its event names, at
 * least one of them.
 */
import { and, asc, count, eq } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { Conflict, NotFound, ValidationFailed } from "../../lib/errors";
import { appendDomainEvent } from "../../kernel/events";
import { planOf } from "../tenancy";
import { membersWithRoles } from "../identity";
import { endUsersByExternalIds, endUsersWithRoles, unknownUserRoles } from "../integrations";
import { eventUserIds } from "./recipients";
import { checkCondition, evaluateRule, ExpressionError } from "./conditions";
import { rules, sounds } from "./schema";
import type { Rule, RuleTestResult, WorkspaceRole } from "@nhood/contracts";
import type { z } from "zod";
import type { ruleInputSchema } from "@nhood/contracts";
import { findFirst } from "../../db/find-first";

type RuleRow = typeof rules.$inferSelect;
export type RuleValues = z.output<typeof ruleInputSchema>;

export function toRule(r: RuleRow): Rule {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    condition: r.condition,
    target_roles: r.targetRoles as WorkspaceRole[],
    target_user_roles: r.targetUserRoles,
    target_event_users: r.targetEventUsers,
    priority: r.priority,
    severity: r.severity,
    sound_id: r.soundId,
    title_template: r.titleTemplate,
    message_template: r.messageTemplate,
    channels: r.channels as Rule["channels"],
    active: r.active,
    created_at: r.createdAt.toISOString(),
    updated_at: r.updatedAt.toISOString(),
  };
}

async function validateRule(tx: Tx, workspaceId: string, v: Partial<RuleValues>, current?: RuleRow): Promise<void> {
  const staff = v.target_roles ?? current?.targetRoles ?? [];
  const users = v.target_user_roles ?? current?.targetUserRoles ?? [];
  if (!staff.length && !users.length && !(v.target_event_users ?? current?.targetEventUsers)) {
    throw new ValidationFailed([{ pointer: "#/target_roles", detail: "a rule notifies someone: set target_roles, target_user_roles or target_event_users" }]);
  }
  if (v.target_user_roles?.length) {
    const unknown = await unknownUserRoles(tx, workspaceId, v.target_user_roles);
    const errors = v.target_user_roles.flatMap((r, i) =>
      unknown.has(r) ? [{ pointer: `#/target_user_roles/${i}`, detail: `no user role "${r}" in this workspace` }] : [],
    );
    if (errors.length) throw new ValidationFailed(errors);
  }
  if (v.condition !== undefined) {
    try {
      checkCondition(v.condition);
    } catch (e) {
      throw new ValidationFailed([{ pointer: "#/condition", detail: e instanceof ExpressionError ? e.message : "not a valid CEL expression" }]);
    }
  }
  if (v.sound_id) {
    const s = await findFirst(tx, sounds, and(eq(sounds.id, v.sound_id), eq(sounds.workspaceId, workspaceId)), { id: true });
    if (!s) throw new ValidationFailed([{ pointer: "#/sound_id", detail: "no such sound in this workspace" }]);
  }
}

function columns(v: Partial<RuleValues>) {
  return {
    name: v.name,
    description: v.description,
    condition: v.condition,
    targetRoles: v.target_roles,
    targetUserRoles: v.target_user_roles,
    targetEventUsers: v.target_event_users,
    priority: v.priority,
    severity: v.severity,
    soundId: v.sound_id,
    titleTemplate: v.title_template,
    messageTemplate: v.message_template,
    channels: v.channels,
    active: v.active,
  };
}

/** Rules in evaluation order (priority ascending, then oldest first). */
export async function listRules(tx: Tx, workspaceId: string, onlyActive = false): Promise<RuleRow[]> {
  return tx
    .select()
    .from(rules)
    .where(and(eq(rules.workspaceId, workspaceId), onlyActive ? eq(rules.active, true) : undefined))
    .orderBy(asc(rules.priority), asc(rules.createdAt), asc(rules.id));
}

export async function getRule(tx: Tx, workspaceId: string, id: string): Promise<RuleRow> {
  const r = await findFirst(tx, rules, and(eq(rules.id, id), eq(rules.workspaceId, workspaceId)));
  if (!r) throw new NotFound("rule");
  return r;
}

/** Creates a rule; Conflict when the plan's rules quota is reached. */
export async function createRule(tx: Tx, workspaceId: string, v: RuleValues, createdBy: string | null): Promise<RuleRow> {
  await validateRule(tx, workspaceId, v);
  const plan = await planOf(tx, workspaceId);
  const [{ n }] = (await tx.select({ n: count() }).from(rules).where(eq(rules.workspaceId, workspaceId))) as [{ n: number }];
  if (plan.rules !== null && n >= plan.rules) throw new Conflict(`The ${plan.name} plan allows ${plan.rules} rules.`);
  const [row] = await tx
    .insert(rules)
    .values({ workspaceId, ...columns(v), createdBy } as typeof rules.$inferInsert)
    .returning();
  await appendDomainEvent(tx, { workspaceId, type: "rule.created", subjectId: row!.id, payload: { name: v.name, condition: v.condition } });
  return row!;
}

export async function updateRule(tx: Tx, workspaceId: string, id: string, v: Partial<RuleValues>): Promise<RuleRow> {
  const current = await getRule(tx, workspaceId, id);
  await validateRule(tx, workspaceId, v, current);
  const [row] = await tx
    .update(rules)
    .set({ ...columns(v), updatedAt: new Date() })
    .where(and(eq(rules.id, id), eq(rules.workspaceId, workspaceId)))
    .returning();
  await appendDomainEvent(tx, { workspaceId, type: "rule.updated", subjectId: id, payload: { fields: Object.keys(v) } });
  return row!;
}

export async function deleteRule(tx: Tx, workspaceId: string, id: string): Promise<void> {
  const r = await getRule(tx, workspaceId, id);
  await tx.delete(rules).where(eq(rules.id, id));
  await appendDomainEvent(tx, { workspaceId, type: "rule.deleted", subjectId: id, payload: { name: r.name } });
}

/** The user ids of the workspace's members holding one of `roles`. */
export async function recipientsFor(tx: Tx, workspaceId: string, roles: string[]): Promise<string[]> {
  return membersWithRoles(tx, workspaceId, roles);
}

/** Evaluates the rule against a sample event (seed 003 §5.5 `POST /rules/{id}/test`). */
export async function testRule(
  tx: Tx,
  workspaceId: string,
  id: string,
  event: { type: string; payload: Record<string, unknown>; source: string },
): Promise<RuleTestResult> {
  const rule = await getRule(tx, workspaceId, id);
  const outcome = evaluateRule(rule, { ...event, timestamp: new Date().toISOString() });
  let recipients = 0;
  if (outcome.matched) {
    const users = new Set((await endUsersWithRoles(tx, workspaceId, rule.targetUserRoles)).map((u) => u.id));
    if (rule.targetEventUsers) for (const u of (await endUsersByExternalIds(tx, workspaceId, eventUserIds(event.payload))).values()) users.add(u.id);
    recipients = (await recipientsFor(tx, workspaceId, rule.targetRoles)).length + users.size;
  }
  return { ...outcome, recipients };
}
