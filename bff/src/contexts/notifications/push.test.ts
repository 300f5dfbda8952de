/**
 * Web Push: a member's browser subscription receives a VAPID-signed (RFC 8292), aes128gcm
 * encrypted (RFC 8291) message from a rule with the push channel. The push service is a real
 * local HTTPS server (self-signed certificate made with openssl for the test).
 */
import https from "node:https";
import { createECDH, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importJWK, jwtVerify } from "jose";
import { openHarness, type Harness } from "../../testing/harness";
import { expectProblem, pointers } from "../../testing/fixtures";
import { settle, workspaceOnPlan } from "../../testing/notifications";
import { selfSignedCert } from "./testing/push-services";

let h: Harness;
let server: https.Server;
let base = "";
const received: { path: string; headers: Record<string, string | string[] | undefined>; bytes: number }[] = [];
const statusFor = new Map<string, number>();

beforeAll(async () => {
  process.env.NH_OUTBOUND_ALLOWLIST = "127.0.0.1/32";
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0"; // the local push service's certificate is self-signed
  h = await openHarness();
  server = https.createServer(selfSignedCert(), (req, res) => {
    let bytes = 0;
    req.on("data", (d: Buffer) => (bytes += d.length));
    req.on("end", () => {
      received.push({ path: req.url!, headers: req.headers, bytes });
      res.writeHead(statusFor.get(req.url!) ?? 201).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `https://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(async () => {
  server.close();
  await h.close();
});

function browserKeys() {
  const ecdh = createECDH("prime256v1");
  return { p256dh: ecdh.generateKeys().toString("base64url"), auth: randomBytes(16).toString("base64url") };
}

describe("Web Push", () => {
  it("sends a VAPID-signed, encrypted message to the recipient's subscription", async () => {
    const ws = await workspaceOnPlan(h, "starter");
    const { public_key } = (await (await h.call("GET", "/api/v1/notifications/push/public-key", { token: ws.token })).json()) as { public_key: string };
    const again = (await (await h.call("GET", "/api/v1/notifications/push/public-key", { token: ws.token })).json()) as { public_key: string };
    expect(again.public_key).toBe(public_key);
    const sub = await h.call("POST", "/api/v1/notifications/push/subscriptions", {
      token: ws.token,
      body: { endpoint: `${base}/push/ok`, keys: browserKeys() },
    });
    expect(sub.status).toBe(201);
    await h.call("POST", "/api/v1/rules", {
      token: ws.token,
      body: { name: "push", condition: "true", target_roles: ["owner"], title_template: "Pushed", channels: ["push"] },
    });
    await h.call("POST", "/api/v1/events", { token: ws.apiKey, body: { type: "x" } });
    await settle(h, async () => received.some((r) => r.path === "/push/ok"));
    const r = received.find((x) => x.path === "/push/ok")!;
    expect(r.headers["content-encoding"]).toBe("aes128gcm");
    expect(r.bytes).toBeGreaterThan(86); // header block + ciphertext, never the plain JSON
    const [, jwt, k] = /^vapid t=([^,]+), k=(.+)$/.exec(String(r.headers.authorization))!;
    expect(k).toBe(public_key);
    const point = Buffer.from(public_key, "base64url");
    const key = await importJWK(
      { kty: "EC", crv: "P-256", x: point.subarray(1, 33).toString("base64url"), y: point.subarray(33).toString("base64url") },
      "ES256",
    );
    const { payload } = await jwtVerify(jwt!, key, { audience: base });
    expect(payload.sub).toMatch(/^mailto:/);
    await settle(
      h,
      async () =>
        (await h.owner`select 1 from notification_deliveries where workspace_id = ${ws.workspaceId} and channel = 'push' and status = 'delivered'`).length ===
        1,
    );
  });

  it("drops a subscription the push service says is gone, and refuses private or non-https endpoints", async () => {
    const ws = await workspaceOnPlan(h, "starter");
    statusFor.set("/push/gone", 410);
    await h.call("POST", "/api/v1/notifications/push/subscriptions", { token: ws.token, body: { endpoint: `${base}/push/gone`, keys: browserKeys() } });
    await h.call("POST", "/api/v1/rules", {
      token: ws.token,
      body: { name: "push", condition: "true", target_roles: ["owner"], title_template: "Pushed", channels: ["push"] },
    });
    await h.call("POST", "/api/v1/events", { token: ws.apiKey, body: { type: "x" } });
    await settle(
      h,
      async () =>
        (await h.owner`select 1 from push_subscriptions where workspace_id = ${ws.workspaceId}`).length === 0 && received.some((r) => r.path === "/push/gone"),
    );
    for (const endpoint of ["https://10.1.2.3/push", "http://push.example.com/x"]) {
      const res = await h.call("POST", "/api/v1/notifications/push/subscriptions", { token: ws.token, body: { endpoint, keys: browserKeys() } });
      expect(pointers(await expectProblem(res, 400))).toContain("#/endpoint");
    }
    await expectProblem(await h.call("GET", "/api/v1/notifications/push/public-key", { token: ws.apiKey }), 403);
  });
});
