/**
 * Server-Sent Events without DOM assumptions. The SDK talks to the stream through an
 * `EventSourceLike` made by an `EventSourceFactory`; the default one reads the stream with
 * `fetch` (browsers' EventSource cannot send the SDK's headers), and a React Native app injects
 * one that can (e.g. react-native-sse). Frames are parsed per WHATWG HTML §9.2.
 */

/** One received SSE message. */
export interface StreamMessage {
  type: string;
  data: string;
  lastEventId: string;
}

/** The part of EventSource the SDK uses. `onerror` fires when the connection drops or is refused. */
export interface EventSourceLike {
  addEventListener(type: string, listener: (message: StreamMessage) => void): void;
  onerror: ((error: unknown) => void) | null;
  close(): void;
}

/** Opens a stream to `url` sending `headers` (the SDK's credentials and, on resume, `Last-Event-ID`). */
export type EventSourceFactory = (url: string, init: { headers: Record<string, string> }) => EventSourceLike;

/** Parses SSE text into messages; keeps the unfinished tail for the next chunk. */
export class SseParser {
  private buffer = "";
  private lastEventId = "";

  /** Feeds a decoded chunk; answers the complete messages in it. */
  push(chunk: string): StreamMessage[] {
    this.buffer += chunk.replace(/\r\n?/g, "\n");
    const out: StreamMessage[] = [];
    for (let end = this.buffer.indexOf("\n\n"); end >= 0; end = this.buffer.indexOf("\n\n")) {
      const frame = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      let type = "message";
      const data: string[] = [];
      let sawField = false;
      for (const line of frame.split("\n")) {
        if (!line || line.startsWith(":")) continue;
        const colon = line.indexOf(":");
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
        sawField = true;
        if (field === "event") type = value;
        else if (field === "data") data.push(value);
        else if (field === "id" && !value.includes("\0")) this.lastEventId = value;
      }
      if (sawField && data.length) out.push({ type, data: data.join("\n"), lastEventId: this.lastEventId });
    }
    return out;
  }
}

/** The default factory: `fetch` with headers, the body read as a stream of SSE frames. */
export function fetchEventSource(fetchImpl: typeof fetch): EventSourceFactory {
  return (url, init) => {
    const listeners = new Map<string, Set<(m: StreamMessage) => void>>();
    const controller = new AbortController();
    const source: EventSourceLike = {
      onerror: null,
      addEventListener(type, listener) {
        const set = listeners.get(type) ?? new Set();
        set.add(listener);
        listeners.set(type, set);
      },
      close: () => controller.abort(),
    };
    const fail = (error: unknown) => {
      if (!controller.signal.aborted) source.onerror?.(error);
    };
    (async () => {
      const res = await fetchImpl(url, { headers: { accept: "text/event-stream", ...init.headers }, signal: controller.signal });
      if (!res.ok || !res.body) throw Object.assign(new Error(`stream refused: HTTP ${res.status}`), { status: res.status });
      const reader = res.body.getReader();
      const decoder = new TextDecoder();
      const parser = new SseParser();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) throw new Error("stream ended");
        for (const m of parser.push(decoder.decode(value, { stream: true }))) for (const l of listeners.get(m.type) ?? []) l(m);
      }
    })().catch(fail);
    return source;
  };
}
