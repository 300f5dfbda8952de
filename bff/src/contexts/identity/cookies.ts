/** Session cookies: httpOnly SameSite=Strict access and refresh tokens, plus the readable CSRF token. */
import { deleteCookie, setCookie } from "hono/cookie";
import type { Context } from "hono";
import { config } from "../../config";
import { randomToken } from "../../lib/secrets";
import { ACCESS_COOKIE, CSRF_COOKIE, REFRESH_COOKIE } from "./principal";

export function setSessionCookies(c: Context, accessToken: string, refreshToken: string | null): void {
  const secure = config.secureCookies;
  setCookie(c, ACCESS_COOKIE, accessToken, { httpOnly: true, sameSite: "Strict", secure, path: "/", maxAge: config.accessTokenSeconds });
  if (refreshToken) {
    setCookie(c, REFRESH_COOKIE, refreshToken, { httpOnly: true, sameSite: "Strict", secure, path: "/api/v1/auth", maxAge: config.refreshTokenSeconds });
  }
  setCookie(c, CSRF_COOKIE, randomToken(24), { httpOnly: false, sameSite: "Strict", secure, path: "/", maxAge: config.refreshTokenSeconds });
}

export function clearSessionCookies(c: Context): void {
  deleteCookie(c, ACCESS_COOKIE, { path: "/" });
  deleteCookie(c, REFRESH_COOKIE, { path: "/api/v1/auth" });
  deleteCookie(c, CSRF_COOKIE, { path: "/" });
}
