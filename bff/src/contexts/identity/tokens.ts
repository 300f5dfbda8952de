/**
 * Access tokens: HS256 JWTs (RFC 7519) signed with a key derived from the master key, at most
 * 15 minutes long. Verification allows only HS256 (so `alg: none` and RSA/HMAC confusion are
 * refused) and checks `iss`, `aud`, `exp` and `nbf`.
 *
 * Claims: `sub` (user or end-user id), `typ` (`user` | `end_user`), `ws` (workspace id, for
 * end users always; for people the active workspace or absent), `sid` (refresh family).
 */
import { SignJWT, jwtVerify } from "jose";
import { config } from "../../config";
import { deriveKey } from "../../lib/secrets";

export interface AccessClaims {
  sub: string;
  typ: "user" | "end_user";
  ws?: string;
  sid?: string;
}

let key: Uint8Array | null = null;
const signingKey = () => (key ??= deriveKey("jwt-hs256"));

export async function signAccessToken(claims: AccessClaims, seconds = config.accessTokenSeconds): Promise<string> {
  const { sub, ...rest } = claims;
  return new SignJWT({ ...rest })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(sub)
    .setIssuer(config.jwtIssuer)
    .setAudience(config.jwtAudience)
    .setIssuedAt()
    .setNotBefore("0s")
    .setExpirationTime(`${Math.min(seconds, config.accessTokenSeconds)}s`)
    .sign(signingKey());
}

/**
 * Why a presented access token was refused; goes into the audit row
 * (`auth.credential_rejected`), never into the answer (the caller only learns "invalid or expired").
 */
export type TokenRejection =
  | "algorithm_not_allowed"
  | "bad_signature"
  | "expired"
  | "not_yet_valid"
  | "wrong_audience"
  | "wrong_issuer"
  | "missing_claim"
  | "wrong_token_type"
  | "malformed";

/** Maps a jose error (by its stable `code` and, for claim failures, `claim`) to a TokenRejection. */
function rejectionOf(e: unknown): TokenRejection {
  const err = e as { code?: string; claim?: string; reason?: string };
  switch (err.code) {
    case "ERR_JOSE_ALG_NOT_ALLOWED":
      return "algorithm_not_allowed";
    case "ERR_JWS_SIGNATURE_VERIFICATION_FAILED":
      return "bad_signature";
    case "ERR_JWT_EXPIRED":
      return "expired";
    case "ERR_JWT_CLAIM_VALIDATION_FAILED":
      if (err.claim === "nbf" || err.claim === "iat") return "not_yet_valid";
      if (err.claim === "aud") return "wrong_audience";
      if (err.claim === "iss") return "wrong_issuer";
      return "missing_claim";
    default:
      return "malformed";
  }
}

/**
 * Verifies an access token: HS256 only, our `iss` and `aud`, `sub`/`exp`/`iat` present, `exp`
 * and `nbf` honoured (RFC 7519 §4.1.4-5, no clock tolerance). Answers the claims or the reason
 * the token was refused.
 */
export async function inspectAccessToken(token: string): Promise<{ claims: AccessClaims } | { rejected: TokenRejection }> {
  let payload;
  try {
    ({ payload } = await jwtVerify(token, signingKey(), {
      algorithms: ["HS256"],
      issuer: config.jwtIssuer,
      audience: config.jwtAudience,
      requiredClaims: ["sub", "exp", "iat"],
    }));
  } catch (e) {
    return { rejected: rejectionOf(e) };
  }
  if (payload.typ !== "user" && payload.typ !== "end_user") return { rejected: "wrong_token_type" };
  return {
    claims: {
      sub: payload.sub!,
      typ: payload.typ,
      ws: typeof payload.ws === "string" ? payload.ws : undefined,
      sid: typeof payload.sid === "string" ? payload.sid : undefined,
    },
  };
}

/** Answers the claims, or null for any invalid, expired or foreign token. */
export async function verifyAccessToken(token: string): Promise<AccessClaims | null> {
  const result = await inspectAccessToken(token);
  return "claims" in result ? result.claims : null;
}
