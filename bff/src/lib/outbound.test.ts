import { afterAll, beforeAll, afterEach, describe, expect, it } from "vitest";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { guardedFetch, isAddressAllowed, OutboundBlocked, OutboundFailed } from "./outbound";

let server: http.Server;
let port = 0;
let hits = 0;
beforeAll(async () => {
  server = http.createServer((req, res) => {
    hits++;
    if (req.url === "/redirect-to-ip") {
      res.writeHead(302, { location: `http://127.0.0.1:${port}/secret` });
      res.end();
      return;
    }
    if (req.url === "/big") {
      res.end("x".repeat(5000));
      return;
    }
    if (req.url === "/slow") {
      setTimeout(() => res.end("late"), 2000);
      return;
    }
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ ok: true, method: req.method }));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
afterEach(() => {
  delete process.env.NH_OUTBOUND_ALLOWLIST;
});

describe("the SSRF guard", () => {
  const blocked = [
    "http://127.0.0.1:PORT/",
    "http://localhost:PORT/",
    "http://2130706433:PORT/",
    "http://0177.0.0.1:PORT/",
    "http://0x7f.0.0.1:PORT/",
    "http://[::1]:PORT/",
    "http://[::ffff:127.0.0.1]:PORT/",
    "http://169.254.169.254/latest/meta-data/",
    "http://10.0.0.1/",
    "http://192.168.1.1/",
    "http://172.16.0.1/",
    "http://100.64.0.1/",
    "http://[fd00::1]/",
    "http://0.0.0.0:PORT/",
    "file:///etc/passwd",
    "http://user:pass@example.com/",
  ];
  for (const raw of blocked) {
    it(`refuses ${raw} without connecting`, async () => {
      const before = hits;
      await expect(guardedFetch(raw.replace("PORT", String(port)), { timeoutMs: 2000 })).rejects.toBeInstanceOf(OutboundBlocked);
      expect(hits).toBe(before);
    });
  }

  it("refuses the whole list and a redirect into the private network, making 0 connections (figure)", async () => {
    const before = hits;
    let refused = 0;
    for (const raw of blocked) {
      if (
        await guardedFetch(raw.replace("PORT", String(port)), { timeoutMs: 2000 }).then(
          () => false,
          (e) => e instanceof OutboundBlocked,
        )
      )
        refused++;
    }
    process.env.NH_OUTBOUND_ALLOWLIST = "localhost"; // the first hop is allowed, the redirect to 127.0.0.1 is not
    const redirectRefused = await guardedFetch(`http://localhost:${port}/redirect-to-ip`).then(
      () => false,
      (e) => e instanceof OutboundBlocked,
    );
    const internalHits = hits - before - 1; // the allowed first hop is the one expected hit
    console.log(
      JSON.stringify({
        figure: "ssrf_guard",
        hostile_urls: blocked.length + 1,
        refused: refused + (redirectRefused ? 1 : 0),
        connections_to_internal_targets: internalHits,
      }),
    );
    expect({ refused, redirectRefused, internalHits }).toEqual({ refused: blocked.length, redirectRefused: true, internalHits: 0 });
  });

  it("classifies addresses", () => {
    expect(isAddressAllowed("93.184.216.34")).toBe(true);
    expect(isAddressAllowed("2606:2800:220:1:248:1893:25c8:1946")).toBe(true);
    expect(isAddressAllowed("169.254.169.254")).toBe(false);
    expect(isAddressAllowed("::ffff:10.1.2.3")).toBe(false);
  });

  it("lets an operator allow-list internal targets by host or CIDR", async () => {
    process.env.NH_OUTBOUND_ALLOWLIST = "127.0.0.0/8";
    const res = await guardedFetch(`http://127.0.0.1:${port}/x`, { method: "POST", body: "{}" });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ ok: true, method: "POST" });
    process.env.NH_OUTBOUND_ALLOWLIST = "localhost";
    expect((await guardedFetch(`http://localhost:${port}/x`)).status).toBe(200);
  });

  it("checks every redirect hop", async () => {
    process.env.NH_OUTBOUND_ALLOWLIST = "localhost";
    const before = hits;
    await expect(guardedFetch(`http://localhost:${port}/redirect-to-ip`)).rejects.toBeInstanceOf(OutboundBlocked);
    expect(hits).toBe(before + 1);
  });

  it("cuts large responses and times out slow ones", async () => {
    process.env.NH_OUTBOUND_ALLOWLIST = "127.0.0.1/32";
    const big = await guardedFetch(`http://127.0.0.1:${port}/big`, { maxBytes: 1000 });
    expect(big.truncated).toBe(true);
    expect(big.body).toHaveLength(1000);
    await expect(guardedFetch(`http://127.0.0.1:${port}/slow`, { timeoutMs: 200 })).rejects.toBeInstanceOf(OutboundFailed);
  });
});
