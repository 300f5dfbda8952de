/** The project portal's inbox: real-time (SSE) with sound on arrival, unread badge, acknowledge and archive. */
import { Badge, Button, EmptyState, PageHeader, cx } from "@nhood/design-system";
import { AsyncContent, LoadMore, ProblemMessage, useActiveWorkspaceId, useMarkPortalReady, type InboxNotification } from "@nhood/web-kit";
import { useState } from "react";
import { useInbox, useMarkNotification, useReceiveNotification, useUnreadCount, type InboxFilter } from "../api/use-notifications";
import { useInboxStream } from "../api/use-inbox-stream";
import { useBrowserPush } from "../api/use-browser-push";
import { playNotificationSound } from "../lib/play-sound";
import { NotificationsList } from "./notifications-list";

const filters: { id: InboxFilter; label: string }[] = [
  { id: "inbox", label: "Inbox" },
  { id: "unread", label: "Unread" },
  { id: "archived", label: "Archived" },
];
const streamLabel = { connecting: "Connecting…", live: "Live", reconnecting: "Reconnecting…" } as const;

export function NotificationsPage() {
  const ws = useActiveWorkspaceId() ?? "";
  const [filter, setFilter] = useState<InboxFilter>("inbox");
  const query = useInbox(ws, filter);
  const unread = useUnreadCount(ws);
  const mark = useMarkNotification(ws);
  const receive = useReceiveNotification(ws);
  const stream = useInboxStream(ws !== "", (n: InboxNotification) => {
    receive(n);
    playNotificationSound(n.sound_id);
  });
  const push = useBrowserPush();
  useMarkPortalReady(query.status !== "pending");
  const notifications = query.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <PageHeader
        title="Inbox"
        description="Notifications from your rules, in real time: failed executions, new leads, quota warnings."
        actions={
          <div className="flex items-center gap-3">
            {push.state !== "unsupported" && (
              <Button
                size="sm"
                variant="secondary"
                loading={push.state === "working"}
                disabled={push.state === "denied"}
                title={push.state === "denied" ? "Notifications are blocked for this site in the browser's settings" : undefined}
                onClick={() => void (push.state === "on" ? push.disable() : push.enable())}
              >
                {push.state === "on" ? "Turn off browser notifications" : "Browser notifications"}
              </Button>
            )}
            <Badge tone={stream === "live" ? "success" : "warning"}>
              <span data-stream-state={stream}>{streamLabel[stream]}</span>
            </Badge>
            <span className="text-sm text-fg-muted" aria-live="polite">
              <span data-testid="unread-count" className="font-semibold text-fg">
                {unread.data?.unread ?? "–"}
              </span>{" "}
              unread
            </span>
          </div>
        }
      />
      <div role="tablist" aria-label="Inbox filter" className="mb-4 flex gap-2">
        {filters.map((f) => (
          <button
            key={f.id}
            type="button"
            role="tab"
            aria-selected={filter === f.id}
            onClick={() => setFilter(f.id)}
            className={cx("rounded-full px-3 py-1 text-sm", filter === f.id ? "bg-brand text-brand-contrast" : "bg-surface-muted text-fg-muted hover:text-fg")}
          >
            {f.label}
          </button>
        ))}
      </div>
      {push.error !== null && (
        <div className="mb-4">
          <ProblemMessage title="Couldn't turn on browser notifications" error={push.error} />
        </div>
      )}
      {mark.isError && (
        <div className="mb-4">
          <ProblemMessage title="Couldn't update the notification" error={mark.error} />
        </div>
      )}
      <AsyncContent
        status={query.status}
        error={query.error}
        onRetry={() => void query.refetch()}
        errorTitle="Couldn't load notifications"
        loadingLabel="Loading notifications…"
        isEmpty={notifications.length === 0}
        empty={
          <EmptyState title={filter === "archived" ? "Nothing archived" : "You're all caught up"}>
            Notifications appear here the moment one of your workspace's rules matches an event. Create a rule under Rules, then send an event with your API key
            (POST /api/v1/events).
          </EmptyState>
        }
      >
        <NotificationsList
          notifications={notifications}
          pendingId={mark.isPending ? mark.variables?.id : null}
          onAction={(n, action) => mark.mutate({ id: n.id, action })}
        />
        <LoadMore hasMore={query.hasNextPage} loading={query.isFetchingNextPage} onLoadMore={() => void query.fetchNextPage()} />
      </AsyncContent>
    </>
  );
}
