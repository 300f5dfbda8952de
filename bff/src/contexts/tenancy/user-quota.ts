/**
 * The users quota (seed 003 §3.1 "Quota: per-project limits (… users)", §4.1 `quotaUsers`, §9.1
 * plan tiers): a workspace's users are its members and its app users (integrations' end users,
 * decision 024), the people its rules notify (the usage screen counts them as `users`). Enforced
 * where a member or an app user is added (seed 003 §9.2): past the plan's `users` the request is
 * refused with 403 `quota-exceeded` (not 429: nothing resets with time); the addition that brings
 * the count to 80 % appends `quota.warning`, the one that reaches 100 % `quota.exceeded`, each at
 * most once a month, like the monthly quotas (quotas.ts).
 */
import type { Tx } from "../../db/client";
import { DomainError } from "../../lib/errors";
import { planOf } from "./plans";
import { alertMonthlyQuota } from "./quotas";
import { lockFor } from "../../kernel/locks";
import { memberCounts } from "../identity";

/** 403 problem `quota-exceeded` with RFC 9457 extension members `metric` ("users"), `quota` (the limit), `usage` and `plan`. */
export class UserQuotaExceeded extends DomainError {
  readonly extensions: Record<string, unknown>;
  constructor(quota: number, usage: number, plan: string) {
    super(403, "quota-exceeded", "Quota exceeded", `The ${plan} plan allows ${quota} users and this workspace has ${usage}; upgrade the plan to add more.`);
    this.extensions = { metric: "users", quota, usage, plan };
  }
}

/** Counts one kind of a workspace's users other than its members (integrations: its app users). */
export type UserCounter = (tx: Tx, workspaceId: string) => Promise<number>;
const counters: UserCounter[] = [];

/**
 * Registers a kind of user the users quota counts besides members (decision 024: the workspace's
 * app users, seed 003 §4.2). Called once when the owning context's entry point loads.
 */
export function registerUserCounter(counter: UserCounter): void {
  counters.push(counter);
}

/** Every user of the workspace the quota counts: `members` plus each registered counter's. */
async function countUsers(tx: Tx, workspaceId: string, members: number): Promise<number> {
  let n = members;
  for (const count of counters) n += await count(tx, workspaceId);
  return n;
}

/**
 * Makes room for `adding` more users of `workspaceId` in `tx` (a transaction scoped to it),
 * before they are inserted; answers how many of them fit (all of them unless `partial`).
 * Additions of one workspace are serialised by a transaction advisory lock, so two concurrent
 * additions cannot both take the last seat. Members and the registered kinds of users
 * (registerUserCounter) count alike. Throws UserQuotaExceeded when not one fits (or, without
 * `partial`, not all); an unlimited plan (null) passes without a count.
 */
export async function consumeUserQuota(
  tx: Tx,
  workspaceId: string,
  countMembers: () => Promise<number>,
  now = new Date(),
  opts: { adding?: number; partial?: boolean } = {},
): Promise<number> {
  const adding = opts.adding ?? 1;
  const plan = await planOf(tx, workspaceId);
  const quota = plan.users;
  if (quota === null || adding <= 0) return adding;
  await lockFor(tx, `nh:members:${workspaceId}`);
  const current = await countUsers(tx, workspaceId, await countMembers());
  const fits = Math.max(0, Math.min(adding, quota - current));
  if (fits === 0 || (!opts.partial && fits < adding)) throw new UserQuotaExceeded(quota, current, plan.name);
  // the monthly quotas' alerts: each threshold announced at most once a month
  await alertMonthlyQuota(tx, workspaceId, { metric: "users", quota, used: current + fits, plan: plan.id }, now);
  return fits;
}

/**
 * Makes room for `adding` new app users of the workspace (integrations' users API) in `tx`;
 * answers how many fit, at most `adding` (`partial`: a bulk sync takes what fits, row by row).
 * Throws UserQuotaExceeded (403) when none fits, or without `partial` when not all do.
 */
export function admitWorkspaceUsers(tx: Tx, workspaceId: string, adding: number, opts: { partial?: boolean } = {}): Promise<number> {
  return consumeUserQuota(tx, workspaceId, async () => (await memberCounts(tx, [workspaceId])).get(workspaceId) ?? 0, new Date(), { adding, ...opts });
}

/** The users the quota counts now: members plus the registered kinds (the usage screen's `users`). */
export async function countWorkspaceUsers(tx: Tx, workspaceId: string): Promise<number> {
  return countUsers(tx, workspaceId, (await memberCounts(tx, [workspaceId])).get(workspaceId) ?? 0);
}
