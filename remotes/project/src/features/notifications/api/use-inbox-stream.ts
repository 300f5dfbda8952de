import { api, refreshSession, type InboxNotification } from "@nhood/web-kit";
import { useEffect, useRef, useState } from "react";

export type StreamState = "connecting" | "live" | "reconnecting";

/**
 * Subscribes to the inbox's Server-Sent Events. The browser's EventSource reconnects by itself
 * and sends `Last-Event-ID`; when the stream is refused (the 15-minute access token expired)
 * the session is refreshed and a new EventSource resumes after the last id seen, so nothing is
 * lost or repeated.
 */
export function useInboxStream(enabled: boolean, onNotification: (n: InboxNotification) => void): StreamState {
  const [state, setState] = useState<StreamState>("connecting");
  const handler = useRef(onNotification);
  handler.current = onNotification;
  useEffect(() => {
    if (!enabled || typeof EventSource === "undefined") return;
    let last: number | null = null;
    let source: EventSource | null = null;
    let stopped = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const open = () => {
      source = new EventSource(api.notify.streamUrl(last), { withCredentials: true });
      source.addEventListener("ready", (e) => {
        setState("live");
        last ??= Number(JSON.parse((e as MessageEvent<string>).data).last_event_id);
      });
      source.addEventListener("notification", (e) => {
        const msg = e as MessageEvent<string>;
        last = Number(msg.lastEventId);
        handler.current(JSON.parse(msg.data) as InboxNotification);
      });
      source.onerror = () => {
        setState("reconnecting");
        if (source?.readyState !== EventSource.CLOSED || stopped) return;
        retry = setTimeout(
          () =>
            void refreshSession().then((ok) => {
              if (ok && !stopped) open();
            }),
          1000,
        );
      };
    };
    open();
    return () => {
      stopped = true;
      clearTimeout(retry);
      source?.close();
    };
  }, [enabled]);
  return state;
}
