/**
 * The one API client of the browser app (shell and portals share it: web-kit is a federation
 * singleton). On a 401 it refreshes the session once through the httpOnly refresh cookie and
 * retries; when the refresh fails the session store flips to "signed-out" and the shell shows
 * the sign-in page.
 */
import { ApiError, createApiClient, type ApiClient } from "@nhood/contracts/client";
import { fetchWithBearer, getBearerToken, setBearerToken } from "./bearer-token";
import { useSession } from "./session-store";

export { ApiError };
export type { ApiClient };

/** Client without refresh-and-retry, for the auth endpoints themselves (login, refresh, logout). */
export const authApi: ApiClient = createApiClient({ fetch: fetchWithBearer });

let refreshing: Promise<boolean> | null = null;

/**
 * Refreshes the session (one request at a time); resolves false and signs out on failure.
 * An end user's connect-session token cannot be refreshed: it is dropped instead.
 */
export function refreshSession(): Promise<boolean> {
  if (getBearerToken()) {
    setBearerToken(null);
    useSession.getState().signedOut();
    return Promise.resolve(false);
  }
  refreshing ??= authApi.auth
    .refresh()
    .then(() => true)
    .catch(() => {
      useSession.getState().signedOut();
      return false;
    })
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

/** The shared client: `api.apiKeys.list(ws)`, `api.admin.workspaces(q, cursor)`… */
export const api: ApiClient = createApiClient({ onUnauthorized: refreshSession, fetch: fetchWithBearer });

/** True for an error carrying an RFC 9457 problem from the BFF. */
export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}
