/**
 * Passkeys (WebAuthn Level 3) through @simplewebauthn/server: registration with `none`
 * attestation (we trust the key, not the authenticator's make) and assertions as a second factor.
 * The relying party is PUBLIC_URL: its host is the RP id and its origin the expected origin.
 *
 * A registration challenge needs no table: it is 16 random bytes, an expiry (5 minutes) and an
 * HMAC-SHA256 over both and the person's id, so it is only valid for them and only until it
 * expires; registering the same credential twice is refused by its unique id. An assertion's
 * challenge is kept on the pending-MFA state (mfa/challenge.ts) and spent with it. The signature
 * counter must grow when the authenticator keeps one (§6.1.1); a counter that does not is
 * refused as a possible clone.
 */
import { createHmac, randomBytes } from "node:crypto";
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type AuthenticatorTransportFuture,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from "@simplewebauthn/server";
import { and, eq, isNotNull } from "drizzle-orm";
import type { Database } from "../../../db/client";
import { config } from "../../../config";
import { ValidationFailed } from "../../../lib/errors";
import { deriveKey, safeEqual } from "../../../lib/secrets";
import { recordDomainEvent } from "../../../kernel/events";
import { findFirst } from "../../../db/find-first";
import { mfaFactors } from "../schema";
import type { FactorView } from "./factors";

const CHALLENGE_SECONDS = 5 * 60;

/** The relying party: id (host of PUBLIC_URL; localhost for a loopback IP) and origin. */
export function relyingParty(): { id: string; origin: string; name: string } {
  const url = new URL(config.publicUrl);
  // browsers refuse an IP address as the RP ID (WebAuthn L3 §5.1.3: a valid domain; Chromium says
  // "invalid domain"): an install on a loopback address offers passkeys at localhost, same port
  if (url.hostname === "127.0.0.1" || url.hostname === "[::1]") url.hostname = "localhost";
  return { id: url.hostname, origin: url.origin, name: "NeighbourHood" };
}

let macKey: Uint8Array | null = null;
function mac(userId: string, body: Buffer): Buffer {
  macKey ??= deriveKey("webauthn-registration");
  return createHmac("sha256", macKey).update(userId).update(body).digest().subarray(0, 16);
}

function registrationChallenge(userId: string): Uint8Array<ArrayBuffer> {
  const body = Buffer.alloc(24);
  randomBytes(16).copy(body, 0);
  body.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 1000) + CHALLENGE_SECONDS), 16);
  return new Uint8Array(Buffer.concat([body, mac(userId, body)]));
}

function registrationChallengeValid(userId: string, challenge: string): boolean {
  const raw = Buffer.from(challenge, "base64url");
  if (raw.length !== 40) return false;
  const body = raw.subarray(0, 24);
  if (!safeEqual(mac(userId, body).toString("hex"), raw.subarray(24).toString("hex"))) return false;
  return Number(body.readBigUInt64BE(16)) >= Date.now() / 1000;
}

async function credentialsOf(db: Database, userId: string) {
  return db
    .select()
    .from(mfaFactors)
    .where(and(eq(mfaFactors.userId, userId), eq(mfaFactors.kind, "passkey"), isNotNull(mfaFactors.confirmedAt)));
}

/** Options for `navigator.credentials.create()`; the person's passkeys are excluded. */
export async function passkeyRegistrationOptions(db: Database, userId: string, email: string, name: string): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const rp = relyingParty();
  const existing = await credentialsOf(db, userId);
  return generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userName: email,
    userDisplayName: name,
    userID: new Uint8Array(Buffer.from(userId.replaceAll("-", ""), "hex")),
    challenge: registrationChallenge(userId),
    attestationType: "none",
    timeout: CHALLENGE_SECONDS * 1000,
    excludeCredentials: existing.map((f) => ({ id: f.credentialId!, transports: (f.transports ?? []) as AuthenticatorTransportFuture[] })),
    authenticatorSelection: { residentKey: "preferred", userVerification: "preferred" },
  });
}

/**
 * Verifies an attestation (WebAuthn §7.1) and stores the passkey as a confirmed factor
 * (audited `auth.mfa_enrolled`). Throws ValidationFailed (`#/credential`) when it does not verify.
 */
export async function registerPasskey(db: Database, userId: string, credential: unknown, label: string): Promise<FactorView> {
  const refused = (why: string) => new ValidationFailed([{ pointer: "#/credential", detail: why }], "The passkey could not be verified.");
  let result;
  try {
    result = await verifyRegistrationResponse({
      response: credential as RegistrationResponseJSON,
      expectedChallenge: (c) => registrationChallengeValid(userId, c),
      expectedOrigin: relyingParty().origin,
      expectedRPID: relyingParty().id,
      requireUserVerification: false,
    });
  } catch (e) {
    throw refused((e as Error).message);
  }
  if (!result.verified || !result.registrationInfo) throw refused("the attestation did not verify");
  const cred = result.registrationInfo.credential;
  if (await findFirst(db, mfaFactors, eq(mfaFactors.credentialId, cred.id), { id: true })) throw refused("this passkey is already registered");
  const [row] = await db
    .insert(mfaFactors)
    .values({
      userId,
      kind: "passkey",
      label,
      credentialId: cred.id,
      publicKey: Buffer.from(cred.publicKey).toString("base64url"),
      signCount: cred.counter,
      transports: cred.transports ?? [],
      confirmedAt: new Date(),
    })
    .returning();
  await recordDomainEvent(db, { workspaceId: null, type: "auth.mfa_enrolled", subjectId: userId, payload: { factor: "passkey", factor_id: row!.id } });
  return { id: row!.id, kind: "passkey", label, created_at: row!.createdAt.toISOString(), last_used_at: null };
}

/** Options for `navigator.credentials.get()` naming the person's passkeys. */
export async function passkeyAuthenticationOptions(db: Database, userId: string): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const creds = await credentialsOf(db, userId);
  return generateAuthenticationOptions({
    rpID: relyingParty().id,
    allowCredentials: creds.map((f) => ({ id: f.credentialId!, transports: (f.transports ?? []) as AuthenticatorTransportFuture[] })),
    userVerification: "preferred",
    timeout: CHALLENGE_SECONDS * 1000,
  });
}

/** Verifies an assertion (WebAuthn §7.2) against `expectedChallenge`; answers true or the reason. */
export async function verifyPasskeyAssertion(db: Database, userId: string, expectedChallenge: string, credential: unknown): Promise<true | string> {
  const response = credential as AuthenticationResponseJSON;
  const factor = (await credentialsOf(db, userId)).find((f) => f.credentialId === response.id);
  if (!factor) return "unknown_credential";
  let result;
  try {
    result = await verifyAuthenticationResponse({
      response,
      expectedChallenge,
      expectedOrigin: relyingParty().origin,
      expectedRPID: relyingParty().id,
      credential: {
        id: factor.credentialId!,
        publicKey: Buffer.from(factor.publicKey!, "base64url"),
        counter: factor.signCount,
        transports: (factor.transports ?? []) as AuthenticatorTransportFuture[],
      },
      requireUserVerification: false,
    });
  } catch {
    return "assertion_refused";
  }
  if (!result.verified) return "assertion_refused";
  await db.update(mfaFactors).set({ signCount: result.authenticationInfo.newCounter, lastUsedAt: new Date() }).where(eq(mfaFactors.id, factor.id));
  return true;
}
