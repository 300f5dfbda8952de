/**
 * The OpenAPI 3.1 document of the BFF, generated from the running app: every route Hono knows
 * (`app.routes`) becomes an operation, and the zod contracts its `validate(...)` middlewares
 * carry become its path/query parameters and JSON request body (zod's JSON Schema output,
 * draft 2020-12, which OpenAPI 3.1 uses as-is). Errors are documented as RFC 9457 problems.
 * A route added anywhere therefore appears without extra bookkeeping.
 */
import type { Hono } from "hono";
import { z, type ZodType } from "zod";
import { validatorSchemas } from "./validate";

type JsonSchema = Record<string, unknown>;

const problem: JsonSchema = {
  type: "object", required: ["type", "title", "status"],
  properties: {
    type: { type: "string" }, title: { type: "string" }, status: { type: "integer" }, detail: { type: "string" },
    instance: { type: "string" }, request_id: { type: "string" },
    errors: { type: "array", items: { type: "object", properties: { pointer: { type: "string" }, detail: { type: "string" } } } },
  },
};

function jsonSchema(schema: ZodType): JsonSchema {
  try {
    const out = z.toJSONSchema(schema, { target: "draft-2020-12", io: "input", unrepresentable: "any" }) as JsonSchema;
    delete out.$schema;
    return out;
  } catch {
    return {};
  }
}

const isPublic = (path: string) => path.startsWith("/api/") || path.startsWith("/webhooks/") || path === "/metrics";

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
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations.values()) {
    // `/webhooks/:workspace_id/*` documents its wildcard as the `path` parameter
    const path = op.path.replace(/:([A-Za-z0-9_]+)(\{[^}]*\})?/g, "{$1}").replace(/\/\*$/, "/{path}");
    const pathParams = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
    const parameters: Record<string, unknown>[] = [];
    let requestBody: unknown;
    for (const h of op.handlers) {
      const v = validatorSchemas.get(h as object);
      if (!v) continue;
      const schema = jsonSchema(v.schema);
      if (v.target === "json") {
        requestBody = { required: true, content: { "application/json": { schema } } };
      } else {
        const props = (schema.properties ?? {}) as Record<string, JsonSchema>;
        const required = new Set((schema.required as string[] | undefined) ?? []);
        for (const [name, s] of Object.entries(props)) {
          if (v.target === "param" && !pathParams.includes(name)) continue;
          parameters.push({ name, in: v.target === "param" ? "path" : "query", required: v.target === "param" || required.has(name), schema: s });
        }
      }
    }
    for (const name of pathParams) {
      if (!parameters.some((p) => p.in === "path" && p.name === name)) parameters.push({ name, in: "path", required: true, schema: { type: "string" } });
    }
    const segments = path.split("/").filter((s) => s && !s.startsWith("{"));
    const tag = path.startsWith("/webhooks/") ? "webhooks" : segments[2] === "workspaces" && segments[3] ? segments[3] : segments[2] ?? segments[0] ?? "platform";
    (paths[path] ??= {})[op.method.toLowerCase()] = {
      operationId: `${op.method.toLowerCase()}${path.replace(/[{}]/g, "").replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ""))}`,
      summary: `${op.method} ${path}`,
      tags: [tag],
      ...(parameters.length ? { parameters } : {}),
      ...(requestBody ? { requestBody } : {}),
      responses: {
        "2XX": { description: "Success", content: { "application/json": { schema: {} } } },
        "4XX": { description: "Bad input, authentication, authorization, not found, conflict or rate limit (RFC 9457)", content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } } },
        "5XX": { description: "Server error (RFC 9457)", content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } } },
      },
    };
  }
  return {
    openapi: "3.1.0",
    info: { title: "NeighbourHood API", version: "1.0.0", description: "Workspaces, workflows, webhooks, integrations, events, notifications and leads. Errors are RFC 9457 problem details." },
    servers: [{ url: "/" }],
    security: [{ bearer: [] }, { cookie: [] }],
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "An API key (`nhood_sk_live_…`) or an access token from sign-in" },
        cookie: { type: "apiKey", in: "cookie", name: "nh_at", description: "Browser session; writes also need the X-CSRF-Token header" },
      },
      schemas: { Problem: problem },
    },
    paths: Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b))),
  };
}
