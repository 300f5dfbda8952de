/**
 * The one error handler: every failure leaves as RFC 9457 `application/problem+json`.
 * Domain errors keep their status; Hono's HTTPExceptions (malformed JSON, body too large) keep
 * theirs; a database that cannot be reached (a restart, a failover) is a 503 with Retry-After;
 * anything else is a 500 with no internals in the body (it is logged with the request id).
 */
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { DomainError } from "./errors";
import { logger } from "./logger";
import { isDatabaseUnavailable } from "../db/client";
import type { FieldError } from "./errors";

export const PROBLEM_BASE = "https://neighbourhood.dev/problems/";

export function problemResponse(
  c: Context,
  status: number,
  slug: string,
  title: string,
  detail?: string,
  errors?: FieldError[],
  headers?: Record<string, string>,
  extensions?: Record<string, unknown>,
): Response {
  const body = {
    ...extensions,
    type: `${PROBLEM_BASE}${slug}`,
    title,
    status,
    detail,
    instance: c.req.path,
    request_id: c.get("requestId") as string | undefined,
    ...(errors?.length ? { errors } : {}),
  };
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/problem+json", ...headers },
  });
}

export function problemHandler(err: Error, c: Context): Response {
  if (err instanceof DomainError) {
    // RFC 9457 §3.2 extension members (e.g. a quota's limit, usage and reset time)
    return problemResponse(
      c,
      err.status,
      err.slug,
      err.title,
      err.message,
      err.errors,
      err.headers,
      (err as { extensions?: Record<string, unknown> }).extensions,
    );
  }
  if (err instanceof HTTPException) {
    const status = err.status;
    if (status === 413) return problemResponse(c, 413, "payload-too-large", "Payload too large", "The request body is larger than this route accepts.");
    const detail = /json/i.test(err.message) ? "The body is not valid JSON." : err.message || undefined;
    return problemResponse(
      c,
      status,
      status === 400 ? "bad-request" : "http-error",
      status === 400 ? "Bad request" : "Request failed",
      detail,
      status === 400 && /json/i.test(err.message) ? [{ pointer: "#", detail: "malformed JSON" }] : undefined,
    );
  }
  if (isDatabaseUnavailable(err)) {
    logger.warn({ err: String(err), request_id: c.get("requestId"), path: c.req.path }, "database unavailable");
    return problemResponse(
      c,
      503,
      "database-unavailable",
      "Service unavailable",
      "The database is unavailable for a moment; retry shortly (with the same Idempotency-Key or client event id, so nothing is applied twice).",
      undefined,
      { "retry-after": "5" },
    );
  }
  logger.error({ err, request_id: c.get("requestId"), path: c.req.path }, "unhandled error");
  return problemResponse(c, 500, "internal", "Internal server error", "Something went wrong on our side; the request id helps us find it.");
}
