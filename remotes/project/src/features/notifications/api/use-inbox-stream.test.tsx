import { act, renderHook } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { InboxNotification } from "@nhood/web-kit";
import { useInboxStream } from "./use-inbox-stream";

/** The browser's EventSource, as far as the hook uses it (happy-dom has none). */
class FakeEventSource {
  static CLOSED = 2;
  static last: FakeEventSource | null = null;
  readyState = 1;
  onerror: (() => void) | null = null;
  closed = false;
  private listeners = new Map<string, ((e: MessageEvent) => void)[]>();
  constructor(
    readonly url: string,
    readonly init?: EventSourceInit,
  ) {
    FakeEventSource.last = this;
  }
  addEventListener(type: string, fn: (e: MessageEvent) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), fn]);
  }
  emit(type: string, data: unknown, lastEventId = "") {
    for (const fn of this.listeners.get(type) ?? []) fn(new MessageEvent(type, { data: JSON.stringify(data), lastEventId }));
  }
  close() {
    this.closed = true;
  }
}

afterEach(() => vi.unstubAllGlobals());

describe("useInboxStream", () => {
  it("opens the stream with credentials, goes live, hands over notifications and closes on unmount", () => {
    vi.stubGlobal("EventSource", FakeEventSource);
    const got: InboxNotification[] = [];
    const { result, unmount } = renderHook(() => useInboxStream(true, (n) => got.push(n)));
    const source = FakeEventSource.last!;
    expect(source.url).toBe("/api/v1/notifications/stream");
    expect(source.init).toEqual({ withCredentials: true });
    expect(result.current).toBe("connecting");
    act(() => source.emit("ready", { last_event_id: 41 }));
    expect(result.current).toBe("live");
    const n = { id: "4d3c2b1a-0f9e-4d8c-8b7a-695847362514", seq: 42, title: "Order ord_1" } as InboxNotification;
    act(() => source.emit("notification", n, "42"));
    expect(got).toEqual([n]);
    act(() => source.onerror?.());
    expect(result.current).toBe("reconnecting");
    unmount();
    expect(source.closed).toBe(true);
  });
});
