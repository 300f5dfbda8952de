/**
 * Response validation, on in tests (`NHOOD_VALIDATE_RESPONSES=1`, set by vitest.config.ts): after
 * each documented route answers, its JSON body must match the zod schema its `describeRoute`
 * gives for that status — with no field the schema does not name (the document says
 * `additionalProperties: false`), except inside `z.looseObject`/records — and a problem+json
 * answer must be a Problem with a status the route documents (lib/openapi.ts `problemStatuses`).
 * A mismatch replaces the answer with a 500 problem naming the route, the status and the zod
 * issues, and is logged, so the integration test that caused it fails loudly. Streams (SSE)
 * and non-JSON bodies are not read; routes without `describeRoute` are left to the contract test.
 */
import type { Context, MiddlewareHandler } from "hono";
import { problemSchema } from "@nhood/contracts";
import type { ZodType } from "zod";
import { logger } from "./logger";
import { problemStatuses, requestBodyOf, routeDocOf } from "./openapi";

const isJson = (type: string) => /^application\/([a-z.+-]*\+)?json\b/i.test(type);

/** Paths (JSON pointers) of object members in `sent` that zod dropped from `parsed` (so the schema does not name them). */
export function undocumentedFields(sent: unknown, parsed: unknown, at = ""): string[] {
  if (Array.isArray(sent) && Array.isArray(parsed)) return sent.flatMap((v, i) => undocumentedFields(v, parsed[i], `${at}/${i}`));
  if (sent && parsed && typeof sent === "object" && typeof parsed === "object" && !Array.isArray(sent)) {
    const out: string[] = [];
    for (const [k, v] of Object.entries(sent)) {
      if (!(k in parsed)) out.push(`${at}/${k}`);
      else out.push(...undocumentedFields(v, (parsed as Record<string, unknown>)[k], `${at}/${k}`));
    }
    return out;
  }
  return [];
}

/** The route that answered: the first concrete (non-middleware) match, as the permission check reads it. */
function concreteRoute(c: Context): { method: string; path: string } | undefined {
  return c.req.matchedRoutes.find((r) => r.method !== "ALL");
}

/** Checks one answer; answers a description of what is wrong, or null. */
export async function responseMismatch(c: Context): Promise<string | null> {
  const route = concreteRoute(c);
  if (!route) return null;
  const handlers = c.req.matchedRoutes.filter((r) => r.method === route.method && r.path === route.path).map((r) => r.handler);
  const doc = routeDocOf(handlers);
  if (!doc) return null;
  const res = c.res;
  const status = res.status;
  const type = res.headers.get("content-type") ?? "";
  const documented = doc.responses[status];
  const check = (schema: ZodType, body: unknown): string | null => {
    const parsed = schema.safeParse(body);
    if (!parsed.success) return parsed.error.issues.map((i) => `#/${i.path.join("/")}: ${i.message}`).join("; ");
    const extra = undocumentedFields(body, parsed.data);
    return extra.length ? `fields the schema does not name: ${extra.slice(0, 10).join(", ")}` : null;
  };
  if (/^application\/problem\+json/i.test(type)) {
    if (documented) return `answered a problem+json ${status}, documented as a success answer`;
    const allowed = problemStatuses(doc, route.path, !!requestBodyOf(handlers));
    if (!allowed.includes(status) && status !== 500 && status !== 503) return `problem status ${status} is not in the route's errors [${allowed.join(", ")}]`;
    return check(problemSchema, await res.clone().json());
  }
  if (!documented) return `status ${status} is not documented (documented: ${Object.keys(doc.responses).join(", ")})`;
  if (!documented.schema) return null;
  const wanted = documented.contentType ?? "application/json";
  if (!isJson(wanted)) return type.startsWith(wanted) ? null : `content-type ${type || "(none)"}, documented ${wanted}`;
  if (!isJson(type)) return `content-type ${type || "(none)"}, documented ${wanted}`;
  return check(documented.schema, await res.clone().json());
}

/** The middleware; mount it first so it sees the final answer (after onError). */
export function validateResponses(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    if (/^text\/event-stream/i.test(c.res.headers.get("content-type") ?? "")) return;
    let problem: string | null;
    try {
      problem = await responseMismatch(c);
    } catch (err) {
      problem = `the body could not be read as JSON: ${String(err)}`;
    }
    if (!problem) return;
    const detail = `Response of ${c.req.method} ${concreteRoute(c)?.path} (status ${c.res.status}) does not match its documented schema: ${problem}`;
    logger.error({ path: c.req.path, route: concreteRoute(c)?.path, status: c.res.status }, detail);
    console.error(`[response-validation] ${detail}`);
    c.res = new Response(
      JSON.stringify({ type: "https://neighbourhood.dev/problems/response-mismatch", title: "Response does not match the API contract", status: 500, detail }),
      {
        status: 500,
        headers: { "content-type": "application/problem+json" },
      },
    );
  };
}
