/**
 * The client SDK (packages/client-sdk) against a live BFF over HTTP, as a tenant's app uses it
 * on the demo workspace's example inbox: sign a user (the demo signer), register them with the
 * demo role, receive the seeded rule's notification over the SDK's own fetch-based SSE reader,
 * play its sound through the play hook (the real file, fetched with the SDK's credentials), list,
 * count, acknowledge, set preferences; and a forged hash is an ApiError 401.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serve } from "@hono/node-server";
import type { AddressInfo } from "node:net";
import { ApiError, init, type InboxNotification } from "@nhood/client-sdk";
import { DEMO_INBOX_EVENT, DEMO_INBOX_ROLE } from "@nhood/contracts/client-sdk";
import { openHarness, type Harness } from "./testing/harness";
import { settle } from "./testing/notifications";

let h: Harness;
let server: ReturnType<typeof serve>;
let baseUrl: string;
let apiKey: string;

beforeAll(async () => {
  h = await openHarness();
  server = serve({ fetch: h.app.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise((r) => server.once("listening", r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const token = await h.signIn("owner@acme.test");
  const key = await h.call("POST", `/api/v1/workspaces/${h.acmeId}/api-keys`, { token, body: { name: "sdk test", scopes: ["events"] } });
  expect(key.status).toBe(201);
  apiKey = ((await key.json()) as { key: string }).key;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  await h.close();
});

describe("client SDK against the BFF", () => {
  it("registers, receives in real time with its sound, lists, counts, acknowledges and sets preferences", async () => {
    const session = (await (
      await fetch(`${baseUrl}/api/v1/examples/inbox/session`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ externalUserId: "sdk_visitor" }),
      })
    ).json()) as { workspace_id: string; publishable_key: string; user_hash: string; role: string };
    const played: { id: string; bytes: number; type: string | null }[] = [];
    const nh = init({
      publishableKey: session.publishable_key,
      workspaceId: session.workspace_id,
      user: { externalUserId: "sdk_visitor", userHash: session.user_hash },
      baseUrl,
      sounds: {
        player: async (s) => {
          const res = await s.fetch(s.url, { headers: s.headers });
          played.push({ id: s.id, bytes: (await res.arrayBuffer()).byteLength, type: res.headers.get("content-type") });
        },
      },
    });
    const user = await nh.users.register({ name: "SDK Visitor", roles: [session.role] });
    expect(user).toMatchObject({ external_user_id: "sdk_visitor", roles: [DEMO_INBOX_ROLE], created: true });

    const hooked: string[] = [];
    nh.sounds.onPlay((id) => hooked.push(id));
    const received: InboxNotification[] = [];
    const ready = new Promise<void>((resolve) => {
      // the stream is ready once the ready event went by; a probe listener cannot see it, so wait a moment after subscribing
      setTimeout(resolve, 500);
    });
    const off = nh.notifications.onReceived((n) => {
      received.push(n);
      void nh.sounds.play(n.sound_id);
    });
    await ready;
    const sent = await h.call("POST", "/api/v1/events", {
      token: apiKey,
      body: { type: DEMO_INBOX_EVENT, payload: { title: "Hello from the SDK test", message: "ding" } },
    });
    expect(sent.status).toBe(202);
    await settle(h, async () => received.length > 0);
    off();
    expect(received[0]).toMatchObject({ title: "Hello from the SDK test", message: "ding" });
    await settle(h, async () => played.length > 0);
    expect(hooked).toEqual([received[0]!.sound_id]);
    expect(played[0]).toMatchObject({ id: received[0]!.sound_id, type: "audio/wav" });
    expect(played[0]!.bytes).toBeGreaterThan(44);

    expect((await nh.notifications.list()).items.map((i) => i.title)).toEqual(["Hello from the SDK test"]);
    expect(await nh.notifications.unreadCount()).toBe(1);
    const acked = await nh.notifications.acknowledge(received[0]!.id);
    expect(acked.acknowledged_at).not.toBeNull();
    expect(await nh.notifications.unreadCount()).toBe(0);
    expect(await nh.preferences.set({ muted_event_types: ["marketing.digest"] })).toEqual({ muted_event_types: ["marketing.digest"], muted_channels: [] });
    expect((await nh.theme()).primary_color).toBe("#0f766e");
    nh.close();
  });

  it("answers a forged signature with ApiError 401 and a field problem with the pointer", async () => {
    const session = (await (
      await fetch(`${baseUrl}/api/v1/examples/inbox/session`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ externalUserId: "sdk_other" }),
      })
    ).json()) as { workspace_id: string; publishable_key: string; user_hash: string };
    const forged = init({
      publishableKey: session.publishable_key,
      workspaceId: session.workspace_id,
      user: { externalUserId: "sdk_visitor", userHash: session.user_hash },
      baseUrl,
    });
    await expect(forged.notifications.unreadCount()).rejects.toMatchObject({ status: 401 });
    const honest = init({
      publishableKey: session.publishable_key,
      workspaceId: session.workspace_id,
      user: { externalUserId: "sdk_other", userHash: session.user_hash },
      baseUrl,
    });
    const err = await honest.users.register({ roles: ["no_such_role"] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).errors.map((e) => e.pointer)).toEqual(["#/roles/0"]);
  });
});
