/**
 * A person's second factors: TOTP enrolment (an unconfirmed factor until the first code proves
 * the app holds the secret), TOTP checks with replay protection, recovery codes and removal.
 * Every step appends an audit event: `auth.mfa_enrolled`, `auth.mfa_failed`,
 * `auth.mfa_recovery_code_used`, `auth.mfa_factor_removed`, `auth.mfa_recovery_codes_generated`.
 *
 * TOTP secrets are sealed with the platform key, bound to the person
 * (`encryptForPlatform("mfa_factors.secret:<user id>")`); recovery codes are 10 random
 * `xxxxx-xxxxx` codes (50 bits each) kept only as argon2id hashes.
 */
import { randomInt } from "node:crypto";
import { and, asc, eq, isNotNull, isNull, lt, or, sql } from "drizzle-orm";
import type { Database, Tx } from "../../../db/client";
import { Conflict, NotFound, Unauthorized } from "../../../lib/errors";
import { decryptForPlatform, encryptForPlatform } from "../../../lib/secrets";
import { recordDomainEvent } from "../../../kernel/events";
import { findFirst } from "../../../db/find-first";
import { mfaFactors, mfaRecoveryCodes, users } from "../schema";
import { hashPassword, verifyPassword } from "../passwords";
import { matchTotpStep, newTotpSecret, totpQrDataUrl, totpUri } from "./totp";

export const RECOVERY_CODE_COUNT = 10;
const secretPurpose = (userId: string) => `mfa_factors.secret:${userId}`;

export interface FactorView {
  id: string;
  kind: "totp" | "passkey";
  label: string;
  created_at: string;
  last_used_at: string | null;
}

/** The person's confirmed factors, oldest first. */
export async function listFactors(db: Database, userId: string): Promise<FactorView[]> {
  const rows = await db
    .select()
    .from(mfaFactors)
    .where(and(eq(mfaFactors.userId, userId), isNotNull(mfaFactors.confirmedAt)))
    .orderBy(asc(mfaFactors.createdAt));
  return rows.map((f) => ({
    id: f.id,
    kind: f.kind,
    label: f.label,
    created_at: f.createdAt.toISOString(),
    last_used_at: f.lastUsedAt?.toISOString() ?? null,
  }));
}

/** How many unused recovery codes the person has left. */
export async function recoveryCodesLeft(db: Database, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(mfaRecoveryCodes)
    .where(and(eq(mfaRecoveryCodes.userId, userId), isNull(mfaRecoveryCodes.usedAt)));
  return row?.n ?? 0;
}

export interface TotpEnrolment {
  factor_id: string;
  secret: string;
  otpauth_url: string;
  qr_code: string;
}

/**
 * Starts a TOTP enrolment: a new unconfirmed factor (any earlier unconfirmed one of the person is
 * dropped) and its secret, `otpauth://` URI and QR code, shown this once.
 */
export async function beginTotpEnrolment(db: Database, userId: string, email: string): Promise<TotpEnrolment> {
  const secret = newTotpSecret();
  await db.delete(mfaFactors).where(and(eq(mfaFactors.userId, userId), eq(mfaFactors.kind, "totp"), isNull(mfaFactors.confirmedAt)));
  const [row] = await db
    .insert(mfaFactors)
    .values({ userId, kind: "totp", label: "Authenticator app", secretEncrypted: encryptForPlatform(secretPurpose(userId), secret) })
    .returning({ id: mfaFactors.id });
  const uri = totpUri(email, secret);
  return { factor_id: row!.id, secret, otpauth_url: uri, qr_code: await totpQrDataUrl(uri) };
}

/**
 * Confirms an enrolment with a first code (which counts as used). Answers fresh recovery codes
 * when the person had none left, else null. Throws NotFound (no such pending factor) or
 * Unauthorized (wrong code).
 */
export async function confirmTotpEnrolment(db: Database, userId: string, factorId: string, code: string): Promise<string[] | null> {
  const factor = await findFirst(db, mfaFactors, and(eq(mfaFactors.id, factorId), eq(mfaFactors.userId, userId), eq(mfaFactors.kind, "totp")));
  if (!factor || factor.confirmedAt) throw new NotFound("TOTP enrolment");
  const step = matchTotpStep(decryptForPlatform(secretPurpose(userId), factor.secretEncrypted!), code);
  if (step === null) {
    await recordDomainEvent(db, {
      workspaceId: null,
      type: "auth.mfa_failed",
      subjectId: userId,
      payload: { factor: "totp", reason: "wrong_code", on: "enrolment" },
    });
    throw new Unauthorized("The code is wrong; check the time on your phone and enter the current code.");
  }
  await db.update(mfaFactors).set({ confirmedAt: new Date(), lastUsedStep: step, lastUsedAt: new Date() }).where(eq(mfaFactors.id, factorId));
  await recordDomainEvent(db, { workspaceId: null, type: "auth.mfa_enrolled", subjectId: userId, payload: { factor: "totp", factor_id: factorId } });
  return (await recoveryCodesLeft(db, userId)) === 0 ? generateRecoveryCodes(db, userId) : null;
}

/**
 * Checks a TOTP code against the person's confirmed TOTP factors and spends its step: the
 * update only succeeds when the step is later than the last one used, so the same code (or an
 * older one) twice is refused even when two requests race. Answers true, or the reason.
 */
export async function checkTotp(db: Database, userId: string, code: string): Promise<true | "wrong_code" | "replayed_code"> {
  const factors = await db
    .select()
    .from(mfaFactors)
    .where(and(eq(mfaFactors.userId, userId), eq(mfaFactors.kind, "totp"), isNotNull(mfaFactors.confirmedAt)));
  for (const f of factors) {
    const step = matchTotpStep(decryptForPlatform(secretPurpose(userId), f.secretEncrypted!), code);
    if (step === null) continue;
    const spent = await db
      .update(mfaFactors)
      .set({ lastUsedStep: step, lastUsedAt: new Date() })
      .where(and(eq(mfaFactors.id, f.id), or(isNull(mfaFactors.lastUsedStep), lt(mfaFactors.lastUsedStep, step))))
      .returning({ id: mfaFactors.id });
    return spent.length ? true : "replayed_code";
  }
  return "wrong_code";
}

/** Spends one unused recovery code of the person; answers whether one matched. */
export async function useRecoveryCode(db: Database, userId: string, code: string): Promise<boolean> {
  const normalised = code.trim().toLowerCase();
  if (!/^[a-z0-9]{5}-[a-z0-9]{5}$/.test(normalised)) return false;
  const unused = await db
    .select()
    .from(mfaRecoveryCodes)
    .where(and(eq(mfaRecoveryCodes.userId, userId), isNull(mfaRecoveryCodes.usedAt)));
  for (const row of unused) {
    if (!(await verifyPassword(row.codeHash, normalised))) continue;
    const spent = await db
      .update(mfaRecoveryCodes)
      .set({ usedAt: new Date() })
      .where(and(eq(mfaRecoveryCodes.id, row.id), isNull(mfaRecoveryCodes.usedAt)))
      .returning({ id: mfaRecoveryCodes.id });
    if (!spent.length) return false;
    await recordDomainEvent(db, {
      workspaceId: null,
      type: "auth.mfa_recovery_code_used",
      subjectId: userId,
      payload: { codes_left: unused.length - 1 },
    });
    return true;
  }
  return false;
}

const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
const randomChunk = () => Array.from({ length: 5 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");

/** Replaces the person's recovery codes with 10 new ones, answered this once. */
export async function generateRecoveryCodes(db: Database, userId: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => `${randomChunk()}-${randomChunk()}`);
  const hashes = await Promise.all(codes.map((c) => hashPassword(c)));
  await db.transaction(async (tx) => {
    await tx.delete(mfaRecoveryCodes).where(eq(mfaRecoveryCodes.userId, userId));
    await tx.insert(mfaRecoveryCodes).values(hashes.map((codeHash) => ({ userId, codeHash })));
  });
  await recordDomainEvent(db, { workspaceId: null, type: "auth.mfa_recovery_codes_generated", subjectId: userId, payload: { count: codes.length } });
  return codes;
}

/**
 * Removes a confirmed factor. When it is the last one and the person must use MFA, answers 409
 * (add another first). `by` is who removed it (the person, or a workspace owner resetting a
 * member). With no factor left the recovery codes go too.
 */
export async function removeFactor(
  db: Database,
  userId: string,
  factorId: string,
  opts: { required: boolean; by: string; workspaceId?: string },
): Promise<void> {
  const factor = await findFirst(db, mfaFactors, and(eq(mfaFactors.id, factorId), eq(mfaFactors.userId, userId), isNotNull(mfaFactors.confirmedAt)));
  if (!factor) throw new NotFound("factor");
  const left = (await listFactors(db, userId)).length - 1;
  if (left === 0 && opts.required) throw new Conflict("This is your last second factor and your account must use one: add another before removing it.");
  await db.delete(mfaFactors).where(eq(mfaFactors.id, factorId));
  if (left === 0) await db.delete(mfaRecoveryCodes).where(eq(mfaRecoveryCodes.userId, userId));
  await recordDomainEvent(db, {
    workspaceId: opts.workspaceId ?? null,
    type: "auth.mfa_factor_removed",
    subjectId: userId,
    payload: { factor: factor.kind, factor_id: factorId, by: opts.by },
  });
}

/** Renames one of the person's confirmed factors ("Work laptop", "Phone"); another person's or an unknown one is a 404. */
export async function renameFactor(db: Database, userId: string, factorId: string, label: string): Promise<FactorView> {
  const [f] = await db
    .update(mfaFactors)
    .set({ label })
    .where(and(eq(mfaFactors.id, factorId), eq(mfaFactors.userId, userId), isNotNull(mfaFactors.confirmedAt)))
    .returning();
  if (!f) throw new NotFound("factor");
  return { id: f.id, kind: f.kind, label: f.label, created_at: f.createdAt.toISOString(), last_used_at: f.lastUsedAt?.toISOString() ?? null };
}

/** Removes every factor and recovery code of the person (a workspace owner's reset). Answers how many factors went. */
export async function clearFactors(db: Database, userId: string, by: string, workspaceId: string): Promise<number> {
  const gone = await db.delete(mfaFactors).where(eq(mfaFactors.userId, userId)).returning({ id: mfaFactors.id });
  await db.delete(mfaRecoveryCodes).where(eq(mfaRecoveryCodes.userId, userId));
  await recordDomainEvent(db, { workspaceId, type: "auth.mfa_factor_removed", subjectId: userId, payload: { factor: "all", count: gone.length, by } });
  return gone.length;
}

/** Whether the person has at least one confirmed factor. */
export async function hasFactor(db: Database, userId: string): Promise<boolean> {
  const f = await findFirst(db, mfaFactors, and(eq(mfaFactors.userId, userId), isNotNull(mfaFactors.confirmedAt)), { id: true });
  return !!f;
}

/** The e-mail of a person (for the `otpauth://` label). */
export async function emailOf(db: Database, userId: string): Promise<string> {
  const u = await findFirst(db, users, eq(users.id, userId), { email: true });
  if (!u) throw new NotFound("account");
  return u.email;
}

/** Adds a confirmed TOTP factor with a known secret (the demo seed's documented staff secret). */
export async function addConfirmedTotp(db: Database | Tx, userId: string, secret: string, label = "Authenticator app"): Promise<void> {
  await db
    .insert(mfaFactors)
    .values({ userId, kind: "totp", label, secretEncrypted: encryptForPlatform(secretPurpose(userId), secret), confirmedAt: new Date() });
}
