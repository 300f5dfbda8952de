/**
 * Security headers (issue 18 part 4): every HTML and API answer carries a CSP (no inline script,
 * no eval), nosniff, a Referrer-Policy and no framing; HSTS only over TLS; the client portal's
 * framing exception only when configured. The browser side (no portal logs a CSP violation)
 * is e2e/tests/csp.spec.ts.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openHarness, type Harness } from "../testing/harness";
import { repoRoot } from "../config";
import { API_POLICY, APP_POLICY, HSTS } from "./security-headers";

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(async () => {
  await h.close();
});

const directives = (csp: string | null) =>
  new Map(
    (csp ?? "")
      .split(";")
      .map((d) => d.trim().split(/\s+/) as [string, ...string[]])
      .map(([k, ...v]) => [k, v]),
  );

function expectCommon(res: Response) {
  expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
  expect(res.headers.get("x-frame-options")).toBe("DENY");
  const csp = directives(res.headers.get("content-security-policy"));
  expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
  for (const [, values] of csp) expect(values).not.toContain("'unsafe-eval'");
  return csp;
}

describe("security headers", () => {
  it("an API answer (JSON and problem+json) loads nothing and may not be framed", async () => {
    for (const res of [await h.call("GET", "/api/v1/branding"), await h.call("GET", "/api/v1/no-such-route")]) {
      expectCommon(res);
      expect(res.headers.get("content-security-policy")).toBe(API_POLICY);
      expect(res.headers.get("strict-transport-security")).toBeNull();
    }
  });

  it("the shell's pages and the example inbox get the app policy: scripts from our origin only, no inline script", async () => {
    for (const p of ["/", "/project/rules", "/examples/inbox", "/remotes/project/remoteEntry.js"]) {
      const res = await h.call("GET", p);
      const csp = expectCommon(res);
      expect(res.headers.get("content-security-policy")).toBe(APP_POLICY);
      expect(csp.get("script-src")).toEqual(["'self'"]);
      expect(csp.get("object-src")).toEqual(["'none'"]);
    }
    // the policy holds only while the shell's page has no inline script to allow
    const index = fs.readFileSync(path.join(repoRoot, "apps/shell/public/index.html"), "utf8");
    expect([...index.matchAll(/<script\b(?![^>]*\bsrc=)(?![^>]*type="application\/json")[^>]*>/g)]).toEqual([]);
    expect(index).not.toMatch(/\son[a-z]+=/i);
  });

  it("the API reference keeps its own policy: its one inline script by hash, no framing", async () => {
    const res = await h.call("GET", "/api/docs");
    const csp = expectCommon(res);
    const scripts = csp.get("script-src")!;
    expect(scripts[0]).toBe("'self'");
    expect(scripts.slice(1).every((s) => /^'sha256-[A-Za-z0-9+/=]+'$/.test(s))).toBe(true);
    expect(scripts).not.toContain("'unsafe-inline'");
    // the bundle's zod no longer probes `new Function` (which the policy would report)
    const bundle = await (await h.call("GET", "/api/docs/scalar.js")).text();
    expect(bundle.length).toBeGreaterThan(1_000_000);
    expect(bundle).not.toContain('new Function("")');
  });

  it("sends HSTS only over TLS: X-Forwarded-Proto https, or an https PUBLIC_URL", async () => {
    expect((await h.call("GET", "/api/v1/branding", { headers: { "x-forwarded-proto": "http" } })).headers.get("strict-transport-security")).toBeNull();
    expect((await h.call("GET", "/api/v1/branding", { headers: { "x-forwarded-proto": "https" } })).headers.get("strict-transport-security")).toBe(HSTS);
    const before = process.env.PUBLIC_URL;
    process.env.PUBLIC_URL = "https://app.neighbourhood.example";
    try {
      expect((await h.call("GET", "/")).headers.get("strict-transport-security")).toBe(HSTS);
    } finally {
      if (before === undefined) delete process.env.PUBLIC_URL;
      else process.env.PUBLIC_URL = before;
    }
  });

  it("lets only the configured origins frame the client portal, and nothing else", async () => {
    process.env.CLIENT_PORTAL_FRAME_ANCESTORS = "https://app.tenant.example";
    try {
      const client = await h.call("GET", "/client/connections");
      expect(directives(client.headers.get("content-security-policy")).get("frame-ancestors")).toEqual(["https://app.tenant.example"]);
      expect(client.headers.get("x-frame-options")).toBeNull();
      expectCommon(await h.call("GET", "/project"));
      expectCommon(await h.call("GET", "/api/v1/branding"));
    } finally {
      delete process.env.CLIENT_PORTAL_FRAME_ANCESTORS;
    }
    expectCommon(await h.call("GET", "/client/connections"));
  });
});
