/**
 * Invitations (issue 16, decision 031): an owner or admin invites a person by e-mail with a role
 * below owner; the e-mail holds a link to `/invitations/accept?token=…` (32 random bytes,
 * stored as SHA-256) that expires after `NHOOD_INVITATION_DAYS` (default 7). Accepting it once
 * creates the account (with the password given) or, for an existing account, checks its password,
 * and adds the membership (the plan's users quota applies). Revoked, accepted and expired links
 * answer 410. Inviting an address again revokes its earlier pending invitation.
 */
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { Database, Tx } from "../../db/client";
import { withLookup, withWorkspace, setWorkspace } from "../../db/tenant";
import { config } from "../../config";
import { Conflict, DomainError, NotFound, Unauthorized } from "../../lib/errors";
import { randomToken, sha256Hex } from "../../lib/secrets";
import { appendDomainEvent } from "../../kernel/events";
import { findFirst } from "../../db/find-first";
import type { WorkspaceRole } from "@nhood/contracts";
import type { Invitation, InvitationPreview } from "@nhood/contracts/onboarding";
import { invitations, memberships, users } from "./schema";
import { addMember } from "./members";
import { verifyPassword } from "./passwords";
import { sendAccountMail } from "./account-mail";
import { workspaceGate } from "./workspace-gate";

/** Lifetime of an invitation link, in milliseconds. */
export const invitationTtlMs = (): number => Number(process.env.NHOOD_INVITATION_DAYS ?? 7) * 86_400_000;

/** 410 `invitation-gone`: the link was accepted, revoked or has expired. */
export class InvitationGone extends DomainError {
  constructor(why: string) {
    super(410, "invitation-gone", "This invitation can no longer be used", `This invitation ${why}. Ask the person who invited you for a new one.`);
  }
}

type Row = typeof invitations.$inferSelect;
const stateOf = (r: Row, now: Date): Invitation["status"] => (r.acceptedAt ? "accepted" : r.revokedAt ? "revoked" : r.expiresAt <= now ? "expired" : "pending");
const toInvitation = (r: Row, now: Date): Invitation => ({
  id: r.id,
  email: r.email,
  role: r.role,
  status: stateOf(r, now),
  expires_at: r.expiresAt.toISOString(),
  created_at: r.createdAt.toISOString(),
});

/**
 * Invites `email` to the workspace with `role` (in a transaction scoped to it) and answers the
 * invitation and its link, to be e-mailed after commit (`sendInvitationMail`). 409 on `#/email`
 * when the person is a member already.
 */
export async function createInvitation(
  tx: Tx,
  workspaceId: string,
  input: { email: string; role: Exclude<WorkspaceRole, "owner"> },
  invitedBy: string,
  now = new Date(),
): Promise<{ invitation: Invitation; link: string }> {
  const email = input.email.toLowerCase();
  const member = await tx
    .select({ id: memberships.id })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.workspaceId, workspaceId), sql`lower(${users.email}) = ${email}`))
    .limit(1);
  if (member.length > 0) throw new Conflict("This person is already a member.", [{ pointer: "#/email", detail: "already a member of this workspace" }]);
  await tx
    .update(invitations)
    .set({ revokedAt: now })
    .where(and(eq(invitations.workspaceId, workspaceId), eq(invitations.email, email), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)));
  const token = randomToken(32);
  const [row] = await tx
    .insert(invitations)
    .values({ workspaceId, email, role: input.role, tokenHash: sha256Hex(token), invitedBy, expiresAt: new Date(now.getTime() + invitationTtlMs()) })
    .returning();
  await appendDomainEvent(tx, { workspaceId, type: "invitation.created", subjectId: row!.id, payload: { email, role: input.role, invited_by: invitedBy } });
  return { invitation: toInvitation(row!, now), link: `${config.publicUrl}/invitations/accept?token=${encodeURIComponent(token)}` };
}

/** E-mails the invitation link (SMTP through the account-mail port); answers whether it was sent. */
export function sendInvitationMail(to: string, link: string, workspaceName: string, inviterName: string, role: string): Promise<boolean> {
  return sendAccountMail({
    to,
    subject: `${inviterName} invited you to ${workspaceName} on NeighbourHood`,
    text: `${inviterName} invited you to join ${workspaceName} on NeighbourHood as ${role.replace("_", " ")}.\n\nAccept the invitation and choose your password here (the link works once, for ${Math.round(invitationTtlMs() / 86_400_000)} days):\n\n${link}\n`,
  });
}

/** The workspace's invitations, newest first (every state; pending ones first is the screen's job). */
export async function listInvitations(tx: Tx, workspaceId: string, now = new Date()): Promise<Invitation[]> {
  const rows = await tx.select().from(invitations).where(eq(invitations.workspaceId, workspaceId)).orderBy(desc(invitations.createdAt)).limit(200);
  return rows.map((r) => toInvitation(r, now));
}

/** Revokes a pending invitation of the workspace. 404 when it is not the workspace's; 409 when no longer pending. */
export async function revokeInvitation(tx: Tx, workspaceId: string, id: string, now = new Date()): Promise<Invitation> {
  const row = await findFirst(tx, invitations, and(eq(invitations.id, id), eq(invitations.workspaceId, workspaceId)));
  if (!row) throw new NotFound("invitation");
  if (stateOf(row, now) !== "pending") throw new Conflict(`The invitation is already ${stateOf(row, now)}.`);
  const [done] = await tx.update(invitations).set({ revokedAt: now }).where(eq(invitations.id, id)).returning();
  await appendDomainEvent(tx, { workspaceId, type: "invitation.revoked", subjectId: id, payload: { email: row.email } });
  return toInvitation(done!, now);
}

async function usableByToken(tx: Tx, token: string, now: Date): Promise<Row> {
  const row = await findFirst(tx, invitations, eq(invitations.tokenHash, sha256Hex(token)));
  if (!row) throw new NotFound("invitation");
  const state = stateOf(row, now);
  if (state !== "pending") throw new InvitationGone(state === "expired" ? "has expired" : `was ${state}`);
  return row;
}

/** What the link is for (anyone with the link): workspace name, e-mail, role, whether the account exists. 404 unknown, 410 gone. */
export async function previewInvitation(db: Database, token: string, now = new Date()): Promise<InvitationPreview> {
  const row = await withLookup(db, sha256Hex(token), (tx) => usableByToken(tx, token, now));
  return withWorkspace(db, row.workspaceId, async (tx) => {
    const names = await workspaceGate().namesOf(tx, [row.workspaceId]);
    const account = await findFirst(tx, users, sql`lower(${users.email}) = ${row.email}`, { id: true });
    return {
      workspace_name: names.get(row.workspaceId) ?? "",
      email: row.email,
      role: row.role,
      account_exists: account !== undefined,
      expires_at: row.expiresAt.toISOString(),
    };
  });
}

/**
 * Accepts the invitation once: a new account gets `password` (and `name`); an existing account
 * must give its own password (401 otherwise). Adds the membership (403 when the plan's users
 * quota is full) and marks the invitation accepted, in one transaction. Answers the e-mail, so
 * the caller can sign the person in.
 */
export async function acceptInvitation(
  db: Database,
  token: string,
  input: { name?: string; password: string },
  now = new Date(),
): Promise<{ email: string; workspace_id: string }> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('app.lookup_hash', ${sha256Hex(token)}, true)`);
    const row = await usableByToken(tx, token, now);
    await setWorkspace(tx, row.workspaceId);
    // single use under concurrency: the row is claimed before anything else is written
    const [claimed] = await tx
      .update(invitations)
      .set({ acceptedAt: now })
      .where(and(eq(invitations.id, row.id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
      .returning();
    if (!claimed) throw new InvitationGone("was used already");
    const existing = await findFirst(tx, users, sql`lower(${users.email}) = ${row.email}`);
    if (existing && !(await verifyPassword(existing.passwordHash, input.password))) {
      throw new Unauthorized("The password is not the one of your existing account.");
    }
    await addMember(tx, row.workspaceId, { email: row.email, name: input.name ?? row.email.split("@")[0]!, password: input.password, role: row.role });
    // the link reached this address: it is verified
    await tx
      .update(users)
      .set({ emailVerifiedAt: now })
      .where(and(sql`lower(${users.email}) = ${row.email}`, isNull(users.emailVerifiedAt)));
    await appendDomainEvent(tx, {
      workspaceId: row.workspaceId,
      type: "invitation.accepted",
      subjectId: row.id,
      payload: { email: row.email, role: row.role },
    });
    return { email: row.email, workspace_id: row.workspaceId };
  });
}
