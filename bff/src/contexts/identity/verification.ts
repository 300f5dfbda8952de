/**
 * E-mail verification (issue 16, decision 031): a link to `/verify-email?token=…` is e-mailed to
 * a new owner; the token (32 random bytes, base64url) is stored as SHA-256, is single use and
 * expires after `NHOOD_EMAIL_VERIFICATION_HOURS` (default 48). Until verified, the person may
 * sign in and set up, but may not invite teammates (`assertEmailVerified`).
 */
import { and, eq, isNull } from "drizzle-orm";
import type { Database, Tx } from "../../db/client";
import { config } from "../../config";
import { BadRequest, DomainError } from "../../lib/errors";
import { randomToken, sha256Hex } from "../../lib/secrets";
import { recordDomainEvent } from "../../kernel/events";
import { findFirst } from "../../db/find-first";
import { emailVerifications, users } from "./schema";
import { sendAccountMail } from "./account-mail";

/** Lifetime of a verification link, in milliseconds. */
export const verificationTtlMs = (): number => Number(process.env.NHOOD_EMAIL_VERIFICATION_HOURS ?? 48) * 3_600_000;

/** 403 `email-unverified`: the action needs a verified e-mail address. */
export class EmailUnverified extends DomainError {
  constructor() {
    super(403, "email-unverified", "Verify your e-mail first", "Open the link we e-mailed you to verify your address; you can ask for a new one.");
  }
}

/**
 * Makes a new verification link for `userId` (in the caller's transaction) and answers it; send it
 * with `sendVerificationMail` after the transaction commits.
 */
export async function issueVerificationLink(tx: Tx, userId: string, email: string, now = new Date()): Promise<string> {
  const token = randomToken(32);
  await tx.insert(emailVerifications).values({ userId, email, tokenHash: sha256Hex(token), expiresAt: new Date(now.getTime() + verificationTtlMs()) });
  return `${config.publicUrl}/verify-email?token=${encodeURIComponent(token)}`;
}

/** E-mails the link (SMTP through the account-mail port); answers whether it was sent. */
export function sendVerificationMail(to: string, link: string, workspaceName: string): Promise<boolean> {
  return sendAccountMail({
    to,
    subject: "Verify your e-mail for NeighbourHood",
    text: `Welcome to NeighbourHood: ${workspaceName} is ready.\n\nVerify your e-mail address by opening this link (it works once, for ${Math.round(verificationTtlMs() / 3_600_000)} hours):\n\n${link}\n\nIf you did not sign up, ignore this message.`,
  });
}

const invalidLink = () =>
  new BadRequest("This verification link is not valid: it was used already, has expired or was never issued. Sign in and ask for a new one.", [
    { pointer: "#/token", detail: "unknown, used or expired" },
  ]);

/** Verifies the address the token was sent to. 400 on `#/token` when unknown, used or expired. Answers the user id. */
export async function verifyEmail(db: Database, token: string, now = new Date()): Promise<{ user_id: string; email: string }> {
  const done = await db.transaction(async (tx) => {
    const [row] = await tx
      .update(emailVerifications)
      .set({ usedAt: now })
      .where(and(eq(emailVerifications.tokenHash, sha256Hex(token)), isNull(emailVerifications.usedAt)))
      .returning();
    if (!row || row.expiresAt <= now) throw invalidLink();
    const user = await findFirst(tx, users, eq(users.id, row.userId));
    if (!user || user.email.toLowerCase() !== row.email.toLowerCase()) throw invalidLink();
    if (!user.emailVerifiedAt) await tx.update(users).set({ emailVerifiedAt: now }).where(eq(users.id, user.id));
    return { user_id: user.id, email: user.email, first: !user.emailVerifiedAt };
  });
  // a person spans workspaces: the event is platform-level, recorded as sign-in's are
  if (done.first) await recordDomainEvent(db, { workspaceId: null, type: "user.email_verified", subjectId: done.user_id, payload: { email: done.email } });
  return { user_id: done.user_id, email: done.email };
}

/** Sends a new link to a signed-in person whose address is not verified yet (409 when it is). */
export async function resendVerification(db: Database, userId: string): Promise<{ sent: boolean }> {
  const user = await findFirst(db, users, eq(users.id, userId));
  if (!user) throw invalidLink();
  if (user.emailVerifiedAt) return { sent: false };
  const link = await db.transaction((tx) => issueVerificationLink(tx, user.id, user.email));
  return { sent: await sendVerificationMail(user.email, link, "Your workspace") };
}

/** Throws EmailUnverified (403) unless the person's e-mail is verified. */
export async function assertEmailVerified(tx: Tx | Database, userId: string): Promise<void> {
  const user = await findFirst(tx, users, eq(users.id, userId), { emailVerifiedAt: true });
  if (!user?.emailVerifiedAt) throw new EmailUnverified();
}
