/** Adding people to a workspace and changing their role or manager. */
import { and, count, eq, sql } from "drizzle-orm";
import { isUniqueViolation, type Tx } from "../../db/client";
import { Conflict, NotFound } from "../../lib/errors";
import { appendDomainEvent } from "../../kernel/events";
import { memberships, users } from "./schema";
import { hashPassword } from "./passwords";
import { placeInHierarchy, setReportsTo } from "./hierarchy";
import { workspaceGate } from "./workspace-gate";
import type { WorkspaceRole } from "@nhood/contracts";
import { findFirst } from "../../db/find-first";

export interface NewMember {
  email: string;
  name: string;
  password: string;
  role: WorkspaceRole;
  reports_to?: string | null;
}

/**
 * Adds a person (creating their account when the email is new). Conflict when already a member;
 * UserQuotaExceeded (403) when the workspace has its plan's `users` already.
 */
export async function addMember(tx: Tx, workspaceId: string, input: NewMember): Promise<string> {
  // a concurrent add of the same person wins the unique index; this one answers Conflict, not 500
  const taken = (e: unknown) => {
    const raced = isUniqueViolation(e, "users_email_key") || isUniqueViolation(e, "memberships_ws_user_key");
    throw raced ? new Conflict("This person was added by another request at the same time.", [{ pointer: "#/email", detail: "added concurrently" }]) : e;
  };
  let user = await findFirst(tx, users, sql`lower(${users.email}) = ${input.email.toLowerCase()}`);
  if (!user) {
    [user] = await tx
      .insert(users)
      .values({ email: input.email.toLowerCase(), name: input.name, passwordHash: await hashPassword(input.password) })
      .returning()
      .catch(taken);
  }
  const existing = await findFirst(tx, memberships, and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, user!.id)));
  if (existing) throw new Conflict("This person is already a member.", [{ pointer: "#/email", detail: "already a member of this workspace" }]);
  if (input.reports_to) {
    const manager = await findFirst(tx, memberships, and(eq(memberships.id, input.reports_to), eq(memberships.workspaceId, workspaceId)));
    if (!manager) throw new Conflict("The manager is not a member of this workspace.", [{ pointer: "#/reports_to", detail: "unknown member" }]);
  }
  // 403 quota-exceeded at the plan's `users` (tenancy's users quota, through the gate)
  await workspaceGate().admitMember(tx, workspaceId, async () => {
    const [row] = await tx.select({ n: count() }).from(memberships).where(eq(memberships.workspaceId, workspaceId));
    return Number(row!.n);
  });
  const [m] = await tx
    .insert(memberships)
    .values({ workspaceId, userId: user!.id, role: input.role, reportsTo: input.reports_to ?? null })
    .returning()
    .catch(taken);
  await placeInHierarchy(tx, workspaceId, m!.id, input.reports_to ?? null);
  await appendDomainEvent(tx, {
    workspaceId,
    type: "member.added",
    subjectId: m!.id,
    payload: { user_id: user!.id, role: input.role, reports_to: input.reports_to ?? null },
  });
  return m!.id;
}

/** Changes a member's role and/or manager. The owner's role cannot be changed here. */
export async function updateMember(
  tx: Tx,
  workspaceId: string,
  membershipId: string,
  input: { role?: WorkspaceRole; reports_to?: string | null },
): Promise<void> {
  const m = await findFirst(tx, memberships, and(eq(memberships.id, membershipId), eq(memberships.workspaceId, workspaceId)));
  if (!m) throw new NotFound("member");
  if (input.role && input.role !== m.role) {
    if (m.role === "owner") throw new Conflict("The owner's role cannot be changed.", [{ pointer: "#/role", detail: "the member is the owner" }]);
    await tx.update(memberships).set({ role: input.role }).where(eq(memberships.id, membershipId));
    await appendDomainEvent(tx, { workspaceId, type: "member.role_changed", subjectId: membershipId, payload: { from: m.role, to: input.role } });
  }
  if (input.reports_to !== undefined && input.reports_to !== m.reportsTo) {
    await setReportsTo(tx, workspaceId, membershipId, input.reports_to);
  }
}
