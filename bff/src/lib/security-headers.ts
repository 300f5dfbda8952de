/**
 * Security headers on every answer (issue 18 part 4, docs/decisions/034-external-identifier-claims.md
 * §"Security headers"): Hono's `secure-headers` middleware for the fixed ones, then a content
 * security policy by kind of answer, unless the route set its own (the API reference page
 * sets one with its inline script's hash, platform/docs.ts):
 * - pages, scripts and the service worker: `APP_POLICY` — scripts only from our origin (no
 *   inline script, no `unsafe-eval`: the shell's index.html has none and no production bundle
 *   calls eval), styles from our origin plus inline (see below), images also from `data:` and
 *   `https:` (a workspace's logo URL), no plugins, and no framing (`frame-ancestors 'none'`).
 * - `/api/…` answers (JSON, problem+json, SSE): `API_POLICY`, which loads nothing.
 * `style-src` keeps `'unsafe-inline'`: @xyflow/react (the workflow editor) and React 19's hoisted
 * styles insert `<style>` elements without a nonce, and the project portal's e-mail preview is a
 * sandboxed `srcdoc` frame, which inherits this policy and whose React Email HTML is all inline
 * `style` attributes. Inline style cannot run code; scripts stay strict.
 * HSTS (two years) only when the answer travels over TLS: the request is https, the proxy says
 * `X-Forwarded-Proto: https`, or PUBLIC_URL is https. `CLIENT_PORTAL_FRAME_ANCESTORS` (space
 * separated origins) lets the client portal's pages (`/client…`) be framed by those origins only.
 */
import type { MiddlewareHandler } from "hono";
import { secureHeaders } from "hono/secure-headers";
import { config } from "../config";

export const APP_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: https:",
  "font-src 'self' data:",
  "media-src 'self' data: blob:",
  "connect-src 'self'",
  "worker-src 'self'",
  "frame-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'none'",
].join("; ");

export const API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

export const HSTS = "max-age=63072000; includeSubDomains";

const fixed = secureHeaders({
  crossOriginEmbedderPolicy: false,
  contentSecurityPolicy: undefined,
  strictTransportSecurity: false,
  xFrameOptions: "DENY",
  referrerPolicy: "strict-origin-when-cross-origin",
});

/** True when this answer travels over TLS (the request, the proxy's X-Forwarded-Proto, or PUBLIC_URL). */
function overTls(url: string, forwardedProto: string | undefined): boolean {
  return url.startsWith("https:") || forwardedProto?.split(",")[0]?.trim().toLowerCase() === "https" || config.publicUrl.startsWith("https://");
}

/** The middleware: fixed headers, then CSP (unless set), HSTS over TLS, and the client portal's framing exception. */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await fixed(c, async () => {
      await next();
    });
    const path = c.req.path;
    const api = path.startsWith("/api/") && !path.startsWith("/api/docs");
    const framers = process.env.CLIENT_PORTAL_FRAME_ANCESTORS?.trim();
    if (!c.res.headers.has("content-security-policy")) {
      let policy = api ? API_POLICY : APP_POLICY;
      if (framers && (path === "/client" || path.startsWith("/client/"))) {
        policy = policy.replace("frame-ancestors 'none'", `frame-ancestors ${framers}`);
        c.res.headers.delete("x-frame-options");
      }
      c.res.headers.set("content-security-policy", policy);
    }
    if (overTls(c.req.url, c.req.header("x-forwarded-proto"))) c.res.headers.set("strict-transport-security", HSTS);
  };
}
