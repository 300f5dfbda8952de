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

/** Answers the claims, or null for any invalid, expired or foreign token. */
export async function verifyAccessToken(token: string): Promise<AccessClaims | null> {
  try {
    const { payload } = await jwtVerify(token, signingKey(), {
      algorithms: ["HS256"],
      issuer: config.jwtIssuer,
      audience: config.jwtAudience,
      requiredClaims: ["sub", "exp", "iat"],
    });
    if (payload.typ !== "user" && payload.typ !== "end_user") return null;
    return {
      sub: payload.sub!,
      typ: payload.typ,
      ws: typeof payload.ws === "string" ? payload.ws : undefined,
      sid: typeof payload.sid === "string" ? payload.sid : undefined,
    };
  } catch {
    return null;
  }
}
