/**
 * The users quota (seed 003 §3.1 "Quota: per-project limits (… users)", §4.1 `quotaUsers`, §9.1
 * plan tiers): a workspace's users are its members, the people its rules notify (the usage
 * screen counts them as `users`). Enforced where a member is added (seed 003 §9.2): past the
 * plan's `users` the request is refused with 403 `quota-exceeded` (not 429: nothing resets with
 * time); the member that brings the count to 80 % appends `quota.warning`, the one that reaches
 * 100 % `quota.exceeded`, each at most once a month, like the monthly quotas (quotas.ts).
 */
import type { Tx } from "../../db/client";
import { DomainError } from "../../lib/errors";
import { planOf } from "./plans";
import { alertMonthlyQuota } from "./quotas";
import { lockFor } from "../../kernel/locks";

/** 403 problem `quota-exceeded` with RFC 9457 extension members `metric` ("users"), `quota` (the limit), `usage` and `plan`. */
export class UserQuotaExceeded extends DomainError {
  readonly extensions: Record<string, unknown>;
  constructor(quota: number, usage: number, plan: string) {
    super(403, "quota-exceeded", "Quota exceeded", `The ${plan} plan allows ${quota} users and this workspace has ${usage}; upgrade the plan to add more.`);
    this.extensions = { metric: "users", quota, usage, plan };
  }
}

/**
 * Makes room for one more member of `workspaceId` in `tx` (a transaction scoped to it), before
 * the membership is inserted. Member additions of one workspace are serialised by a transaction
 * advisory lock, so two concurrent additions cannot both take the last seat. Throws
 * UserQuotaExceeded when the workspace already has the plan's `users` (`countMembers` answers
 * the current count: identity owns the memberships); an unlimited plan (null) passes without a count.
 */
export async function consumeUserQuota(tx: Tx, workspaceId: string, countMembers: () => Promise<number>, now = new Date()): Promise<void> {
  const plan = await planOf(tx, workspaceId);
  const quota = plan.users;
  if (quota === null) return;
  await lockFor(tx, `nh:members:${workspaceId}`);
  const current = await countMembers();
  if (current >= quota) throw new UserQuotaExceeded(quota, current, plan.name);
  // the monthly quotas' alerts: each threshold announced at most once a month
  await alertMonthlyQuota(tx, workspaceId, { metric: "users", quota, used: current + 1, plan: plan.id }, now);
}
