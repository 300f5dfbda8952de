/**
 * `/api/openapi.json` (the generated OpenAPI 3.1 document) and `/api/docs`, a browsable
 * reference rendered by Scalar (`@scalar/hono-api-reference` writes the page; the browser
 * bundle of `@scalar/api-reference` is served from our own origin, so nothing loads from a CDN
 * and the page works on a closed network). The page's content security policy allows only our
 * own scripts plus the one inline start-up script, by its hash.
 */
import { Hono } from "hono";
import fs from "node:fs";
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { Scalar } from "@scalar/hono-api-reference";
import type { AppEnv } from "../../lib/http";
import { buildOpenApi } from "../../lib/openapi";
import { describeRoute } from "../../lib/describe";
import { openApiDocumentSchema } from "@nhood/contracts";

const BUNDLE = "/api/docs/scalar.js";
const bundlePath = createRequire(import.meta.url).resolve("@scalar/api-reference/browser/standalone.js");

/** The reference page: our document, our bundle, no web fonts from fonts.scalar.com, no proxy, no agent. */
const page = Scalar({
  url: "/api/openapi.json",
  cdn: BUNDLE,
  pageTitle: "NeighbourHood API reference",
  withDefaultFonts: false,
  hideClientButton: true,
  defaultOpenAllTags: false,
  persistAuth: false,
  metaData: { title: "NeighbourHood API reference" },
  // the AI agent searches Scalar's hosted registry: off, nothing leaves this origin
  agent: { disabled: true },
  // Scalar's "Configure / Share / Deploy" toolbar (shown on localhost) links to its hosted service
  showDeveloperTools: "never",
} as Parameters<typeof Scalar>[0]);

/** `script-src` for the page: our origin and the hashes of its inline scripts. */
function contentSecurityPolicy(html: string): string {
  const hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
    (m) => `'sha256-${createHash("sha256").update(m[1]!).digest("base64")}'`,
  );
  return [
    "default-src 'self'",
    `script-src 'self' ${hashes.join(" ")}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/**
 * The bundle carries zod 4, which probes once whether `new Function` works (for its compiled
 * parsers) and falls back when it does not. Under the page's policy (no 'unsafe-eval') the probe
 * is reported as a CSP violation, so the served copy answers "no" without trying. The e2e CSP
 * check (e2e/tests/csp.spec.ts) notices when a Scalar upgrade changes the probe.
 */
export function withoutEvalProbe(js: string): string {
  return js.replace('try{return new Function(""),!0}catch(e){return!1}', "return!1");
}

const docsErrors = { errors: [404] };

/** `getApp` answers the whole app, read lazily so the document lists every mounted route. */
export function docsRoutes(getApp: () => Hono<AppEnv>) {
  let cached: string | null = null;
  let bundle: Buffer | null = null;
  return new Hono<AppEnv>()
    .get(
      "/openapi.json",
      describeRoute({
        summary: "Read the OpenAPI document",
        tags: ["docs"],
        operationId: "getOpenApiDocument",
        security: "none",
        ...docsErrors,
        description:
          "Anyone may read this API's OpenAPI 3.1 document: every operation with its parameters, request body, answers per status (JSON Schema draft 2020-12 from the same zod contracts the portals use) and RFC 9457 problems. Generate a client from it.",
        responses: {
          200: {
            description: "The OpenAPI 3.1 document",
            schema: openApiDocumentSchema,
            example: { openapi: "3.1.0", info: { title: "NeighbourHood API", version: "1.0.0" }, paths: {} },
          },
        },
      }),
      (c) => {
        cached ??= JSON.stringify(buildOpenApi(getApp()));
        return c.body(cached, 200, { "content-type": "application/json" });
      },
    )
    .get(
      "/docs",
      describeRoute({
        summary: "Browse the API reference",
        tags: ["docs"],
        operationId: "getApiReference",
        security: "none",
        ...docsErrors,
        description:
          "Anyone may open the browsable reference of this API (Scalar), rendered from `/api/openapi.json`, with code samples and a request console. Everything it loads comes from this origin.",
        responses: { 200: { description: "The reference page", contentType: "text/html" } },
      }),
      async (c, next) => {
        // Scalar's types name its own copy of Hono's Context; the object is the same
        const res = (await page(c as never, next)) as Response;
        const html = await res.clone().text();
        res.headers.set("content-security-policy", contentSecurityPolicy(html));
        res.headers.set("cache-control", "no-cache");
        return res;
      },
    )
    .get(
      "/docs/scalar.js",
      describeRoute({
        summary: "Download the reference's script",
        tags: ["docs"],
        operationId: "getApiReferenceScript",
        security: "none",
        ...docsErrors,
        description:
          "The browser bundle of the reference page (`@scalar/api-reference`, pinned in our dependencies), served from this origin so the page needs no CDN.",
        responses: { 200: { description: "The script", contentType: "text/javascript" } },
      }),
      (c) => {
        bundle ??= Buffer.from(withoutEvalProbe(fs.readFileSync(bundlePath, "utf8")));
        return c.body(new Uint8Array(bundle), 200, { "content-type": "text/javascript; charset=utf-8", "cache-control": "public, max-age=86400" });
      },
    );
}
