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

let h: Harness;
beforeAll(async () => { h = await openHarness(); });
afterAll(async () => { await h.close(); });

interface Answer { description: string; content?: Record<string, { schema?: Record<string, unknown> }>; $ref?: string }
interface Operation { operationId?: string; summary?: string; description?: string; tags?: string[]; responses: Record<string, Answer> }
interface Doc { openapi: string; paths: Record<string, Record<string, Operation>>; components: { responses: Record<string, Answer> } }

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
          const typed = status === "204" || /^3/.test(status) || (content.length > 0 && content.every(([type, m]) => !/json/.test(type) || (m.schema && Object.keys(m.schema).length > 0)));
          const explicitNoBody = !a.content && !!a.description;
          if (!typed && !explicitNoBody) gaps.push(`${name}: ${status} has no schema`);
        }
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
});
