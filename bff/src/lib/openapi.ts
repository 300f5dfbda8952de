/**
 * The OpenAPI 3.1 document of the BFF, generated from the running app: every route Hono knows
 * (`app.routes`) becomes an operation. Its `describeRoute(...)` middleware (lib/describe.ts)
 * gives the summary, description, operationId, tags, security and the answers per status with
 * their zod contracts; its `validate(...)` middlewares give the path/query parameters and the
 * JSON request body. Zod's JSON Schema output (draft 2020-12) is what OpenAPI 3.1 uses as-is:
 * request bodies in `io: "input"` form, answers in `io: "output"` form. Schemas carrying a
 * `.meta({ id })` become `components/schemas` entries. Every error is an RFC 9457 problem
 * (`components/schemas/Problem`). A route without `describeRoute` still appears, with a
 * generic summary and untyped answers, which the contract test (openapi-contract.test.ts) rejects.
 */
import type { Hono } from "hono";
import { z, type ZodType } from "zod";
import { problemSchema } from "@nhood/contracts";
import { validatorSchemas } from "./validate";
import { DEFAULT_ERRORS, routeDocs, type RouteDoc, type RouteResponse } from "./describe";

type JsonSchema = Record<string, unknown>;

const isPublic = (path: string) => path.startsWith("/api/") || path.startsWith("/webhooks/") || path === "/metrics";

/** What each problem status means across the API (the operation's description says when). */
const PROBLEM_STATUSES: Record<number, string> = {
  400: "Bad input: `errors` names each field at fault as a JSON pointer",
  401: "Not authenticated: no, expired or revoked credentials",
  402: "Payment required: the plan or subscription does not allow it",
  403: "Forbidden: the caller's role, scopes or workspace do not allow it",
  404: "Not found (or not visible to the caller)",
  405: "Method not allowed",
  409: "Conflict with the current state",
  410: "Gone",
  413: "Payload too large (1 MiB unless the route says otherwise)",
  415: "Unsupported media type",
  422: "Understood but cannot be processed in the current state",
  423: "Locked",
  429: "Too many requests or a quota is exhausted; see Retry-After",
  502: "An upstream provider failed",
  503: "Unavailable for a moment (e.g. the database); retry after Retry-After",
};

/** The route's documentation: the first of its handlers registered by `describeRoute`. */
export function routeDocOf(handlers: readonly unknown[]): RouteDoc | undefined {
  for (const h of handlers) {
    // a sub-app with its own onError wraps each handler; Hono keeps the original here
    const inner = (h as { __COMPOSED_HANDLER?: unknown }).__COMPOSED_HANDLER ?? h;
    const doc = routeDocs.get(inner as object) ?? routeDocs.get(h as object);
    if (doc) return doc;
  }
  return undefined;
}

/** The body schema of a route's `validate("json", …)`, if any. */
export function requestBodyOf(handlers: readonly unknown[]): ZodType | undefined {
  for (const h of handlers) {
    const v = validatorSchemas.get(((h as { __COMPOSED_HANDLER?: unknown }).__COMPOSED_HANDLER ?? h) as object);
    if (v?.target === "json") return v.schema;
  }
  return undefined;
}

/**
 * Problem statuses an operation may answer: the ones its doc names (or the defaults), plus what
 * the app's shared middleware answers on that path — on `/api/v1/*` 400 (a credential in the
 * query string), 403 (a cookie write without its CSRF token, an API key of a suspended
 * workspace) from `authenticate` and 429 from the rate limiter; 401/403 from the permission
 * check on `/api/v1/workspaces/{id}/*`; 413 when there is a body. 500 and 503 are documented
 * once as `5XX` for everyone.
 */
export function problemStatuses(doc: RouteDoc | undefined, path: string, hasBody: boolean): number[] {
  const set = new Set<number>(doc?.errors ?? DEFAULT_ERRORS);
  if (path.startsWith("/api/v1/")) for (const status of [400, 403, 429]) set.add(status);
  if (/^\/api\/v1\/workspaces\/(:workspace_id|\{workspace_id\})\//.test(path)) {
    set.add(401);
    set.add(403);
  }
  if (hasBody) set.add(413);
  return [...set].sort((a, b) => a - b);
}

/** Converts a zod schema, moving `.meta({ id })` definitions into `components` (`suffix` keeps input forms apart). */
function converter(components: Record<string, JsonSchema>) {
  return (schema: ZodType, io: "input" | "output"): JsonSchema => {
    const suffix = io === "input" ? "Input" : "";
    let out: JsonSchema;
    try {
      out = z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "any", reused: "inline" }) as JsonSchema;
    } catch {
      return {};
    }
    delete out.$schema;
    const defs = (out.$defs ?? {}) as Record<string, JsonSchema>;
    delete out.$defs;
    const rewrite = (s: JsonSchema) =>
      JSON.parse(JSON.stringify(s).replace(/"#\/\$defs\/([^"]+)"/g, (_m, id: string) => `"#/components/schemas/${id}${suffix}"`)) as JsonSchema;
    for (const [id, def] of Object.entries(defs)) {
      delete def.id;
      components[`${id}${suffix}`] = rewrite(def);
    }
    const id = out.id as string | undefined;
    delete out.id;
    if (id) {
      components[`${id}${suffix}`] = rewrite(out);
      return { $ref: `#/components/schemas/${id}${suffix}` };
    }
    return rewrite(out);
  };
}

/**
 * A plausible example of a JSON Schema (zod's output: `$ref`s into `defs`, `anyOf` for nullable
 * and unions, `enum`/`const`, formats), for answers whose doc gives none: every field filled,
 * the first enum value, one array item, the non-null branch.
 */
export function exampleOf(schema: JsonSchema, defs: Record<string, JsonSchema>, depth = 0): unknown {
  if (depth > 8) return null;
  const ref = schema.$ref as string | undefined;
  if (ref) return exampleOf(defs[ref.split("/").pop()!] ?? {}, defs, depth + 1);
  if ("const" in schema) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  const options = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (options?.length) return exampleOf(options.find((o) => o.type !== "null") ?? options[0]!, defs, depth + 1);
  if (Array.isArray(schema.allOf) && schema.allOf.length) return exampleOf(schema.allOf[0] as JsonSchema, defs, depth + 1);
  switch (schema.type) {
    case "object": {
      const props = (schema.properties ?? {}) as Record<string, JsonSchema>;
      return Object.fromEntries(Object.entries(props).map(([k, v]) => [k, exampleOf(v, defs, depth + 1)]));
    }
    case "array":
      return schema.items ? [exampleOf(schema.items as JsonSchema, defs, depth + 1)] : [];
    case "integer":
      return typeof schema.minimum === "number" && schema.minimum > 0 ? schema.minimum : 1;
    case "number":
      return 1.5;
    case "boolean":
      return true;
    case "null":
      return null;
    case "string": {
      const formats: Record<string, string> = {
        uuid: "3fa85f64-5717-4562-b3fc-2c963f66afa6",
        "date-time": "2026-01-01T09:30:00.000Z",
        email: "ada@example.com",
        uri: "https://example.com",
        date: "2026-01-01",
      };
      return formats[schema.format as string] ?? "string";
    }
    default:
      return {};
  }
}

const SECURITY: Record<NonNullable<RouteDoc["security"]>, Record<string, string[]>[]> = {
  none: [],
  api_key: [{ apiKey: [] }],
  session: [{ accessToken: [] }, { cookie: [] }],
  any: [{ apiKey: [] }, { accessToken: [] }, { cookie: [] }],
  client: [{ publishableKey: [], clientWorkspace: [], clientUser: [], clientUserHash: [] }],
};

const camel = (s: string) => s.replace(/[{}]/g, "").replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ""));

/** Builds the document for `app`; `info.version` is the API version. */
export function buildOpenApi(app: Hono<never> | Hono<any>): JsonSchema {
  const operations = new Map<string, { method: string; path: string; handlers: unknown[] }>();
  for (const r of app.routes) {
    if (r.method === "ALL" || !isPublic(r.path) || r.path === "/api/*" || r.path === "/api/v1/*") continue;
    const key = `${r.method} ${r.path}`;
    const op = operations.get(key) ?? { method: r.method, path: r.path, handlers: [] };
    op.handlers.push(r.handler);
    operations.set(key, op);
  }
  const schemas: Record<string, JsonSchema> = {};
  const convert = converter(schemas);
  const responses: Record<string, JsonSchema> = {};
  const problemRef = (status: number | string) => {
    const name = `Problem${status}`;
    responses[name] ??= {
      description: `${PROBLEM_STATUSES[Number(status)] ?? (status === "5XX" ? "Server error, or unavailable for a moment (503 with Retry-After)" : "Error")} (RFC 9457 problem)`,
      content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
    };
    return { $ref: `#/components/responses/${name}` };
  };
  const usedIds = new Set<string>();
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations.values()) {
    // `/webhooks/:workspace_id/*` documents its wildcard as the `path` parameter
    const path = op.path.replace(/:([A-Za-z0-9_]+)(\{[^}]*\})?/g, "{$1}").replace(/\/\*$/, "/{path}");
    const pathParams = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
    const doc = routeDocOf(op.handlers);
    const parameters: Record<string, unknown>[] = [];
    let requestBody: JsonSchema | undefined;
    for (const h of op.handlers) {
      const v = validatorSchemas.get(((h as { __COMPOSED_HANDLER?: unknown }).__COMPOSED_HANDLER ?? h) as object);
      if (!v) continue;
      const schema = convert(v.schema, "input");
      if (v.target === "json") {
        const generated = doc && doc.requestExample === undefined ? exampleOf(schema, schemas) : undefined;
        const example =
          doc?.requestExample !== undefined ? doc.requestExample : generated !== undefined && v.schema.safeParse(generated).success ? generated : undefined;
        requestBody = { required: true, content: { "application/json": { schema, ...(example !== undefined ? { example } : {}) } } };
      } else {
        const props = (schema.properties ?? {}) as Record<string, JsonSchema>;
        const required = new Set((schema.required as string[] | undefined) ?? []);
        for (const [name, s] of Object.entries(props)) {
          if (v.target === "param" && !pathParams.includes(name)) continue;
          const { description, ...rest } = s;
          parameters.push({
            name,
            in: v.target === "param" ? "path" : "query",
            required: v.target === "param" || required.has(name),
            ...(description ? { description } : {}),
            schema: rest,
          });
        }
      }
    }
    for (const name of pathParams) {
      if (!parameters.some((p) => p.in === "path" && p.name === name)) parameters.push({ name, in: "path", required: true, schema: { type: "string" } });
    }
    const segments = path.split("/").filter((s) => s && !s.startsWith("{"));
    const tag = path.startsWith("/webhooks/")
      ? "webhooks"
      : segments[2] === "workspaces" && segments[3]
        ? segments[3]
        : (segments[2] ?? segments[0] ?? "platform");
    let operationId = doc?.operationId ?? `${op.method.toLowerCase()}${camel(path)}`;
    for (let n = 2; usedIds.has(operationId); n++) operationId = `${doc?.operationId ?? `${op.method.toLowerCase()}${camel(path)}`}${n}`;
    usedIds.add(operationId);
    const answers: Record<string, unknown> = {};
    const mediaType = (r: RouteResponse, contentType: string) => {
      const schema = r.schema
        ? convert(r.schema, "output")
        : contentType.startsWith("image/") || contentType === "application/octet-stream"
          ? { type: "string", contentMediaType: contentType }
          : { type: "string" };
      // a generated example is shown only when the contract itself accepts it
      const generated = r.example === undefined && r.schema && /json/.test(contentType) ? exampleOf(schema, schemas) : undefined;
      const example = r.example !== undefined ? r.example : generated !== undefined && r.schema!.safeParse(generated).success ? generated : undefined;
      return { schema, ...(example !== undefined ? { example } : {}) };
    };
    if (doc) {
      for (const [status, r] of Object.entries(doc.responses)) {
        const contentType = r.contentType ?? "application/json";
        const hasContent = r.schema || r.contentType || r.example !== undefined;
        answers[status] = {
          description: r.description,
          ...(r.headers
            ? { headers: Object.fromEntries(Object.entries(r.headers).map(([name, description]) => [name, { description, schema: { type: "string" } }])) }
            : {}),
          ...(hasContent ? { content: { [contentType]: mediaType(r, contentType) } } : {}),
        };
      }
      for (const status of problemStatuses(doc, op.path, !!requestBody)) answers[String(status)] ??= problemRef(status);
      answers["5XX"] = problemRef("5XX");
    } else {
      answers["2XX"] = { description: "Success", content: { "application/json": { schema: {} } } };
      answers["4XX"] = problemRef("4XX");
      answers["5XX"] = problemRef("5XX");
    }
    const pathItem = paths[path] ?? {};
    paths[path] = pathItem;
    pathItem[op.method.toLowerCase()] = {
      operationId,
      summary: doc?.summary ?? `${op.method} ${path}`,
      ...(doc?.description ? { description: doc.description } : {}),
      tags: doc?.tags ?? [tag],
      ...(doc?.deprecated ? { deprecated: true } : {}),
      ...(doc?.security ? { security: SECURITY[doc.security] } : {}),
      ...(parameters.length ? { parameters } : {}),
      ...(requestBody ? { requestBody } : {}),
      responses: answers,
    };
  }
  const problem = convert(problemSchema, "output");
  return {
    openapi: "3.1.0",
    info: {
      title: "NeighbourHood API",
      version: "1.0.0",
      description:
        "Workspaces, workflows, webhooks, integrations, events, notifications and leads.\n\n" +
        "**Authentication.** A tenant's server sends an API key (`Authorization: Bearer nhood_sk_live_…`, scoped); a person signs in " +
        "(`POST /api/v1/auth/login`) and sends the access token, or the browser sends the `nh_at` cookie plus the `X-CSRF-Token` header on writes.\n\n" +
        "**Errors** are RFC 9457 problem details (`application/problem+json`); bad input is a 400 whose `errors` name each field at fault.\n\n" +
        "**Lists** are keyset-paginated: pass `next_cursor` back as `?cursor=`.",
    },
    servers: [{ url: "/" }],
    security: SECURITY.any,
    tags: [...new Set(Object.values(paths).flatMap((ops) => Object.values(ops).flatMap((o) => (o as { tags: string[] }).tags)))]
      .sort()
      .map((name) => ({ name })),
    components: {
      securitySchemes: {
        apiKey: { type: "http", scheme: "bearer", description: "An API key of a workspace (`nhood_sk_live_…` or `nhood_sk_test_…`), with scopes" },
        accessToken: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "JWT",
          description: "A person's access token from `POST /api/v1/auth/login` (15 minutes; renew with `POST /api/v1/auth/refresh`)",
        },
        cookie: { type: "apiKey", in: "cookie", name: "nh_at", description: "Browser session; writes also need the X-CSRF-Token header" },
        publishableKey: {
          type: "http",
          scheme: "bearer",
          description: "The client SDK: a workspace's publishable key (`nhood_pk_…`), only with the three X-Nhood headers (decision 027)",
        },
        clientWorkspace: { type: "apiKey", in: "header", name: "X-Nhood-Workspace", description: "The workspace id (client SDK)" },
        clientUser: { type: "apiKey", in: "header", name: "X-Nhood-User", description: "The end user's externalUserId (client SDK)" },
        clientUserHash: {
          type: "apiKey",
          in: "header",
          name: "X-Nhood-User-Hash",
          description: "hex(HMAC-SHA256(user-hash secret, externalUserId)), computed by the tenant's backend (client SDK)",
        },
      },
      schemas: {
        ...Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b))),
        Problem: "$ref" in problem ? (schemas.Problem ?? problem) : problem,
      },
      responses: Object.fromEntries(Object.entries(responses).sort(([a], [b]) => a.localeCompare(b))),
    },
    paths: Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b))),
  };
}
