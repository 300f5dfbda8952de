/**
 * Members and the reporting hierarchy. `reports_to` lives on the membership; the closure table
 * `membership_closure` holds every (ancestor, descendant, depth) pair so "everyone below me" is
 * one indexed query at any depth. Moving a person moves their whole subtree, in one transaction.
 */
import { aliasedTable, and, asc, eq, gt, sql } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { Conflict, NotFound } from "../../lib/errors";
import { appendDomainEvent } from "../../kernel/events";
import { membershipClosure, memberships, users } from "./schema";
import type { Team, TeamMember, WorkspaceRole } from "@nhood/contracts";
import { lockFor } from "../../kernel/locks";
import { findFirst } from "../../db/find-first";

const member = (depth: number) => ({
  membership_id: memberships.id,
  user_id: users.id,
  name: users.name,
  email: users.email,
  role: memberships.role,
  reports_to: memberships.reportsTo,
  depth: sql<number>`${depth}`.mapWith(Number),
});

/**
 * Serialises hierarchy changes within one workspace until the transaction ends (an advisory
 * lock). The cycle check and the closure rewrite read rows a concurrent change could alter: two
 * crossing moves (A under B, B under A) would each pass the check and together make a cycle.
 */
async function lockHierarchy(tx: Tx, workspaceId: string): Promise<void> {
  await lockFor(tx, `hierarchy:${workspaceId}`);
}

/** Inserts the closure rows for a new membership placed under `managerId` (or at the top). */
export async function placeInHierarchy(tx: Tx, workspaceId: string, membershipId: string, managerId: string | null): Promise<void> {
  if (managerId) await lockHierarchy(tx, workspaceId);
  await tx.insert(membershipClosure).values({ workspaceId, ancestorId: membershipId, descendantId: membershipId, depth: 0 });
  if (managerId) {
    await tx.execute(sql`insert into membership_closure (workspace_id, ancestor_id, descendant_id, depth)
      select ${workspaceId}, ancestor_id, ${membershipId}, depth + 1 from membership_closure where descendant_id = ${managerId}`);
  }
}

/** Moves `membershipId` (and everyone below) under `managerId`; Conflict when that would make a cycle. */
export async function setReportsTo(tx: Tx, workspaceId: string, membershipId: string, managerId: string | null): Promise<void> {
  await lockHierarchy(tx, workspaceId);
  const target = await findFirst(tx, memberships, and(eq(memberships.id, membershipId), eq(memberships.workspaceId, workspaceId)));
  if (!target) throw new NotFound("member");
  if (managerId) {
    const manager = await findFirst(tx, memberships, and(eq(memberships.id, managerId), eq(memberships.workspaceId, workspaceId)));
    if (!manager) throw new Conflict("The manager is not a member of this workspace.", [{ pointer: "#/reports_to", detail: "unknown member" }]);
    const below = await tx
      .select()
      .from(membershipClosure)
      .where(and(eq(membershipClosure.ancestorId, membershipId), eq(membershipClosure.descendantId, managerId)));
    if (below.length) throw new Conflict("A person cannot report to someone in their own team.", [{ pointer: "#/reports_to", detail: "would create a cycle" }]);
  }
  await tx.execute(sql`delete from membership_closure
    where descendant_id in (select descendant_id from membership_closure where ancestor_id = ${membershipId})
      and ancestor_id not in (select descendant_id from membership_closure where ancestor_id = ${membershipId})`);
  if (managerId) {
    await tx.execute(sql`insert into membership_closure (workspace_id, ancestor_id, descendant_id, depth)
      select ${workspaceId}, sup.ancestor_id, sub.descendant_id, sup.depth + sub.depth + 1
      from membership_closure sup cross join membership_closure sub
      where sup.descendant_id = ${managerId} and sub.ancestor_id = ${membershipId}`);
  }
  await tx.update(memberships).set({ reportsTo: managerId }).where(eq(memberships.id, membershipId));
  await appendDomainEvent(tx, { workspaceId, type: "member.reports_to_changed", subjectId: membershipId, payload: { reports_to: managerId } });
}

/** Membership ids of `membershipId` and everyone below it, at any depth. */
export async function subtreeIds(tx: Tx, membershipId: string): Promise<string[]> {
  const rows = await tx.select({ id: membershipClosure.descendantId }).from(membershipClosure).where(eq(membershipClosure.ancestorId, membershipId));
  return rows.map((r) => r.id);
}

/** The person's team: themselves, their manager and everyone below them with depth. */
export async function loadTeam(tx: Tx, membershipId: string): Promise<Team> {
  const [me] = await tx.select(member(0)).from(memberships).innerJoin(users, eq(users.id, memberships.userId)).where(eq(memberships.id, membershipId));
  if (!me) throw new NotFound("member");
  const manager = me.reports_to
    ? ((await tx.select(member(-1)).from(memberships).innerJoin(users, eq(users.id, memberships.userId)).where(eq(memberships.id, me.reports_to)))[0] ?? null)
    : null;
  const c = aliasedTable(membershipClosure, "c");
  const reports = await tx
    .select({ ...member(0), depth: c.depth })
    .from(c)
    .innerJoin(memberships, eq(memberships.id, c.descendantId))
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(c.ancestorId, membershipId), gt(c.depth, 0)))
    .orderBy(asc(c.depth), asc(users.name));
  return { me, manager, reports };
}

/** Every member of the workspace with their manager (for admins). */
export async function listMembers(tx: Tx, workspaceId: string): Promise<TeamMember[]> {
  return tx
    .select(member(0))
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.workspaceId, workspaceId))
    .orderBy(asc(users.name));
}

export type { WorkspaceRole };
