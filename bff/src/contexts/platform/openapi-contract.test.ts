/**
 * The API contract is complete: `/api/openapi.json` is valid OpenAPI 3.1 and every operation says
 * what it does (a summary that is not "METHOD /path", a description, an operationId), what it
 * answers on success (a schema, or an explicit body-less or non-JSON answer) and which RFC 9457
 * problems it answers. That the real answers match these schemas is checked on every request of
 * every integration test (lib/response-validation.ts, on through vitest.config.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Validator } from "@seriousme/openapi-schema-validator";
import { openHarness, type Harness } from "../../testing/harness";
import { requestBodyOf, routeDocOf } from "../../lib/openapi";

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(async () => {
  await h.close();
});

interface Answer {
  description: string;
  content?: Record<string, { schema?: Record<string, unknown>; example?: unknown }>;
  $ref?: string;
}
interface Operation {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  requestBody?: { content?: Record<string, object> };
  responses: Record<string, Answer>;
}
interface Doc {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { responses: Record<string, Answer> };
}

const load = async () => (await (await h.call("GET", "/api/openapi.json")).json()) as Doc;

describe("the API contract", () => {
  it("is valid OpenAPI 3.1", async () => {
    const doc = await load();
    const result = await new Validator().validate(doc as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(doc.openapi).toBe("3.1.0");
  });

  it("documents every operation: summary, description, operationId, typed success and problem answers", async () => {
    const doc = await load();
    const gaps: string[] = [];
    const ids = new Set<string>();
    let count = 0;
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        count++;
        const name = `${method.toUpperCase()} ${path}`;
        if (!op.summary || op.summary === name || /^(GET|POST|PUT|PATCH|DELETE) \//.test(op.summary)) gaps.push(`${name}: no summary`);
        if (!op.description || op.description.length < 20) gaps.push(`${name}: no description`);
        if (!op.operationId) gaps.push(`${name}: no operationId`);
        else if (ids.has(op.operationId)) gaps.push(`${name}: duplicate operationId ${op.operationId}`);
        else ids.add(op.operationId);
        const success = Object.entries(op.responses).filter(([s]) => /^[23]\d\d$/.test(s));
        if (!success.length) gaps.push(`${name}: no documented success status`);
        for (const [status, a] of success) {
          const content = Object.entries(a.content ?? {});
          const typed =
            status === "204" ||
            /^3/.test(status) ||
            (content.length > 0 && content.every(([type, m]) => !/json/.test(type) || (m.schema && Object.keys(m.schema).length > 0)));
          const explicitNoBody = !a.content && !!a.description;
          if (!typed && !explicitNoBody) gaps.push(`${name}: ${status} has no schema`);
          for (const [type, m] of content) if (/json/.test(type) && !("example" in m)) gaps.push(`${name}: ${status} has no example`);
        }
        const body = op.requestBody?.content?.["application/json"];
        if (body && !("example" in body)) gaps.push(`${name}: the request body has no example`);
        const problems = Object.entries(op.responses).filter(([s]) => /^[45]/.test(s));
        // every operation lists the problems it answers by status (a health check has only 503)
        if (!problems.some(([s]) => /^[45]\d\d$/.test(s))) gaps.push(`${name}: no problem answers`);
        for (const [status, a] of problems) {
          const resolved = a.$ref ? doc.components.responses[a.$ref.split("/").pop()!] : a;
          if (!resolved?.content?.["application/problem+json"]) gaps.push(`${name}: ${status} is not a problem+json answer`);
        }
      }
    }
    expect(count).toBeGreaterThan(100);
    expect(gaps).toEqual([]);
  });

  it("shows only examples that the contracts accept", () => {
    const wrong: string[] = [];
    const seen = new Set<string>();
    for (const r of h.app.routes) {
      const key = `${r.method} ${r.path}`;
      if (seen.has(key)) continue;
      const handlers = h.app.routes.filter((x) => x.method === r.method && x.path === r.path).map((x) => x.handler);
      const doc = routeDocOf(handlers);
      if (!doc) continue;
      seen.add(key);
      for (const [status, answer] of Object.entries(doc.responses)) {
        if (answer.schema && answer.example !== undefined) {
          const parsed = answer.schema.safeParse(answer.example);
          if (!parsed.success) wrong.push(`${key} ${status}: ${parsed.error.issues.map((i) => `#/${i.path.join("/")} ${i.message}`).join("; ")}`);
        }
      }
      const body = requestBodyOf(handlers);
      if (body && doc.requestExample !== undefined) {
        const parsed = body.safeParse(doc.requestExample);
        if (!parsed.success) wrong.push(`${key} request: ${parsed.error.issues.map((i) => `#/${i.path.join("/")} ${i.message}`).join("; ")}`);
      }
    }
    expect(seen.size).toBeGreaterThan(100);
    expect(wrong).toEqual([]);
  });
});
