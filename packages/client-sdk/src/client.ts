/**
 * The headless client: `init({ publishableKey, workspaceId, user, baseUrl })` answers an object
 * for one signed end user (seed 003 §11) — `users.register`, `notifications.list / unreadCount /
 * markRead / acknowledge / onReceived`, `preferences.get / set`, `theme()` and `sounds.play`.
 * Real time is the API's SSE stream, resumed after the last event id when the connection drops.
 * Nothing here touches the DOM: pass `fetch`, `eventSource` and `sounds.player` where the
 * platform's own are missing or unsuited (React Native).
 */
import type { ClientBranding, ClientRegisterRequest, ClientUser } from "@nhood/contracts/client-sdk";
import type { InboxNotification } from "@nhood/contracts";
import type { NotificationPreferences } from "@nhood/contracts/users";
import { ApiError } from "./errors";
import { type EventSourceFactory, type EventSourceLike, fetchEventSource } from "./stream";
import { browserSoundPlayer, type SoundPlayer } from "./sounds";

export type { ClientBranding, ClientRegisterRequest, ClientUser, InboxNotification, NotificationPreferences };

export interface InitOptions {
  /** the workspace's publishable key, `nhood_pk_…` (safe to ship in an app) */
  publishableKey: string;
  workspaceId: string;
  /** the signed-in user: your id for them and the hash your backend computed (hex HMAC-SHA256 of externalUserId with the user-hash secret) */
  user: { externalUserId: string; userHash: string };
  /** where the API lives, e.g. `https://notify.example.com`; default: the page's origin (`""`) */
  baseUrl?: string;
  /** default: the global fetch */
  fetch?: typeof fetch;
  /** default: a fetch-based reader; React Native: a factory around an EventSource that sends headers */
  eventSource?: EventSourceFactory;
  /** how sounds play; default: an <audio> element where there is a DOM, else nothing */
  sounds?: { player?: SoundPlayer };
  /** milliseconds before reconnecting a dropped stream (default 1000, doubling up to 30 s) */
  reconnectMs?: number;
}

export interface NotificationPage {
  items: InboxNotification[];
  next_cursor: string | null;
}

export type NotificationListener = (notification: InboxNotification) => void;

/** What `init` answers; every call is made as the signed user. */
export interface NeighbourHoodClient {
  readonly user: { externalUserId: string };
  users: { register(input?: ClientRegisterRequest): Promise<ClientUser> };
  notifications: {
    list(opts?: { filter?: "inbox" | "unread" | "archived" | "all"; cursor?: string }): Promise<NotificationPage>;
    unreadCount(): Promise<number>;
    markRead(id: string): Promise<InboxNotification>;
    acknowledge(id: string): Promise<InboxNotification>;
    /** Calls `listener` for each new notification (the stream opens with the first listener, closes with the last); answers the unsubscribe. */
    onReceived(listener: NotificationListener): () => void;
  };
  preferences: { get(): Promise<NotificationPreferences>; set(patch: Partial<NotificationPreferences>): Promise<NotificationPreferences> };
  /** the workspace's branding, for theming */
  theme(): Promise<ClientBranding>;
  sounds: {
    /** Plays the workspace sound `soundId` (a notification's `sound_id`) with the player; a null id plays nothing. */
    play(soundId: string | null | undefined): Promise<void>;
    /** Calls `hook` whenever a sound is played (before the player runs); answers the unsubscribe. */
    onPlay(hook: (soundId: string) => void): () => void;
  };
  /** Closes the stream and forgets the listeners. */
  close(): void;
}

/**
 * Creates a client for one signed end user. Throws TypeError when an option is missing.
 * @example
 * const nh = init({ publishableKey: "nhood_pk_…", workspaceId, user: { externalUserId: "user_44", userHash } });
 * await nh.users.register({ email: "ada@example.com", roles: ["driver"] });
 * nh.notifications.onReceived((n) => { void nh.sounds.play(n.sound_id); showBanner(n); });
 */
export function init(options: InitOptions): NeighbourHoodClient {
  const { publishableKey, workspaceId, user } = options;
  if (!publishableKey?.startsWith("nhood_pk_")) throw new TypeError("init: publishableKey must be a publishable key (nhood_pk_…)");
  if (!workspaceId) throw new TypeError("init: workspaceId is required");
  if (!user?.externalUserId || !user.userHash) throw new TypeError("init: user.externalUserId and user.userHash are required");
  const base = (options.baseUrl ?? "").replace(/\/$/, "");
  const fetchImpl = options.fetch ?? ((...args: Parameters<typeof fetch>) => globalThis.fetch(...args));
  const headers: Record<string, string> = {
    authorization: `Bearer ${publishableKey}`,
    "x-nhood-workspace": workspaceId,
    "x-nhood-user": user.externalUserId,
    "x-nhood-user-hash": user.userHash,
  };

  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetchImpl(`${base}/api/v1${path}`, {
      method,
      headers: body === undefined ? headers : { ...headers, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new ApiError(res.status, (await res.json().catch(() => null)) as ConstructorParameters<typeof ApiError>[1]);
    return (await res.json()) as T;
  }

  // --- real time: one stream for all listeners, resumed after the last id it delivered ---
  const listeners = new Set<NotificationListener>();
  let source: EventSourceLike | null = null;
  let lastEventId: string | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let backoff = options.reconnectMs ?? 1000;
  const factory = options.eventSource ?? fetchEventSource(fetchImpl);
  const open = () => {
    const s = factory(`${base}/api/v1/client/notifications/stream`, { headers: lastEventId ? { ...headers, "last-event-id": lastEventId } : headers });
    source = s;
    s.addEventListener("ready", (m) => {
      backoff = options.reconnectMs ?? 1000;
      const ready = JSON.parse(m.data) as { last_event_id?: number };
      if (lastEventId === null && ready.last_event_id !== undefined) lastEventId = String(ready.last_event_id);
    });
    s.addEventListener("notification", (m) => {
      if (m.lastEventId) lastEventId = m.lastEventId;
      const n = JSON.parse(m.data) as InboxNotification;
      for (const l of [...listeners]) l(n);
    });
    s.onerror = () => {
      s.close();
      if (source !== s || !listeners.size) return;
      source = null;
      retryTimer = setTimeout(() => {
        retryTimer = null;
        if (listeners.size && !source) open();
      }, backoff);
      backoff = Math.min(backoff * 2, 30_000);
    };
  };
  const stop = () => {
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = null;
    source?.close();
    source = null;
  };

  const playHooks = new Set<(soundId: string) => void>();
  const player = options.sounds?.player ?? browserSoundPlayer();

  return {
    user: { externalUserId: user.externalUserId },
    users: {
      register: async (input = {}) => call<ClientUser>("POST", "/client/users", input),
    },
    notifications: {
      list: (opts = {}) => {
        const q = new URLSearchParams();
        if (opts.filter) q.set("filter", opts.filter);
        if (opts.cursor) q.set("cursor", opts.cursor);
        return call<NotificationPage>("GET", `/client/notifications${q.size ? `?${q}` : ""}`);
      },
      unreadCount: async () => (await call<{ unread: number }>("GET", "/client/notifications/unread-count")).unread,
      markRead: (id) => call<InboxNotification>("POST", `/client/notifications/${encodeURIComponent(id)}/read`),
      acknowledge: (id) => call<InboxNotification>("POST", `/client/notifications/${encodeURIComponent(id)}/acknowledge`),
      onReceived(listener) {
        listeners.add(listener);
        if (!source && !retryTimer) open();
        return () => {
          listeners.delete(listener);
          if (!listeners.size) stop();
        };
      },
    },
    preferences: {
      get: () => call<NotificationPreferences>("GET", "/client/preferences"),
      set: (patch) => call<NotificationPreferences>("PUT", "/client/preferences", patch),
    },
    theme: () => call<ClientBranding>("GET", "/client/theme"),
    sounds: {
      async play(soundId) {
        if (!soundId) return;
        for (const hook of [...playHooks]) hook(soundId);
        await player({ id: soundId, url: `${base}/api/v1/client/sounds/${encodeURIComponent(soundId)}`, headers, fetch: fetchImpl });
      },
      onPlay(hook) {
        playHooks.add(hook);
        return () => playHooks.delete(hook);
      },
    },
    close() {
      listeners.clear();
      playHooks.clear();
      stop();
    },
  };
}
