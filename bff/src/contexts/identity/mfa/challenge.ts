/**
 * The pending-MFA state between a right password and a session. A password sign-in of a person
 * who has a factor (or must have one) answers no session, only an opaque `mfa_token` (256 bits,
 * stored as SHA-256) that opens nothing but the second-factor routes: 5 minutes, at most 5 wrong
 * codes, spent by the first success. A stolen password alone therefore reaches no API.
 */
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { Database } from "../../../db/client";
import { Forbidden, Unauthorized } from "../../../lib/errors";
import { randomToken, sha256Hex } from "../../../lib/secrets";
import { recordDomainEvent } from "../../../kernel/events";
import { findFirst } from "../../../db/find-first";
import { mfaChallenges, mfaFactors } from "../schema";
import { mfaRequiredFor } from "./policy";

export const CHALLENGE_SECONDS = 5 * 60;
export const MAX_ATTEMPTS = 5;

export type SecondFactorMethod = "totp" | "passkey" | "recovery_code";

/** The answer of a password sign-in that needs a second factor (contracts' `mfaChallengeSchema`). */
export interface PendingSecondFactor {
  mfa_required: true;
  mfa_token: string;
  methods: SecondFactorMethod[];
  enrolment_required: boolean;
  expires_in: number;
}

export type Challenge = typeof mfaChallenges.$inferSelect;

/**
 * After a right password: null when the person has no factor and needs none (sign-in goes on),
 * else a new challenge. A person who must use MFA but has no factor gets one with
 * `enrolment_required` (only the enrolment routes accept it).
 */
export async function secondFactorStep(
  db: Database,
  user: { id: string; platform_role: string | null },
  workspaceId: string | null,
): Promise<PendingSecondFactor | null> {
  const kinds = await db
    .selectDistinct({ kind: mfaFactors.kind })
    .from(mfaFactors)
    .where(and(eq(mfaFactors.userId, user.id), sql`${mfaFactors.confirmedAt} is not null`));
  const required = await mfaRequiredFor(db, user);
  if (!kinds.length && !required) return null;
  const token = randomToken(32);
  await db.insert(mfaChallenges).values({
    userId: user.id,
    tokenHash: sha256Hex(token),
    activeWorkspaceId: workspaceId,
    enrolmentRequired: kinds.length === 0,
    expiresAt: new Date(Date.now() + CHALLENGE_SECONDS * 1000),
  });
  await recordDomainEvent(db, {
    workspaceId: null,
    type: "auth.mfa_challenged",
    subjectId: user.id,
    payload: { enrolment_required: kinds.length === 0, staff: !!user.platform_role },
  });
  const methods: SecondFactorMethod[] = kinds.map((k) => k.kind);
  if (kinds.length) methods.push("recovery_code");
  return { mfa_required: true, mfa_token: token, methods, enrolment_required: kinds.length === 0, expires_in: CHALLENGE_SECONDS };
}

/**
 * The live challenge of `token`, or Unauthorized (unknown, expired, spent or out of attempts).
 * `purpose` must match it: enrolment routes take only `enrolment_required` challenges (403 else)
 * and verification routes only the others.
 */
export async function openChallenge(db: Database, token: string, purpose: "verify" | "enrol"): Promise<Challenge> {
  const row = await findFirst(
    db,
    mfaChallenges,
    and(eq(mfaChallenges.tokenHash, sha256Hex(token)), isNull(mfaChallenges.completedAt), gt(mfaChallenges.expiresAt, new Date())),
  );
  if (!row || row.attempts >= MAX_ATTEMPTS) throw new Unauthorized("This sign-in step has ended; sign in with your password again.");
  if (row.enrolmentRequired !== (purpose === "enrol"))
    throw new Forbidden(purpose === "enrol" ? "You already have a second factor: verify with it." : "Set up a second factor first.");
  return row;
}

/** Counts a wrong second factor and audits it (`auth.mfa_failed`); the 5th ends the challenge. */
export async function failChallenge(db: Database, ch: Challenge, factor: SecondFactorMethod, reason: string): Promise<never> {
  await db
    .update(mfaChallenges)
    .set({ attempts: sql`${mfaChallenges.attempts} + 1` })
    .where(eq(mfaChallenges.id, ch.id));
  await recordDomainEvent(db, {
    workspaceId: null,
    type: "auth.mfa_failed",
    subjectId: ch.userId,
    payload: { factor, reason, attempt: ch.attempts + 1 },
  });
  throw new Unauthorized(
    reason === "replayed_code" ? "This code was already used; wait for the next one." : "The code is wrong. Try again or use a recovery code.",
  );
}

/** Spends the challenge (once: a second success with the same token is Unauthorized). */
export async function completeChallenge(db: Database, ch: Challenge, factor: SecondFactorMethod): Promise<void> {
  const done = await db
    .update(mfaChallenges)
    .set({ completedAt: new Date() })
    .where(and(eq(mfaChallenges.id, ch.id), isNull(mfaChallenges.completedAt)))
    .returning({ id: mfaChallenges.id });
  if (!done.length) throw new Unauthorized("This sign-in step has ended; sign in with your password again.");
  await recordDomainEvent(db, { workspaceId: null, type: "auth.mfa_verified", subjectId: ch.userId, payload: { factor } });
}

/** Stores the WebAuthn challenge of a passkey assertion on the pending state. */
export async function setWebauthnChallenge(db: Database, ch: Challenge, challenge: string): Promise<void> {
  await db.update(mfaChallenges).set({ webauthnChallenge: challenge }).where(eq(mfaChallenges.id, ch.id));
}
