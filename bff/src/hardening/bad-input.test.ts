/**
 * Bad input on every JSON route (OWASP API8:2023, ASVS 5.0 V2): property-based bodies from
 * fast-check — wrong types, missing fields, huge strings, deep nesting, unicode, extra fields
 * such as `workspace_id`, `role`, `owner_id` — sent to every operation of the generated OpenAPI
 * document with a real session and a real API key of a fresh workspace. Expected: no 5xx, and
 * every 4xx is application/problem+json. Figures are printed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { buildOpenApi } from "../lib/openapi";
import { openHarness, type Harness } from "../testing/harness";
import { signUpWorkspace, type FreshWorkspace } from "../testing/fixtures";

let h: Harness;
let ws: FreshWorkspace;
let session: string;
let admin: string;
let endUser: string;

beforeAll(async () => {
  h = await openHarness();
  ws = await signUpWorkspace(h, "Fuzz Co", "fuzz");
  session = await h.signIn(ws.email, ws.password);
  admin = await h.signIn("admin@neighbourhood.test");
  const cs = (await (await h.call("POST", "/api/v1/connect/sessions", { token: ws.apiKey, body: { end_user_id: "fuzz-user" } })).json()) as { token: string };
  endUser = ((await (await h.call("POST", "/api/v1/connect/exchange", { body: { token: cs.token } })).json()) as { access_token: string }).access_token;
});
afterAll(async () => {
  await h.close();
});

const hostile = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.dictionary(fc.string({ maxLength: 20 }), fc.jsonValue({ maxDepth: 2 })),
  fc.string({ unit: "binary", minLength: 5000, maxLength: 20000 }),
  fc.constantFrom(null, 0, -1, 1e308, "", "\u0000", "💥".repeat(1000), [], [[[[[[[[[[[]]]]]]]]]]]),
  fc.record({
    workspace_id: fc.uuid(),
    role: fc.constantFrom("owner", "super_admin"),
    owner_id: fc.uuid(),
    plan: fc.constant("enterprise"),
    name: fc.string(),
  }),
  fc.letrec((tie) => ({ node: fc.oneof({ depthSize: "small" }, fc.constant(1), fc.record({ a: tie("node") })) })).node,
);

function credentialsFor(path: string): string[] {
  if (path.startsWith("/api/v1/client")) return [endUser];
  if (path.startsWith("/api/v1/admin")) return [admin];
  return [session, ws.apiKey];
}

function fillPath(path: string): string {
  return path.replace(/\{([^}]+)\}/g, (_m, name: string) => (name === "workspace_id" ? ws.workspaceId : name.endsWith("id") ? crypto.randomUUID() : "fuzz"));
}

describe("bad input on every JSON route", () => {
  it("never answers 5xx, and every 4xx is problem+json", async () => {
    const doc = buildOpenApi(h.app) as { paths: Record<string, Record<string, { requestBody?: unknown }>> };
    const ops = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(([, op]) => op.requestBody)
        .map(([method]) => ({ method: method.toUpperCase(), path })),
    );
    expect(ops.length).toBeGreaterThan(15);
    const failures: string[] = [];
    let requests = 0;
    const statuses = new Map<number, number>();
    for (const op of ops) {
      for (const token of credentialsFor(op.path)) {
        await fc
          .assert(
            fc.asyncProperty(hostile, async (body) => {
              const res = await h.call(op.method, fillPath(op.path), { token, body: JSON.stringify(body), headers: { "content-type": "application/json" } });
              requests++;
              statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
              const type = res.headers.get("content-type") ?? "";
              if (res.status >= 500 || (res.status >= 400 && !type.startsWith("application/problem+json"))) {
                failures.push(`${op.method} ${op.path} → ${res.status} ${type} for ${JSON.stringify(body).slice(0, 120)}`);
                return false;
              }
              return true;
            }),
            { numRuns: 12, seed: 20261121 },
          )
          .catch(() => {});
      }
    }
    console.log(
      `bad-input: ${ops.length} JSON operations, ${requests} requests, statuses ${JSON.stringify(Object.fromEntries(statuses))}, ${failures.length} failures`,
    );
    expect(failures).toEqual([]);
  }, 240_000);
});
