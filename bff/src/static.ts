/**
 * Serves the built front end from the same port as the API: the shell at `/` (SPA fallback to
 * its index.html), each portal at `/remotes/<name>/`, the design-system CSS at `/design-system/`.
 * Entry files (index.html, main.js, remoteEntry.js, mf-manifest.json) are `no-cache` so a deploy
 * is picked up at once; content-hashed chunks are `immutable` for a year. On a workspace's custom
 * domain the shell's index.html is served branded (title, icon, theme colour and the branding as
 * JSON in `#nh-host-branding`, which the shell applies before sign-in). The client SDK's example
 * page is at `/examples/inbox`.
 */
import { Hono } from "hono";
import fs from "node:fs";
import path from "node:path";
import { repoRoot } from "./config";
import type { AppEnv } from "./lib/http";
import type { Database } from "./db/client";
import { brandingForHost, requestHost } from "./contexts/tenancy";
import { portalNames, type Branding } from "@nhood/contracts";

const TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".html": "text/html; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".map": "application/json",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
};
const HASHED = /\.[0-9a-f]{8,}\.(js|css|woff2|png|svg)$/;

function fileResponse(file: string): Response {
  const name = path.basename(file);
  const cache = HASHED.test(name) ? "public, max-age=31536000, immutable" : "no-cache";
  return new Response(fs.readFileSync(file), {
    headers: { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream", "cache-control": cache, "x-content-type-options": "nosniff" },
  });
}

/** Resolves `rel` inside `root`, refusing any path that escapes it. */
function inside(root: string, rel: string): string | null {
  const full = path.resolve(root, "." + path.posix.normalize("/" + rel));
  return full.startsWith(root + path.sep) && fs.existsSync(full) && fs.statSync(full).isFile() ? full : null;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/**
 * The shell's index.html with a workspace's branding: its name as the title, its logo as the
 * icon, its colour as the theme colour, and the branding as JSON (`<` escaped, so it cannot
 * close the script element) for the shell to apply before anyone signs in.
 */
export function brandIndexHtml(html: string, b: Branding): string {
  const json = JSON.stringify(b).replace(/</g, "\\u003c");
  const head = [
    `<meta name="theme-color" content="${escapeHtml(b.primary_color)}" />`,
    `<script id="nh-host-branding" type="application/json">${json}</script>`,
  ].join("\n    ");
  // replacer functions: a `$&` in a workspace's name must stay literal
  let out = html.replace(/<title>[^<]*<\/title>/, () => `<title>${escapeHtml(b.display_name)}</title>`);
  if (b.logo_url) out = out.replace(/<link rel="icon" href="[^"]*"/, () => `<link rel="icon" href="${escapeHtml(b.logo_url!)}"`);
  return out.replace("</head>", () => `    ${head}\n  </head>`);
}

/** The example inbox page (`/examples/inbox`): the client SDK and `<Inbox />` against the demo workspace. */
const EXAMPLE_INBOX_HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Example inbox · NeighbourHood client SDK</title>
  </head>
  <body>
    <div id="root"></div>
    <script type="module" src="/examples/inbox.js"></script>
  </body>
</html>
`;

/** `db` (optional) lets index.html be branded on a workspace's custom domain; `shell` is the built shell's folder. */
export function staticRoutes(db?: Database, shell = path.join(repoRoot, "apps/shell/dist")) {
  const app = new Hono<AppEnv>();
  const ds = path.join(repoRoot, "design-system/dist");
  for (const name of portalNames) {
    const root = path.join(repoRoot, "remotes", name, "dist");
    app.get(`/remotes/${name}/*`, (c) => {
      const file = inside(root, decodeURIComponent(c.req.path.slice(`/remotes/${name}/`.length)));
      return file ? fileResponse(file) : c.notFound();
    });
  }
  const brand = path.join(repoRoot, "bff/public");
  app.get("/brand/*", (c) => {
    const file = inside(brand, decodeURIComponent(c.req.path.slice("/brand/".length)));
    return file ? fileResponse(file) : c.notFound();
  });
  app.get("/design-system/*", (c) => {
    const file = inside(ds, decodeURIComponent(c.req.path.slice("/design-system/".length)));
    return file ? fileResponse(file) : c.notFound();
  });
  // the client SDK's example page (issue 15): its bundle is built by packages/client-sdk (tsup)
  const examples = path.join(repoRoot, "packages/client-sdk/dist-examples");
  app.get(
    "/examples/inbox",
    () => new Response(EXAMPLE_INBOX_HTML, { headers: { "content-type": TYPES[".html"]!, "cache-control": "no-cache", "x-content-type-options": "nosniff" } }),
  );
  app.get("/examples/inbox.js", (c) => {
    const file = inside(examples, "inbox.js");
    return file ? fileResponse(file) : c.notFound();
  });
  app.get("*", async (c) => {
    const rel = decodeURIComponent(c.req.path);
    if (rel.startsWith("/api/") || rel.startsWith("/remotes/")) return c.notFound();
    const file = rel !== "/" ? inside(shell, rel) : null;
    if (file) return fileResponse(file);
    if (path.extname(rel)) return c.notFound(); // a missing asset is a 404, not the app
    const index = path.join(shell, "index.html");
    if (!fs.existsSync(index)) return c.text("The shell is not built yet: run `pnpm start` (it builds first).", 503);
    const hostBranding = db ? await brandingForHost(db, requestHost(c)) : null;
    if (!hostBranding) return fileResponse(index);
    return new Response(brandIndexHtml(fs.readFileSync(index, "utf8"), hostBranding), {
      headers: { "content-type": TYPES[".html"]!, "cache-control": "no-cache", "x-content-type-options": "nosniff" },
    });
  });
  return app;
}
