import type { ApiKey } from "@nhood/contracts";

export type ApiKeyStatus = "active" | "revoked" | "expired";

/** A key is revoked once revoked_at is set, expired once expires_at has passed. */
export function apiKeyStatus(key: ApiKey, now: Date = new Date()): ApiKeyStatus {
  if (key.revoked_at) return "revoked";
  if (key.expires_at && new Date(key.expires_at) <= now) return "expired";
  return "active";
}
