/**
 * Route documentation: `describeRoute({...})` sits first in a route chain and says what the
 * operation does and what it answers, per status, with the same zod contracts the portals use.
 * It passes every request through; lib/openapi.ts reads `routeDocs` to build the document, and
 * in tests lib/response-validation.ts checks each real answer against the documented schema.
 *
 * @example
 * routes.get("/workspaces/:workspace_id/branding",
 *   describeRoute({ summary: "Read a workspace's branding", description: "Any member may read it.",
 *     responses: { 200: { description: "The branding", schema: workspaceBrandingSchema } } }),
 *   validate("param", wsParam), async (c) => ...)
 */
import type { MiddlewareHandler } from "hono";
import type { ZodType } from "zod";

/** One documented answer. A 204 (or any body-less answer) has no `schema`. */
export interface RouteResponse {
  description: string;
  /** The body's shape (zod output side); omitted for answers without a JSON body. */
  schema?: ZodType;
  /** Default `application/json`; `text/event-stream`, `text/csv`, `text/html`, `image/svg+xml`… where true. */
  contentType?: string;
  example?: unknown;
  /** Response headers worth knowing (`Location`, `Retry-After`…): name → description. */
  headers?: Record<string, string>;
}

/** What an operation does, who may call it and what it answers. */
export interface RouteDoc {
  /** A short imperative phrase: "Create a workspace". */
  summary: string;
  /** Who may call it, what it does, notable errors (Markdown). */
  description: string;
  /** Unique across the API; derived from method and path when omitted. */
  operationId?: string;
  tags?: string[];
  /** Success (and other non-problem) answers by HTTP status. */
  responses: Record<number, RouteResponse>;
  /** problem+json statuses this operation answers; default [400, 401, 403, 404, 429]. */
  errors?: number[];
  /** Who may call it: nobody needs credentials, an API key, a browser session, either, or the client SDK (publishable key + signed user). */
  security?: "none" | "api_key" | "session" | "any" | "client";
  /** Example request body, shown in the reference. */
  requestExample?: unknown;
  /** Marks an operation kept for compatibility. */
  deprecated?: boolean;
}

/** The doc behind each `describeRoute` middleware, keyed by the middleware function. */
export const routeDocs = new WeakMap<object, RouteDoc>();

/** Problem statuses an operation answers when its doc names none. */
export const DEFAULT_ERRORS = [400, 401, 403, 404, 429] as const;

/** A pass-through middleware that carries `doc` for lib/openapi.ts and response validation. */
export function describeRoute(doc: RouteDoc): MiddlewareHandler {
  const middleware: MiddlewareHandler = async (_c, next) => {
    await next();
  };
  routeDocs.set(middleware, doc);
  return middleware;
}
