/**
 * The end-user session of a connect link. The BFF sets no cookie for it on purpose (a developer
 * previewing the client portal keeps their own cookie session in their other tabs), so the token
 * is kept in this tab's sessionStorage and sent as `Authorization: Bearer` on every call.
 */
const KEY = "nh_end_user_token";

function storage(): Storage | null {
  try {
    return typeof sessionStorage === "undefined" ? null : sessionStorage;
  } catch {
    return null;
  }
}

/** Stores (or, with null, forgets) this tab's end-user access token. */
export function setBearerToken(token: string | null): void {
  const s = storage();
  if (!s) return;
  if (token) s.setItem(KEY, token);
  else s.removeItem(KEY);
}

/** This tab's end-user access token, if any. */
export function getBearerToken(): string | null {
  return storage()?.getItem(KEY) ?? null;
}

/** `fetch` that adds the tab's bearer token when there is one. */
export const fetchWithBearer: typeof fetch = (input, init) => {
  const token = getBearerToken();
  if (!token) return fetch(input, init);
  const headers = new Headers(init?.headers);
  headers.set("authorization", `Bearer ${token}`);
  return fetch(input, { ...init, headers });
};
