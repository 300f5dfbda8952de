/**
 * Mobile push for a workspace's users (issue 15 part 4, decision 026), against real PostgreSQL and
 * local FCM / APNs services (testing/push-services.ts): the credential routes (encrypted at rest,
 * never answered back, problem+json naming the field, other workspaces refused), and delivery of
 * an end user's notification to each of their push tokens with pruning of dead tokens and
 * follow-up retries of devices that answered 429.
 */
import { createPublicKey, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openHarness, type Harness } from "../../../testing/harness";
import { expectProblem, pointers } from "../../../testing/fixtures";
import { settle, workspaceOnPlan } from "../../../testing/notifications";
import { apnsKey, apnsToken, fcmToken, serviceAccount, startApns, startFcm } from "../testing/push-services";
import { runPushJob } from "../push";
import { resetApns } from "./apns";

let h: Harness;
let fcm: Awaited<ReturnType<typeof startFcm>>;
let apns: Awaited<ReturnType<typeof startApns>>;

beforeAll(async () => {
  process.env.NH_OUTBOUND_ALLOWLIST = "127.0.0.1/32";
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0"; // the local services' certificates are self-signed
  fcm = await startFcm();
  apns = await startApns();
  process.env.FCM_BASE_URL = fcm.base;
  process.env.APNS_SANDBOX_BASE_URL = apns.base;
  h = await openHarness();
});
afterAll(async () => {
  resetApns();
  await fcm.close();
  await apns.close();
  await h.close();
});

type Ws = Awaited<ReturnType<typeof workspaceOnPlan>>;

function fcmBody(project: string) {
  const sa = serviceAccount(project, fcm.tokenUri);
  fcm.accounts.set(sa.json.client_email, { publicKey: sa.publicKey, projectId: project });
  return { service_account: sa.json };
}

function apnsBody() {
  const k = apnsKey();
  const keyId = randomUUID().replace(/-/g, "").slice(0, 10).toUpperCase();
  apns.keys.set(keyId, { teamId: "DEF123GHIJ", publicKey: createPublicKey(k.publicKey.export({ type: "spki", format: "pem" })), topic: "com.acme.app" });
  return { key_p8: k.p8, key_id: keyId, team_id: "DEF123GHIJ", bundle_id: "com.acme.app", environment: "sandbox" as const };
}

async function configure(ws: Ws) {
  const f = fcmBody(`proj-${randomUUID().slice(0, 8)}`);
  const a = apnsBody();
  expect((await h.call("PUT", `/api/v1/workspaces/${ws.workspaceId}/push-credentials/fcm`, { token: ws.token, body: f })).status).toBe(200);
  expect((await h.call("PUT", `/api/v1/workspaces/${ws.workspaceId}/push-credentials/apns`, { token: ws.token, body: a })).status).toBe(200);
  return { fcm: f, apns: a };
}

/** An end user with `tokens`, and a pending push delivery of a notification to them. */
async function pendingPush(ws: Ws, tokens: { platform: "fcm" | "apns"; token: string }[], opts: { sound?: string } = {}) {
  const [user] = await h.owner<{ id: string }[]>`
    insert into end_users (workspace_id, external_user_id) values (${ws.workspaceId}, ${`ext-${randomUUID()}`}) returning id`;
  for (const t of tokens) {
    await h.owner`insert into push_tokens (workspace_id, end_user_id, platform, token) values (${ws.workspaceId}, ${user!.id}, ${t.platform}, ${t.token})`;
  }
  let soundId: string | null = null;
  if (opts.sound) {
    const [sound] = await h.owner<{ id: string }[]>`
      insert into sounds (workspace_id, name, mime_type, size_bytes, data) values (${ws.workspaceId}, ${opts.sound}, 'audio/wav', 4, '\\x52494646') returning id`;
    soundId = sound!.id;
  }
  const [n] = await h.owner<{ id: string }[]>`
    insert into notifications (workspace_id, end_user_id, title, message, priority, sound_id)
    values (${ws.workspaceId}, ${user!.id}, 'Order over 1000', 'Ada ordered for 1250 EUR.', 'critical', ${soundId}) returning id`;
  const [d] = await h.owner<{ id: string }[]>`
    insert into notification_deliveries (workspace_id, notification_id, channel, status) values (${ws.workspaceId}, ${n!.id}, 'push', 'pending') returning id`;
  return { endUserId: user!.id, notificationId: n!.id, deliveryId: d!.id };
}

const tokensOf = async (endUserId: string) =>
  (await h.owner<{ platform: string; token: string }[]>`select platform, token from push_tokens where end_user_id = ${endUserId} order by platform, token`).map(
    (r) => `${r.platform}:${r.token}`,
  );
const deliveryOf = async (id: string) =>
  (
    await h.owner<{ status: string; attempts: number; error: string | null }[]>`select status, attempts, error from notification_deliveries where id = ${id}`
  )[0]!;

describe("push credentials", () => {
  it("sets, reads and clears FCM and APNs credentials, the private keys encrypted and never answered", async () => {
    const ws = await workspaceOnPlan(h, "starter");
    const base = `/api/v1/workspaces/${ws.workspaceId}/push-credentials`;
    expect(await (await h.call("GET", base, { token: ws.token })).json()).toEqual({ fcm: null, apns: null });
    const f = fcmBody("acme-mobile");
    const put = await h.call("PUT", `${base}/fcm`, { token: ws.token, body: f });
    expect(put.status).toBe(200);
    const text = await put.text();
    expect(text).not.toContain("PRIVATE KEY");
    expect(JSON.parse(text)).toEqual({
      fcm: {
        project_id: "acme-mobile",
        client_email: f.service_account.client_email,
        private_key_id: f.service_account.private_key_id,
        token_uri: fcm.tokenUri,
        updated_at: expect.any(String),
      },
      apns: null,
    });
    const a = apnsBody();
    const both = (await (await h.call("PUT", `${base}/apns`, { token: ws.token, body: a })).json()) as Record<string, unknown>;
    expect(both.apns).toEqual({ key_id: a.key_id, team_id: "DEF123GHIJ", bundle_id: "com.acme.app", environment: "sandbox", updated_at: expect.any(String) });
    const read = await (await h.call("GET", base, { token: ws.token })).text();
    expect(read).not.toMatch(/PRIVATE KEY|key_p8|private_key"/);
    const rows = await h.owner<{ provider: string; secret_encrypted: string; settings: Record<string, string> }[]>`
      select provider, secret_encrypted, settings from push_credentials where workspace_id = ${ws.workspaceId} order by provider`;
    expect(rows.map((r) => r.provider)).toEqual(["apns", "fcm"]);
    for (const r of rows) {
      expect(r.secret_encrypted).toMatch(/^v1\./);
      expect(r.secret_encrypted).not.toContain("PRIVATE KEY");
      expect(JSON.stringify(r.settings)).not.toContain("PRIVATE KEY");
    }
    expect((await h.call("DELETE", `${base}/fcm`, { token: ws.token })).status).toBe(204);
    expect((await h.call("DELETE", `${base}/fcm`, { token: ws.token })).status).toBe(204);
    expect(await (await h.call("GET", base, { token: ws.token })).json()).toMatchObject({ fcm: null, apns: { key_id: a.key_id } });
    expect((await h.call("DELETE", `${base}/apns`, { token: ws.token })).status).toBe(204);
    expect(await h.owner`select 1 from push_credentials where workspace_id = ${ws.workspaceId}`).toHaveLength(0);
  });

  it("answers problem+json naming the field at fault", async () => {
    const ws = await workspaceOnPlan(h, "starter");
    const base = `/api/v1/workspaces/${ws.workspaceId}/push-credentials`;
    const f = fcmBody("acme-mobile");
    const cases: [string, unknown, string][] = [
      ["fcm", { service_account: { ...f.service_account, project_id: undefined } }, "#/service_account/project_id"],
      ["fcm", { service_account: { ...f.service_account, type: "authorized_user" } }, "#/service_account/type"],
      ["fcm", { service_account: { ...f.service_account, token_uri: "http://oauth2.googleapis.com/token" } }, "#/service_account/token_uri"],
      // a PEM that is no RSA key (the APNs P-256 key)
      ["fcm", { service_account: { ...f.service_account, private_key: apnsKey().p8 } }, "#/service_account/private_key"],
      ["apns", { ...apnsBody(), key_id: "short" }, "#/key_id"],
      ["apns", { ...apnsBody(), environment: "staging" }, "#/environment"],
      ["apns", { ...apnsBody(), key_p8: f.service_account.private_key }, "#/key_p8"],
      ["apns", { ...apnsBody(), key_p8: "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----" }, "#/key_p8"],
    ];
    for (const [provider, body, pointer] of cases) {
      const p = await expectProblem(await h.call("PUT", `${base}/${provider}`, { token: ws.token, body }), 400);
      expect(pointers(p)).toContain(pointer);
    }
    expect(await h.owner`select 1 from push_credentials where workspace_id = ${ws.workspaceId}`).toHaveLength(0);
  });

  it("refuses API keys and other workspaces; Acme's credentials stay as they were", async () => {
    const acme = await workspaceOnPlan(h, "starter", "Acme Push");
    const globex = await workspaceOnPlan(h, "starter", "Globex Push");
    await configure(acme);
    const before =
      await h.owner`select provider, secret_encrypted, updated_at from push_credentials where workspace_id = ${acme.workspaceId} order by provider`;
    const base = `/api/v1/workspaces/${acme.workspaceId}/push-credentials`;
    for (const token of [globex.token, globex.apiKey, acme.apiKey]) {
      for (const [method, path, body] of [
        ["GET", base, undefined],
        ["PUT", `${base}/fcm`, fcmBody("globex-mobile")],
        ["PUT", `${base}/apns`, apnsBody()],
        ["DELETE", `${base}/fcm`, undefined],
        ["DELETE", `${base}/apns`, undefined],
      ] as const) {
        const res = await h.call(method, path, { token, body });
        expect([403, 404], `${method} ${path}`).toContain(res.status);
        expect(await res.text()).not.toContain("acme");
      }
    }
    expect(
      await h.owner`select provider, secret_encrypted, updated_at from push_credentials where workspace_id = ${acme.workspaceId} order by provider`,
    ).toEqual(before);
    // Globex's own read shows nothing of Acme's
    expect(await (await h.call("GET", `/api/v1/workspaces/${globex.workspaceId}/push-credentials`, { token: globex.token })).json()).toEqual({
      fcm: null,
      apns: null,
    });
  });
});

describe("delivery to an end user's devices", () => {
  it("an event a rule routes to a user role reaches each device of the role's users (users API → rule → event → FCM and APNs)", async () => {
    const ws = await workspaceOnPlan(h, "growth");
    await configure(ws);
    const [phone, tablet, gone] = [fcmToken(), apnsToken(), fcmToken()];
    fcm.devices.add(phone);
    apns.devices.add(tablet);
    expect((await h.call("POST", "/api/v1/roles", { token: ws.apiKey, body: { key: "drivers", name: "Drivers" } })).status).toBe(201);
    const user = await h.call("POST", "/api/v1/users", {
      token: ws.apiKey,
      body: {
        externalUserId: "driver-1",
        roles: ["drivers"],
        pushTokens: [
          { platform: "fcm", token: phone },
          { platform: "apns", token: tablet },
          { platform: "fcm", token: gone },
        ],
      },
    });
    expect(user.status).toBe(201);
    const endUserId = ((await user.json()) as { id: string }).id;
    const rule = await h.call("POST", "/api/v1/rules", {
      token: ws.token,
      body: {
        name: "Rides",
        condition: 'event.type == "ride.assigned"',
        target_user_roles: ["drivers"],
        title_template: "Ride {{ event.payload.ride }}",
        severity: "high",
        channels: ["push"],
      },
    });
    expect(rule.status).toBe(201);
    expect((await h.call("POST", "/api/v1/events", { token: ws.apiKey, body: { type: "ride.assigned", payload: { ride: "R-7" } } })).status).toBeLessThan(300);
    await settle(
      h,
      async () =>
        (await h.owner`select 1 from notification_deliveries where workspace_id = ${ws.workspaceId} and channel = 'push' and status = 'delivered'`).length ===
        1,
    );
    expect(fcm.sends.find((s) => s.message.token === phone)?.message).toMatchObject({
      notification: { title: "Ride R-7" },
      data: { priority: "high" },
      android: { priority: "HIGH" },
    });
    expect(apns.requests.find((r) => r.token === tablet)?.payload).toMatchObject({ aps: { alert: { title: "Ride R-7" } }, priority: "high" });
    expect(await tokensOf(endUserId)).toEqual([`apns:${tablet}`, `fcm:${phone}`].sort());
  });

  it("sends to each push token by platform with title, body, priority and sound, and prunes dead tokens", async () => {
    const ws = await workspaceOnPlan(h, "starter");
    const creds = await configure(ws);
    const [liveFcm, deadFcm, liveApns, goneApns] = [fcmToken(), fcmToken(), apnsToken(), apnsToken()];
    fcm.devices.add(liveFcm);
    apns.devices.add(liveApns);
    apns.gone.add(goneApns);
    const p = await pendingPush(
      ws,
      [
        { platform: "fcm", token: liveFcm },
        { platform: "fcm", token: deadFcm },
        { platform: "apns", token: liveApns },
        { platform: "apns", token: goneApns },
        { platform: "apns", token: "not-hex" },
      ],
      { sound: "cash-register.wav" },
    );
    await runPushJob(h.handles.db, ws.workspaceId, p.deliveryId);

    const sent = fcm.sends.find((s) => s.message.token === liveFcm)!;
    expect(sent.project).toBe(creds.fcm.service_account.project_id);
    expect(sent.message).toMatchObject({
      notification: { title: "Order over 1000", body: "Ada ordered for 1250 EUR." },
      data: { notification_id: p.notificationId, priority: "critical", sound: "cash-register.wav" },
      android: { priority: "HIGH", notification: { sound: "cash-register.wav", notification_priority: "PRIORITY_MAX" } },
    });
    const pushed = apns.requests.find((r) => r.token === liveApns)!;
    expect(pushed.headers["apns-topic"]).toBe("com.acme.app");
    expect(pushed.headers["apns-priority"]).toBe("10");
    expect(pushed.jwtHeader).toMatchObject({ kid: creds.apns.key_id });
    expect(pushed.payload).toMatchObject({
      aps: { alert: { title: "Order over 1000", body: "Ada ordered for 1250 EUR." }, sound: "cash-register.wav", "interruption-level": "time-sensitive" },
      notification_id: p.notificationId,
      priority: "critical",
    });
    // UNREGISTERED (FCM), 410 Unregistered and 400 BadDeviceToken (APNs) are gone; live tokens stay
    expect(await tokensOf(p.endUserId)).toEqual([`apns:${liveApns}`, `fcm:${liveFcm}`].sort());
    expect(await deliveryOf(p.deliveryId)).toMatchObject({ status: "delivered", attempts: 1 });
  });

  it("retries only the device that answered 429 when another took the notification", async () => {
    const ws = await workspaceOnPlan(h, "starter");
    await configure(ws);
    const [busy, fine] = [fcmToken(), apnsToken()];
    fcm.devices.add(busy);
    apns.devices.add(fine);
    fcm.failNext.set(busy, [429]);
    const p = await pendingPush(ws, [
      { platform: "fcm", token: busy },
      { platform: "apns", token: fine },
    ]);
    await runPushJob(h.handles.db, ws.workspaceId, p.deliveryId);
    expect(await deliveryOf(p.deliveryId)).toMatchObject({ status: "delivered" });
    const [job] = await h.owner<{ id: string; run_at: Date; payload: { tokens: unknown[]; attempt: number } }[]>`
      select j.id, j.run_at, j.payload from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id
       where t.identifier = 'notifications.retry_mobile_push' and j.payload ->> 'notification_id' = ${p.notificationId}`;
    expect(job!.payload).toMatchObject({ tokens: [{ platform: "fcm", token: busy }], attempt: 1 });
    // FCM said Retry-After: 7; the follow-up waits at least that long
    expect(job!.run_at.getTime()).toBeGreaterThan(Date.now() + 5_000);
    await h.owner`update graphile_worker._private_jobs set run_at = now() where id = ${job!.id}`;
    await h.runJobs();
    expect(fcm.sends.filter((s) => s.message.token === busy)).toHaveLength(2);
    expect(apns.requests.filter((r) => r.token === fine)).toHaveLength(1);
  });

  it("keeps the delivery pending for the job runner's retry when every device answered 503, and drops it silently without devices", async () => {
    const ws = await workspaceOnPlan(h, "starter");
    await configure(ws);
    const busy = apnsToken();
    apns.devices.add(busy);
    apns.failNext.set(busy, [503]);
    const p = await pendingPush(ws, [{ platform: "apns", token: busy }]);
    await expect(runPushJob(h.handles.db, ws.workspaceId, p.deliveryId)).rejects.toThrow(/ServiceUnavailable/);
    expect(await deliveryOf(p.deliveryId)).toMatchObject({ status: "pending", attempts: 1 });
    await runPushJob(h.handles.db, ws.workspaceId, p.deliveryId);
    expect(await deliveryOf(p.deliveryId)).toMatchObject({ status: "delivered", attempts: 2 });

    // the user's tokens were pruned after the delivery was queued: nothing to send, nothing failed
    const none = await pendingPush(ws, []);
    await runPushJob(h.handles.db, ws.workspaceId, none.deliveryId);
    expect(await h.owner`select 1 from notification_deliveries where id = ${none.deliveryId}`).toHaveLength(0);
    expect(await h.owner`select 1 from domain_events where workspace_id = ${ws.workspaceId} and type = 'notification.failed'`).toHaveLength(0);
  });

  it("a push to a role whose users have no push token queues nothing for them and emits no notification.failed; a real failure still does", async () => {
    const ws = await workspaceOnPlan(h, "growth");
    // no FCM credentials: the one user with a token gets a real failed delivery
    expect((await h.call("POST", "/api/v1/roles", { token: ws.apiKey, body: { key: "riders", name: "Riders" } })).status).toBe(201);
    const device = fcmToken();
    const users = [
      { externalUserId: "rider-1", roles: ["riders"] },
      { externalUserId: "rider-2", roles: ["riders"] },
      { externalUserId: "rider-3", roles: ["riders"], pushTokens: [{ platform: "fcm", token: device }] },
    ];
    for (const body of users) expect((await h.call("POST", "/api/v1/users", { token: ws.apiKey, body })).status).toBe(201);
    const rule = await h.call("POST", "/api/v1/rules", {
      token: ws.token,
      body: { name: "Rides", condition: 'event.type == "ride.assigned"', target_user_roles: ["riders"], title_template: "Ride", channels: ["push"] },
    });
    expect(rule.status).toBe(201);
    expect((await h.call("POST", "/api/v1/events", { token: ws.apiKey, body: { type: "ride.assigned" } })).status).toBeLessThan(300);
    const failed = () =>
      h.owner<{ payload: { error: string } }[]>`select payload from domain_events where workspace_id = ${ws.workspaceId} and type = 'notification.failed'`;
    await settle(h, async () => (await failed()).length > 0);
    // three inbox notifications, one push delivery (rider-3's), one notification.failed (a real refusal)
    expect(await h.owner`select 1 from notifications where workspace_id = ${ws.workspaceId}`).toHaveLength(3);
    const pushes = await h.owner<{ status: string; end_user_id: string }[]>`
      select d.status, n.end_user_id from notification_deliveries d join notifications n on n.id = d.notification_id
       where d.workspace_id = ${ws.workspaceId} and d.channel = 'push'`;
    expect(pushes.map((p) => p.status)).toEqual(["failed"]);
    const [rider3] = await h.owner<{ id: string }[]>`select id from end_users where workspace_id = ${ws.workspaceId} and external_user_id = 'rider-3'`;
    expect(pushes[0]!.end_user_id).toBe(rider3!.id);
    expect((await failed()).map((f) => f.payload.error)).toEqual(["fcm: the workspace has no FCM credentials"]);
  });

  it("fails a device's push when the workspace has no credentials for its platform, without pruning the token", async () => {
    const ws = await workspaceOnPlan(h, "starter");
    const device = fcmToken();
    fcm.devices.add(device);
    const p = await pendingPush(ws, [{ platform: "fcm", token: device }]);
    await runPushJob(h.handles.db, ws.workspaceId, p.deliveryId);
    expect(await deliveryOf(p.deliveryId)).toMatchObject({ status: "failed", error: "fcm: the workspace has no FCM credentials" });
    expect(await tokensOf(p.endUserId)).toEqual([`fcm:${device}`]);
  });
});
