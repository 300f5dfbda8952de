/**
 * `<Inbox />`: a bell with the unread badge that opens the signed user's notifications — new
 * ones arrive in real time (and play their sound), each can be marked read or acknowledged. It
 * is drawn with the design system's tokens (`--nh-*` CSS variables, with the default theme as
 * fallbacks, so it needs no stylesheet) and themed with the workspace's branding: its primary
 * colour, with contrast kept at WCAG AA (design system's applyBranding), scoped to the inbox.
 */
import { type CSSProperties, useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import { applyBranding } from "@nhood/design-system/branding";
import type { ClientBranding, InboxNotification, NeighbourHoodClient } from "../client";

export interface InboxProps {
  client: NeighbourHoodClient;
  /** the theme; default: the workspace's branding (`client.theme()`) */
  branding?: Pick<ClientBranding, "primary_color"> & Partial<ClientBranding>;
  /** play each arriving notification's sound (default true) */
  playSounds?: boolean;
  /** open the list at first (default false) */
  defaultOpen?: boolean;
  /** called for each notification that arrives in real time */
  onNotification?: (notification: InboxNotification) => void;
}

const v = (name: string, fallback: string) => `var(--nh-${name}, ${fallback})`;
const color = {
  brand: v("brand", "#4338ca"),
  brandContrast: v("brand-contrast", "#ffffff"),
  brandText: v("brand-text", "#4338ca"),
  brandSoft: v("brand-soft", "#eef2ff"),
  surface: v("surface", "#ffffff"),
  text: v("text", "#0f172a"),
  muted: v("text-muted", "#475569"),
  border: v("border", "#e2e8f0"),
};
const font = 'ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
const styles = {
  root: { position: "relative", display: "inline-block", fontFamily: font, color: color.text } satisfies CSSProperties,
  bell: {
    position: "relative",
    display: "inline-flex",
    alignItems: "center",
    justifyContent: "center",
    width: 40,
    height: 40,
    borderRadius: 9999,
    border: `1px solid ${color.border}`,
    background: color.surface,
    color: color.brandText,
    cursor: "pointer",
  } satisfies CSSProperties,
  badge: {
    position: "absolute",
    top: -4,
    right: -4,
    minWidth: 18,
    height: 18,
    padding: "0 5px",
    borderRadius: 9999,
    background: color.brand,
    color: color.brandContrast,
    fontSize: 11,
    fontWeight: 600,
    lineHeight: "18px",
    textAlign: "center",
  } satisfies CSSProperties,
  panel: {
    position: "absolute",
    right: 0,
    marginTop: 8,
    width: 340,
    maxHeight: 420,
    overflowY: "auto",
    background: color.surface,
    border: `1px solid ${color.border}`,
    borderRadius: 12,
    boxShadow: "0 10px 30px rgba(15, 23, 42, 0.12)",
    zIndex: 50,
  } satisfies CSSProperties,
  header: {
    display: "flex",
    justifyContent: "space-between",
    alignItems: "center",
    padding: "10px 14px",
    borderBottom: `1px solid ${color.border}`,
  } satisfies CSSProperties,
  item: (unread: boolean): CSSProperties => ({
    padding: "10px 14px",
    borderBottom: `1px solid ${color.border}`,
    background: unread ? color.brandSoft : color.surface,
    listStyle: "none",
  }),
  action: {
    marginRight: 8,
    marginTop: 6,
    padding: "2px 10px",
    fontSize: 12,
    borderRadius: 6,
    border: `1px solid ${color.border}`,
    background: color.surface,
    color: color.brandText,
    cursor: "pointer",
  } satisfies CSSProperties,
  primary: { background: color.brand, color: color.brandContrast, border: `1px solid ${color.brand}` } satisfies CSSProperties,
};

function BellIcon() {
  return (
    <svg
      aria-hidden="true"
      width="20"
      height="20"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
    </svg>
  );
}

/** The inbox for `client`'s signed user. */
export function Inbox({ client, branding, playSounds = true, defaultOpen = false, onNotification }: InboxProps) {
  const root = useRef<HTMLDivElement>(null);
  const [items, setItems] = useState<InboxNotification[]>([]);
  const [unread, setUnread] = useState(0);
  const [open, setOpen] = useState(defaultOpen);
  const [theme, setTheme] = useState(branding ?? null);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef({ playSounds, onNotification });
  latest.current = { playSounds, onNotification };

  useEffect(() => {
    if (branding) return setTheme(branding);
    let live = true;
    client.theme().then(
      (t) => live && setTheme(t),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [client, branding]);

  useLayoutEffect(() => (theme && root.current ? applyBranding(theme, root.current) : undefined), [theme]);

  useEffect(() => {
    let live = true;
    const off = client.notifications.onReceived((n) => {
      setItems((prev) => (prev.some((p) => p.id === n.id) ? prev : [n, ...prev]));
      if (!n.read_at) setUnread((u) => u + 1);
      if (latest.current.playSounds && n.sound_id) void client.sounds.play(n.sound_id).catch(() => {});
      latest.current.onNotification?.(n);
    });
    Promise.all([client.notifications.list(), client.notifications.unreadCount()]).then(
      ([page, count]) => {
        if (!live) return;
        setItems((prev) => [...prev, ...page.items.filter((i) => !prev.some((p) => p.id === i.id))]);
        setUnread(count);
      },
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
      off();
    };
  }, [client]);

  const mark = useCallback(
    async (n: InboxNotification, action: "read" | "acknowledge") => {
      const updated = action === "read" ? await client.notifications.markRead(n.id) : await client.notifications.acknowledge(n.id);
      setItems((prev) => prev.map((p) => (p.id === n.id ? updated : p)));
      if (!n.read_at && updated.read_at) setUnread((u) => Math.max(0, u - 1));
    },
    [client],
  );

  const label = unread === 1 ? "1 unread notification" : `${unread} unread notifications`;
  return (
    <div ref={root} style={styles.root} data-nhood-inbox="">
      <button type="button" style={styles.bell} aria-label={`Notifications, ${label}`} aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        <BellIcon />
        {unread > 0 && (
          <span style={styles.badge} data-testid="nhood-unread-badge">
            {unread > 99 ? "99+" : unread}
          </span>
        )}
      </button>
      {open && (
        <section style={styles.panel} aria-label="Notifications">
          <header style={styles.header}>
            <strong>{theme?.display_name ? `${theme.display_name} notifications` : "Notifications"}</strong>
            <span style={{ color: color.muted, fontSize: 12 }}>{label}</span>
          </header>
          {error && (
            <p role="alert" style={{ padding: 14, margin: 0 }}>
              Could not load notifications: {error}
            </p>
          )}
          {!error && items.length === 0 && <p style={{ padding: 14, margin: 0, color: color.muted }}>No notifications yet.</p>}
          <ul style={{ margin: 0, padding: 0 }}>
            {items.map((n) => (
              <li key={n.id} style={styles.item(!n.read_at)} data-notification-id={n.id} data-read={n.read_at ? "true" : "false"}>
                <div style={{ fontWeight: n.read_at ? 500 : 700 }}>{n.title}</div>
                {n.message && <div style={{ color: color.muted, fontSize: 13, marginTop: 2 }}>{n.message}</div>}
                <div>
                  {!n.read_at && (
                    <button type="button" style={styles.action} onClick={() => void mark(n, "read")}>
                      Mark read
                    </button>
                  )}
                  {n.acknowledged_at ? (
                    <span style={{ fontSize: 12, color: color.muted }}>Acknowledged</span>
                  ) : (
                    <button type="button" style={{ ...styles.action, ...styles.primary }} onClick={() => void mark(n, "acknowledge")}>
                      Acknowledge
                    </button>
                  )}
                </div>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
