/**
 * Sign-in sessions: password sign-in, rotating refresh tokens and sign-out.
 *
 * Refresh tokens are 256-bit random strings stored as SHA-256, valid 7 days, single use: each
 * refresh spends the token and issues the next one in the same family. Presenting a spent token
 * again means it was stolen or replayed, so the whole family is revoked (OAuth 2.0 Security
 * BCP, RFC 9700 §4.14.2); an unknown, revoked or expired one is refused and audited
 * (`auth.credential_rejected`). After 10 failed sign-ins an account is locked for 15 minutes;
 * every failed or refused sign-in is audited (`auth.sign_in_failed`).
 */
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { withUser } from "../../db/tenant";
import { Forbidden, TooManyRequests, Unauthorized } from "../../lib/errors";
import { randomToken, sha256Hex } from "../../lib/secrets";
import { config } from "../../config";
import { requestContext } from "../../lib/request-context";
import { recordDomainEvent } from "../../kernel/events";
import { workspaceGate, WorkspaceSuspended } from "./workspace-gate";
import { memberships, refreshTokens, users } from "./schema";
import { decoyHash, verifyPassword } from "./passwords";
import { signAccessToken } from "./tokens";
import type { SessionResponse, User } from "@nhood/contracts";
import { findFirst } from "../../db/find-first";
import { secondFactorStep, type PendingSecondFactor } from "./mfa/challenge";
import { assertPasswordAllowed } from "./sso/settings";

const MAX_FAILED_SIGN_INS = 10;
const LOCK_MINUTES = 15;

export interface IssuedSession {
  response: SessionResponse;
  refreshToken: string;
}

/** The user with their memberships (workspace names included), as the contracts' `User`. */
export async function loadUser(db: Database, userId: string): Promise<User | null> {
  const user = await findFirst(db, users, eq(users.id, userId));
  if (!user) return null;
  const rows = await withUser(db, userId, async (tx) => {
    const own = await tx
      .select({ workspace_id: memberships.workspaceId, role: memberships.role })
      .from(memberships)
      .where(eq(memberships.userId, userId))
      .orderBy(asc(memberships.createdAt));
    const names = await workspaceGate().namesOf(
      tx,
      own.map((m) => m.workspace_id),
    );
    // a membership of a workspace that is gone (purged) is not listed, as with the former join
    return own
      .filter((m) => names.has(m.workspace_id))
      .map((m) => ({ workspace_id: m.workspace_id, workspace_name: names.get(m.workspace_id)!, role: m.role }));
  });
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    platform_role: user.platformRole,
    memberships: rows,
    email_verified: user.emailVerifiedAt !== null,
  };
}

async function issue(db: Database, user: User, workspaceId: string | null, familyId: string): Promise<IssuedSession> {
  const refreshToken = randomToken(32);
  await db.insert(refreshTokens).values({
    userId: user.id,
    familyId,
    tokenHash: sha256Hex(refreshToken),
    activeWorkspaceId: workspaceId,
    expiresAt: new Date(Date.now() + config.refreshTokenSeconds * 1000),
  });
  const accessToken = await signAccessToken({ sub: user.id, typ: "user", ws: workspaceId ?? undefined, sid: familyId });
  return {
    refreshToken,
    response: { access_token: accessToken, token_type: "Bearer", expires_in: config.accessTokenSeconds, user, workspace_id: workspaceId },
  };
}

/**
 * Counts one failed sign-in atomically (in SQL, so parallel guesses cannot overwrite each other's
 * count and slip past the limit) and locks the account on the MAX_FAILED_SIGN_INS-th. Answers
 * true when this failure locked it.
 */
async function countFailedSignIn(db: Database, userId: string): Promise<boolean> {
  const [row] = await db
    .update(users)
    .set({ failedSignIns: sql`${users.failedSignIns} + 1` })
    .where(eq(users.id, userId))
    .returning({ failed: users.failedSignIns });
  if (!row || row.failed < MAX_FAILED_SIGN_INS) return false;
  await db
    .update(users)
    .set({ failedSignIns: 0, lockedUntil: new Date(Date.now() + LOCK_MINUTES * 60_000) })
    .where(eq(users.id, userId));
  return true;
}

/**
 * Password sign-in. Answers a session, or — for a person who has a second factor or must have
 * one (mfa/policy.ts) — only the pending-MFA state (mfa/challenge.ts), never a token. Throws
 * Unauthorized (wrong email or password), TooManyRequests (locked) or Forbidden (disabled).
 */
export async function signIn(db: Database, email: string, password: string): Promise<IssuedSession | { pending: PendingSecondFactor }> {
  const user = await findFirst(db, users, sql`lower(${users.email}) = ${email.toLowerCase()}`);
  if (!user) {
    await verifyPassword(await decoyHash(), password);
    await recordDomainEvent(db, { workspaceId: null, type: "auth.sign_in_failed", payload: { email, reason: "unknown_email" } });
    throw new Unauthorized("The email or password is wrong.");
  }
  if (user.lockedUntil && user.lockedUntil > new Date()) {
    await recordDomainEvent(db, { workspaceId: null, type: "auth.sign_in_failed", subjectId: user.id, payload: { email, reason: "locked" } });
    const seconds = Math.ceil((user.lockedUntil.getTime() - Date.now()) / 1000);
    throw new TooManyRequests(`Too many failed sign-ins. Try again in ${Math.ceil(seconds / 60)} minutes.`, seconds);
  }
  if (!(await verifyPassword(user.passwordHash, password))) {
    const lock = await countFailedSignIn(db, user.id);
    await recordDomainEvent(db, {
      workspaceId: null,
      type: "auth.sign_in_failed",
      subjectId: user.id,
      payload: { email, reason: lock ? "wrong_password_locked" : "wrong_password" },
    });
    throw new Unauthorized("The email or password is wrong.");
  }
  await db.update(users).set({ failedSignIns: 0, lockedUntil: null }).where(eq(users.id, user.id));
  const facts = requestContext.getStore();
  if (facts) facts.actor = { kind: "user", id: user.id };
  const full = (await loadUser(db, user.id))!;
  const workspaceId = await sessionWorkspace(db, full, user.disabledAt, null, "sign_in");
  await assertPasswordAllowed(db, user.id); // a workspace that enforces SSO closes passwords to its members
  const pending = await secondFactorStep(db, full, workspaceId);
  if (pending) return { pending };
  return issueSignedInSession(db, user.id, workspaceId, "password");
}

/**
 * A new session family for a person whose sign-in is complete (password alone, password and a
 * second factor, or single sign-on: `via`), audited as `auth.signed_in`. The account is checked
 * again (disabled, every workspace suspended), since time may have passed since the first step.
 */
export async function issueSignedInSession(db: Database, userId: string, workspaceId: string | null, via: string): Promise<IssuedSession> {
  const full = await loadUser(db, userId);
  if (!full) throw new Unauthorized("The account no longer exists.");
  const disabledAt = (await findFirst(db, users, eq(users.id, userId), { disabledAt: true }))?.disabledAt ?? null;
  const ws = await sessionWorkspace(db, full, disabledAt, workspaceId, "sign_in");
  const facts = requestContext.getStore();
  if (facts) facts.actor = { kind: "user", id: userId };
  const session = await issue(db, full, ws, crypto.randomUUID());
  await recordDomainEvent(db, { workspaceId: ws ?? null, type: "auth.signed_in", subjectId: userId, payload: { email: full.email, workspace_id: ws, via } });
  return session;
}

/** Spends `token` and answers the next session. Throws Unauthorized; a reused token revokes its family. */
export async function refreshSession(db: Database, token: string, switchTo?: string): Promise<IssuedSession> {
  const hash = sha256Hex(token);
  const row = await findFirst(db, refreshTokens, eq(refreshTokens.tokenHash, hash));
  if (!row || row.revokedAt || row.expiresAt < new Date()) {
    const reason = !row ? "unknown_refresh_token" : row.revokedAt ? "revoked_refresh_token" : "expired_refresh_token";
    await recordDomainEvent(db, {
      workspaceId: null,
      type: "auth.credential_rejected",
      subjectId: row?.userId ?? null,
      payload: { reason, via: "refresh_cookie" },
    });
    throw new Unauthorized("The session has ended; sign in again.");
  }
  const spent = await db
    .update(refreshTokens)
    .set({ usedAt: new Date() })
    .where(and(eq(refreshTokens.id, row.id), isNull(refreshTokens.usedAt)))
    .returning({ id: refreshTokens.id });
  if (spent.length === 0) {
    await db.update(refreshTokens).set({ revokedAt: new Date() }).where(eq(refreshTokens.familyId, row.familyId));
    await recordDomainEvent(db, { workspaceId: null, type: "auth.refresh_token_reused", subjectId: row.userId, payload: { family_id: row.familyId } });
    throw new Unauthorized("This session was revoked because a refresh token was used twice; sign in again.");
  }
  const user = await loadUser(db, row.userId);
  if (!user) throw new Unauthorized("The account no longer exists.");
  const disabledAt = (await findFirst(db, users, eq(users.id, row.userId), { disabledAt: true }))?.disabledAt ?? null;
  const workspaceId = await sessionWorkspace(db, user, disabledAt, switchTo ?? row.activeWorkspaceId, "refresh");
  return issue(db, user, workspaceId, row.familyId);
}

/**
 * The workspace a new session looks at: `wanted` when it is one of the person's usable
 * (active, not deleted) workspaces, else the first usable one. Throws Forbidden for a disabled
 * account and WorkspaceSuspended (403) when every workspace of a person who is not platform
 * staff is suspended (admin context, issue 7).
 */
async function sessionWorkspace(db: Database, user: User, disabledAt: Date | null, wanted: string | null, on: "sign_in" | "refresh"): Promise<string | null> {
  const refused = async (reason: string, error: Error): Promise<never> => {
    await recordDomainEvent(db, { workspaceId: null, type: "auth.sign_in_refused", subjectId: user.id, payload: { email: user.email, reason, on } });
    throw error;
  };
  if (disabledAt) return refused("account_disabled", new Forbidden("This account is disabled. Ask a NeighbourHood super admin to enable it."));
  const ids = user.memberships.map((m) => m.workspace_id);
  const usable = await withUser(db, user.id, (tx) => workspaceGate().usableIds(tx, ids));
  if (ids.length > 0 && usable.length === 0 && !user.platform_role) {
    const names = user.memberships.map((m) => m.workspace_name).join(", ");
    return refused(
      "workspace_suspended",
      new WorkspaceSuspended(`The workspace ${names} is suspended, so you cannot sign in. Its data is kept; contact NeighbourHood support to reactivate it.`),
    );
  }
  return wanted && usable.includes(wanted) ? wanted : (usable[0] ?? null);
}

/** Revokes the family of `token` (sign-out). Unknown tokens are ignored. */
export async function signOut(db: Database, token: string | undefined): Promise<void> {
  if (!token) return;
  const row = await findFirst(db, refreshTokens, eq(refreshTokens.tokenHash, sha256Hex(token)));
  if (!row) return;
  await db.update(refreshTokens).set({ revokedAt: new Date() }).where(eq(refreshTokens.familyId, row.familyId));
  await recordDomainEvent(db, { workspaceId: null, type: "auth.signed_out", subjectId: row.userId, payload: {} });
}
