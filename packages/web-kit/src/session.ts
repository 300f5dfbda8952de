/** Loading and ending the session; used by the shell after sign-in, switch and connect. */
import { api, authApi } from "./api";
import { setBearerToken } from "./bearer-token";
import { queryClient } from "./query";
import { useSession } from "./session-store";

/**
 * Reads `GET /api/v1/me` and `GET /api/v1/portals` and stores them. Throws the ApiError of a
 * failed call; a 401 that survives the refresh leaves the store "signed-out".
 */
export async function loadSession(): Promise<void> {
  const [me, { portals }] = await Promise.all([api.me(), api.portals()]);
  useSession.getState().setSession(me, portals);
}

/** Switches the active workspace, drops every cached query of the old one and reloads the session. */
export async function switchWorkspace(workspaceId: string): Promise<void> {
  await api.auth.switchWorkspace(workspaceId);
  queryClient.clear();
  await loadSession();
}

/**
 * Opens an end-user session from a connect link's token (`POST /api/v1/connect/exchange`): the
 * returned access token is kept for this tab only, then the session is loaded.
 */
export async function startConnectSession(token: string): Promise<void> {
  const { access_token } = await authApi.auth.exchangeConnectSession(token);
  setBearerToken(access_token);
  queryClient.clear();
  await loadSession();
}

/** Signs out on the BFF (best effort) and clears every client-side trace of the session. */
export async function signOut(): Promise<void> {
  const endUser = useSession.getState().me?.kind === "end_user";
  setBearerToken(null);
  if (!endUser) await authApi.auth.logout().catch(() => undefined);
  queryClient.clear();
  useSession.getState().signedOut();
}
