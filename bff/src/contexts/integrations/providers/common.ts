/** OAuth endpoints shared by several providers of one vendor (Google, Microsoft identity platform). */
import type { ProviderAuth } from "../catalogue";

/** Google OAuth 2.0 for web server apps: offline access gives a refresh token. */
export const googleOAuth = (scopes: string[]): ProviderAuth => ({
  kind: "oauth2",
  authorizationUrl: "https://accounts.google.com/o/oauth2/v2/auth",
  tokenUrl: "https://oauth2.googleapis.com/token",
  revocationUrl: "https://oauth2.googleapis.com/revoke",
  scopes,
  authParams: { access_type: "offline", prompt: "consent" },
  clientAuth: "post",
});

/** Microsoft identity platform v2.0 (multi-tenant `common` authority). */
export const microsoftOAuth = (scopes: string[]): ProviderAuth => ({
  kind: "oauth2",
  authorizationUrl: "https://login.microsoftonline.com/common/oauth2/v2.0/authorize",
  tokenUrl: "https://login.microsoftonline.com/common/oauth2/v2.0/token",
  scopes: ["offline_access", ...scopes],
  clientAuth: "post",
});

/** Path segment encoding for ids placed in URLs. */
export const seg = encodeURIComponent;
