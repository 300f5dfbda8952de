import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Validator } from "@seriousme/openapi-schema-validator";
import { openHarness, type Harness } from "../../testing/harness";

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(async () => {
  await h.close();
});

interface Doc {
  openapi: string;
  paths: Record<string, Record<string, { parameters?: { name: string; in: string }[]; requestBody?: unknown }>>;
}

describe("the OpenAPI document", () => {
  it("is valid OpenAPI 3.1", async () => {
    const doc = (await (await h.call("GET", "/api/openapi.json")).json()) as Parameters<Validator["validate"]>[0];
    const result = await new Validator().validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect((doc as unknown as Doc).openapi).toBe("3.1.0");
  });

  it("lists every public route of the app, with the contracts' parameters and bodies", async () => {
    const doc = (await (await h.call("GET", "/api/openapi.json")).json()) as Doc;
    const routes = h.app.routes.filter(
      (r) => r.method !== "ALL" && r.path !== "/api/*" && (r.path.startsWith("/api/") || r.path.startsWith("/webhooks/") || r.path === "/metrics"),
    );
    expect(routes.length).toBeGreaterThan(20);
    for (const r of routes) {
      const path = r.path.replace(/:([A-Za-z0-9_]+)(\{[^}]*\})?/g, "{$1}").replace(/\/\*$/, "/{path}");
      expect(doc.paths[path]?.[r.method.toLowerCase()], `${r.method} ${path}`).toBeDefined();
    }
    const create = doc.paths["/api/v1/workspaces/{workspace_id}/api-keys"]!.post!;
    expect(create.parameters).toContainEqual(expect.objectContaining({ name: "workspace_id", in: "path" }));
    expect(JSON.stringify(create.requestBody)).toContain("scopes");
    expect(JSON.stringify(doc.paths["/api/v1/admin/workspaces"]!.get!.parameters)).toContain("cursor");
  });

  it("has a browsable reference (Scalar) that loads nothing from another origin", async () => {
    const page = await h.call("GET", "/api/docs");
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('src="/api/docs/scalar.js"');
    expect(html).toContain("/api/openapi.json");
    // every script and stylesheet comes from our origin; no web fonts from fonts.scalar.com
    expect(html.match(/(?:src|href)="https?:\/\/[^"]+"/g) ?? []).toEqual([]);
    expect(html).toContain('"withDefaultFonts": false');
    expect(html).toContain('"disabled": true'); // the agent, which searches Scalar's hosted registry
    const csp = page.headers.get("content-security-policy")!;
    expect(csp).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/=]+'/);
    expect(csp).not.toContain("unsafe-eval");
    const bundle = await h.call("GET", "/api/docs/scalar.js");
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get("content-type")).toContain("javascript");
    expect((await bundle.arrayBuffer()).byteLength).toBeGreaterThan(1_000_000);
  });
});
