/**
 * The headless client's own logic with an injected transport (as a React Native app injects
 * one): SSE parsing, one stream for all listeners, resume after the last event id on a dropped
 * connection, the credentials on every call, problem+json as ApiError, the sounds.play hook.
 * The same client against the real BFF: bff/src/client-sdk.test.ts.
 */
import { describe, expect, it, vi } from "vitest";
import { ApiError, init, SseParser, type EventSourceLike, type StreamMessage } from "./index";

const user = { externalUserId: "ada", userHash: "ab".repeat(32) };
const opts = { publishableKey: "nhood_pk_test", workspaceId: "0b7c4c1e-5b8a-4d2e-9f61-2a7d3c9e8b10", user, baseUrl: "https://api.example.com" };
const item = (id: string, seq: number) => ({
  id,
  seq,
  title: `T${seq}`,
  message: "",
  priority: "normal",
  rule_id: null,
  event_id: null,
  sound_id: "snd",
  read_at: null,
  acknowledged_at: null,
  archived_at: null,
  created_at: "2026-12-07T10:00:00.000Z",
});

class FakeSource implements EventSourceLike {
  onerror: ((e: unknown) => void) | null = null;
  closed = false;
  private listeners = new Map<string, ((m: StreamMessage) => void)[]>();
  constructor(
    readonly url: string,
    readonly headers: Record<string, string>,
  ) {}
  addEventListener(type: string, l: (m: StreamMessage) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), l]);
  }
  emit(type: string, data: unknown, lastEventId = "") {
    for (const l of this.listeners.get(type) ?? []) l({ type, data: JSON.stringify(data), lastEventId });
  }
  close() {
    this.closed = true;
  }
}

describe("SseParser", () => {
  it("parses frames split across chunks, multi-line data, comments and CRLF", () => {
    const p = new SseParser();
    expect(p.push(": keep-alive\n\nevent: notif")).toEqual([]);
    expect(p.push('ication\r\ndata: {"a":\r\ndata: 1}\r\nid: 7\r\n\r\nevent: ready\ndata: x\n\n')).toEqual([
      { type: "notification", data: '{"a":\n1}', lastEventId: "7" },
      { type: "ready", data: "x", lastEventId: "7" },
    ]);
  });
});

describe("init", () => {
  it("refuses a secret key or a missing user signature", () => {
    expect(() => init({ ...opts, publishableKey: "nhood_sk_live_x" })).toThrow(TypeError);
    expect(() => init({ ...opts, user: { externalUserId: "ada", userHash: "" } })).toThrow(/userHash/);
  });

  it("sends the key, workspace, user and hash on every call and turns problem+json into ApiError", async () => {
    const calls: { url: string; init: RequestInit }[] = [];
    const fetch = vi.fn(async (url: string | URL | Request, init?: RequestInit) => {
      calls.push({ url: String(url), init: init! });
      if (String(url).endsWith("/unread-count")) return new Response(JSON.stringify({ unread: 3 }), { status: 200 });
      return new Response(JSON.stringify({ title: "Bad Request", detail: "Invalid input", errors: [{ pointer: "#/roles/0", detail: "unknown" }] }), {
        status: 400,
        headers: { "content-type": "application/problem+json" },
      });
    });
    const nh = init({ ...opts, fetch: fetch as typeof globalThis.fetch, eventSource: () => new FakeSource("", {}) });
    expect(await nh.notifications.unreadCount()).toBe(3);
    expect(calls[0]!.url).toBe("https://api.example.com/api/v1/client/notifications/unread-count");
    expect(calls[0]!.init.headers).toMatchObject({
      authorization: "Bearer nhood_pk_test",
      "x-nhood-workspace": opts.workspaceId,
      "x-nhood-user": "ada",
      "x-nhood-user-hash": user.userHash,
    });
    const err = await nh.users.register({ roles: ["ghost"] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 400, errors: [{ pointer: "#/roles/0", detail: "unknown" }] });
    expect(JSON.parse(calls[1]!.init.body as string)).toEqual({ roles: ["ghost"] });
  });

  it("opens one stream for all listeners, resumes after the last event id when it drops, and closes with the last listener", async () => {
    vi.useFakeTimers();
    const sources: FakeSource[] = [];
    const nh = init({
      ...opts,
      reconnectMs: 100,
      eventSource: (url, i) => {
        const s = new FakeSource(url, i.headers);
        sources.push(s);
        return s;
      },
    });
    const a: string[] = [];
    const b: string[] = [];
    const offA = nh.notifications.onReceived((n) => a.push(n.title));
    const offB = nh.notifications.onReceived((n) => b.push(n.title));
    expect(sources).toHaveLength(1);
    expect(sources[0]!.url).toBe("https://api.example.com/api/v1/client/notifications/stream");
    expect(sources[0]!.headers["last-event-id"]).toBeUndefined();
    sources[0]!.emit("ready", { last_event_id: 4 });
    sources[0]!.emit("notification", item("n5", 5), "5");
    sources[0]!.onerror?.(new Error("dropped"));
    expect(sources[0]!.closed).toBe(true);
    await vi.advanceTimersByTimeAsync(100);
    expect(sources).toHaveLength(2);
    expect(sources[1]!.headers["last-event-id"]).toBe("5");
    sources[1]!.emit("notification", item("n6", 6), "6");
    expect(a).toEqual(["T5", "T6"]);
    expect(b).toEqual(["T5", "T6"]);
    offA();
    expect(sources[1]!.closed).toBe(false);
    offB();
    expect(sources[1]!.closed).toBe(true);
    vi.useRealTimers();
  });

  it("resumes after the ready event's id when the stream drops before any notification", async () => {
    vi.useFakeTimers();
    const sources: FakeSource[] = [];
    const nh = init({ ...opts, reconnectMs: 10, eventSource: (url, i) => sources[sources.push(new FakeSource(url, i.headers)) - 1]! });
    nh.notifications.onReceived(() => {});
    sources[0]!.emit("ready", { last_event_id: 41 });
    sources[0]!.onerror?.(new Error("dropped"));
    await vi.advanceTimersByTimeAsync(10);
    expect(sources[1]!.headers["last-event-id"]).toBe("41");
    nh.close();
    vi.useRealTimers();
  });

  it("runs the play hooks and the injected player with the sound's URL and the credentials", async () => {
    const played: { id: string; url: string; auth: string | undefined }[] = [];
    const nh = init({ ...opts, sounds: { player: (s) => void played.push({ id: s.id, url: s.url, auth: s.headers.authorization }) } });
    const hooked: string[] = [];
    nh.sounds.onPlay((id) => hooked.push(id));
    await nh.sounds.play("snd-1");
    await nh.sounds.play(null);
    expect(hooked).toEqual(["snd-1"]);
    expect(played).toEqual([{ id: "snd-1", url: "https://api.example.com/api/v1/client/sounds/snd-1", auth: "Bearer nhood_pk_test" }]);
  });
});
