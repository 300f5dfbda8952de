/**
 * The SSRF guard: literal private and reserved addresses in every spelling the URL parser accepts,
 * DNS names resolving to loopback, redirects into the private network, and the explicit test
 * allowance for a loopback server. Also `http.request` and custom-provider registration through it.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { assertPublicUrl, BlockedUrl, guardedRequest } from "./ssrf";
import { startProviderServer, type ProviderServer } from "./test-support";

let local: ProviderServer;
beforeAll(async () => {
  local = await startProviderServer();
});
afterAll(async () => {
  await local.close();
});
afterEach(() => {
  delete process.env.NH_OUTBOUND_ALLOWLIST;
});

describe("assertPublicUrl", () => {
  const blocked = [
    "http://127.0.0.1/",
    "http://localhost:8080/",
    "http://10.0.0.8/",
    "http://172.16.3.4/",
    "http://192.168.1.1/",
    "http://169.254.169.254/latest/meta-data/",
    "http://[::1]/",
    "http://[::ffff:127.0.0.1]/",
    "http://[fd00::1]/",
    "http://[fe80::1]/",
    "http://2130706433/",
    "http://0177.0.0.1/",
    "http://0x7f.0.0.1/",
    "http://017700000001/",
    "http://0.0.0.0/",
    "http://100.64.0.1/",
    "file:///etc/passwd",
    "gopher://example.com/",
    "http://user:pass@example.com/",
  ];
  for (const url of blocked) {
    it(`blocks ${url}`, async () => {
      await expect(assertPublicUrl(url)).rejects.toBeInstanceOf(BlockedUrl);
    });
  }

  it("blocks a DNS name by the addresses it resolves to", async () => {
    await expect(assertPublicUrl("http://localhost/")).rejects.toThrow(/resolves to (127\.0\.0\.1|::1), not a public address/);
  });

  it("accepts a public address", async () => {
    await expect(assertPublicUrl("https://93.184.215.14/x")).resolves.toBeInstanceOf(URL);
  });
});

describe("guardedRequest", () => {
  it("refuses a loopback server unless explicitly allowed", async () => {
    await expect(guardedRequest({ method: "GET", url: `${local.url}/x` })).rejects.toBeInstanceOf(BlockedUrl);
    process.env.NH_OUTBOUND_ALLOWLIST = "127.0.0.1";
    local.respond(() => ({ json: { hello: "world" } }));
    const res = await guardedRequest({ method: "GET", url: `${local.url}/x` });
    expect([res.status, JSON.parse(res.body)]).toEqual([200, { hello: "world" }]);
  });

  it("refuses a redirect to the metadata address", async () => {
    process.env.NH_OUTBOUND_ALLOWLIST = "127.0.0.1";
    local.respond(() => ({ status: 302, headers: { location: "http://169.254.169.254/latest/meta-data/" }, text: "" }));
    await expect(guardedRequest({ method: "GET", url: `${local.url}/redirect` })).rejects.toBeInstanceOf(BlockedUrl);
  });

  it("follows an allowed redirect (303 turns into GET)", async () => {
    process.env.NH_OUTBOUND_ALLOWLIST = "127.0.0.1";
    local.respond((r) => (r.path === "/start" ? { status: 303, headers: { location: "/end" }, text: "" } : { json: { method: r.method } }));
    const res = await guardedRequest({ method: "POST", url: `${local.url}/start`, body: "x" });
    expect(JSON.parse(res.body)).toEqual({ method: "GET" });
  });
});
