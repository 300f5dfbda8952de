/**
 * `/api/openapi.json` (the generated OpenAPI 3.1 document) and `/api/docs`, a browsable
 * reference rendered by Swagger UI (swagger-ui-dist, served from our own origin).
 */
import { Hono } from "hono";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import type { AppEnv } from "../../lib/http";
import { buildOpenApi } from "../../lib/openapi";

const uiDir = path.dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"));
const UI_FILES: Record<string, string> = { "swagger-ui.css": "text/css; charset=utf-8", "swagger-ui-bundle.js": "text/javascript; charset=utf-8" };

const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>NeighbourHood API reference</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="stylesheet" href="/api/docs/swagger-ui.css"></head>
<body><div id="ui"></div><script src="/api/docs/swagger-ui-bundle.js"></script><script src="/api/docs/init.js"></script></body></html>`;
const init = `window.ui = SwaggerUIBundle({ url: "/api/openapi.json", dom_id: "#ui", deepLinking: true, withCredentials: true });`;

/** `getApp` answers the whole app, read lazily so the document lists every mounted route. */
export function docsRoutes(getApp: () => Hono<AppEnv>) {
  let cached: string | null = null;
  return new Hono<AppEnv>()
    .get("/openapi.json", (c) => {
      cached ??= JSON.stringify(buildOpenApi(getApp()));
      return c.body(cached, 200, { "content-type": "application/json" });
    })
    .get("/docs", (c) => c.html(page))
    .get("/docs/init.js", (c) => c.body(init, 200, { "content-type": "text/javascript; charset=utf-8" }))
    .get("/docs/:file", (c) => {
      const type = UI_FILES[c.req.param("file")];
      if (!type) return c.notFound();
      return c.body(fs.readFileSync(path.join(uiDir, c.req.param("file"))), 200, { "content-type": type, "cache-control": "public, max-age=86400" });
    });
}
