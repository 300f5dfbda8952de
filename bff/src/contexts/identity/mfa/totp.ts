/**
 * TOTP per RFC 6238 (HMAC-SHA1, 6 digits, 30-second steps) through otplib, with the time step a
 * code belongs to, so a caller can refuse a code of a step already used (replay, RFC 6238 §5.2:
 * "the verifier MUST NOT accept the second attempt of the same OTP after the successful
 * validation has been issued for the first OTP"). One step of clock drift either way is allowed
 * (§5.2's recommended window).
 */
import { authenticator } from "otplib";
import QRCode from "qrcode";

export const TOTP_STEP_SECONDS = 30;
const ISSUER = "NeighbourHood";

/** A fresh base32 secret of 20 random bytes (160 bits, RFC 4226 §4's recommended length). */
export function newTotpSecret(): string {
  return authenticator.generateSecret(20);
}

/** The RFC 6238 time step T of `atMs` (ms since the epoch). */
export function totpStep(atMs = Date.now()): number {
  return Math.floor(atMs / 1000 / TOTP_STEP_SECONDS);
}

/**
 * The step `code` is valid for (now, or one step before or after), or null when it is none.
 * Never throws on user input.
 */
export function matchTotpStep(secret: string, code: string, atMs = Date.now()): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  try {
    const delta = authenticator.clone({ epoch: atMs, window: 1 }).checkDelta(code, secret);
    return delta === null ? null : totpStep(atMs) + delta;
  } catch {
    return null;
  }
}

/** The code of `secret` at `atMs` (for the demo seed's documented secret, tests and benches). */
export function totpCode(secret: string, atMs = Date.now()): string {
  return authenticator.clone({ epoch: atMs }).generate(secret);
}

/** The `otpauth://totp/...` URI authenticator apps read (Google Authenticator Key URI Format). */
export function totpUri(email: string, secret: string): string {
  return authenticator.keyuri(email, ISSUER, secret);
}

/** The URI as a QR code, an SVG data URL for an `<img>` in the enrolment screen. */
export async function totpQrDataUrl(uri: string): Promise<string> {
  const svg = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 1 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`;
}
