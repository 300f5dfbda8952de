/**
 * Web Push in a real browser. A rule with the push channel fires on an event sent with the API
 * key; the BFF sends the VAPID-signed, aes128gcm-encrypted message (RFC 8291/8292) to the
 * member's subscription; the push service — a local HTTPS server standing in for the browser
 * vendor's, which this network cannot reach — decrypts it with the subscription's keys
 * (`http_ece`) and hands it to the project portal's service worker in Chromium (DevTools
 * Protocol `ServiceWorker.deliverPushMessage`, what a push service's delivery does); the worker
 * shows the notification. Only the vendor's transport is replaced: Chromium subscribes through
 * Google's service, so the subscription is made with keys this test holds.
 */
import { createECDH, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import https from "node:https";
import path from "node:path";
import { expect, test } from "@playwright/test";
import ece from "http_ece";
import { api, expectPortalReady, signIn } from "./support";

const WORKER = "/remotes/project/push-sw.js";

test("a rule's Web Push message reaches the portal's service worker and is shown as a notification", async ({ page, context, baseURL }) => {
  const tag = Date.now().toString(36);
  // the subscription's keys (what the browser would make): P-256 key pair and a 16-byte auth secret
  const browserKey = createECDH("prime256v1");
  browserKey.generateKeys();
  const auth = randomBytes(16);
  const received: { headers: Record<string, unknown>; plain: string }[] = [];
  const tls = process.env.NHOOD_E2E_PUSH_TLS!;
  const pushService = https.createServer({ key: readFileSync(path.join(tls, "key.pem")), cert: readFileSync(path.join(tls, "cert.pem")) }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (d: Buffer) => chunks.push(d));
    req.on("end", () => {
      const plain = ece
        .decrypt(Buffer.concat(chunks), { version: "aes128gcm", privateKey: browserKey, authSecret: auth.toString("base64url") })
        .toString("utf8");
      received.push({ headers: req.headers, plain });
      res.writeHead(201).end();
    });
  });
  await new Promise<void>((r) => pushService.listen(0, "127.0.0.1", r));
  const endpoint = `https://127.0.0.1:${(pushService.address() as { port: number }).port}/push/${tag}`;

  try {
    await context.grantPermissions(["notifications"], { origin: baseURL });
    await signIn(page, "owner@acme.test");
    await expect(page).toHaveURL(/\/(developer|employee|project)/);
    await page.goto("/project/inbox");
    await expectPortalReady(page, "project");
    // the service worker the portal's "browser notifications" switch registers
    await page.evaluate(async (url) => {
      await navigator.serviceWorker.register(url, { scope: "/remotes/project/" });
    }, WORKER);
    const cdp = await context.newCDPSession(page);
    const registrationId = new Promise<string>((resolve) => {
      cdp.on("ServiceWorker.workerVersionUpdated", ({ versions }) => {
        const active = versions.find((v) => v.scriptURL.endsWith(WORKER) && v.status === "activated");
        if (active) resolve(active.registrationId);
      });
    });
    await cdp.send("ServiceWorker.enable");

    await api(page, "POST", "/api/v1/notifications/push/subscriptions", {
      endpoint,
      keys: { p256dh: browserKey.getPublicKey().toString("base64url"), auth: auth.toString("base64url") },
    });
    const me = await api<{ workspace: { id: string } }>(page, "GET", "/api/v1/me");
    await api(page, "POST", "/api/v1/rules", {
      name: `Push ${tag}`,
      condition: `event.type == "push.e2e.${tag}"`,
      target_roles: ["owner"],
      title_template: "Order {{ event.payload.order }} needs you",
      message_template: "Amount {{ event.payload.amount }}",
      channels: ["push"],
    });
    const key = await api<{ key: string }>(page, "POST", `/api/v1/workspaces/${me.workspace.id}/api-keys`, { name: `e2e push ${tag}`, scopes: ["events"] });
    const sent = await page.request.post("/api/v1/events", {
      headers: { authorization: `Bearer ${key.key}` },
      data: { type: `push.e2e.${tag}`, payload: { order: tag, amount: 42 } },
    });
    expect(sent.status()).toBe(202);

    await expect.poll(() => received.length, { timeout: 20_000 }).toBe(1);
    expect(String(received[0]!.headers.authorization)).toMatch(/^vapid t=.+, k=.+$/);
    const message = JSON.parse(received[0]!.plain) as { title: string; message: string };
    expect(message).toMatchObject({ title: `Order ${tag} needs you`, message: "Amount 42" });

    // the push service delivers it to the browser
    await cdp.send("ServiceWorker.deliverPushMessage", { origin: new URL(baseURL!).origin, registrationId: await registrationId, data: received[0]!.plain });
    await expect
      .poll(
        () =>
          page.evaluate(async (url) => {
            const reg = await navigator.serviceWorker.getRegistration(url);
            return (await reg!.getNotifications()).map((n) => ({ title: n.title, body: n.body }));
          }, WORKER),
        { timeout: 10_000 },
      )
      .toEqual([{ title: `Order ${tag} needs you`, body: "Amount 42" }]);
  } finally {
    pushService.close();
  }
});
