import { Badge, Button, cx } from "@nhood/design-system";
import { formatDateTime, type InboxNotification } from "@nhood/web-kit";

const priorityTone = { low: "neutral", normal: "info", high: "warning", critical: "danger" } as const;
type Action = "read" | "acknowledge" | "archive" | "unarchive";

export interface NotificationsListProps {
  notifications: InboxNotification[];
  /** omitted: a read-only list */
  onAction?: (n: InboxNotification, action: Action) => void;
  pendingId?: string | null;
}

/** The inbox: priority, title, message, time; unread items are marked; acknowledge and archive. */
export function NotificationsList({ notifications, onAction, pendingId }: NotificationsListProps) {
  return (
    <ul aria-label="Notifications" className="divide-y divide-line overflow-hidden rounded-lg border border-line bg-surface shadow-sm">
      {notifications.map((n) => {
        const unread = n.read_at === null;
        return (
          <li key={n.id} className={cx("flex gap-4 px-5 py-4", unread && "bg-brand-soft/40")}>
            <span aria-hidden="true" className={cx("mt-2 size-2 shrink-0 rounded-full", unread ? "bg-brand" : "bg-transparent")} />
            <div className="min-w-0 flex-1">
              <div className="flex flex-wrap items-center gap-2">
                <p className={cx("text-sm text-fg", unread ? "font-semibold" : "font-medium")}>{n.title}</p>
                <Badge tone={priorityTone[n.priority]}>{n.priority}</Badge>
                {unread && <span className="sr-only">(unread)</span>}
                {n.acknowledged_at && <Badge tone="success">acknowledged</Badge>}
              </div>
              {n.message && <p className="mt-1 text-sm text-fg-muted">{n.message}</p>}
              {onAction && (
                <div className="mt-2 flex flex-wrap gap-2">
                  {!n.acknowledged_at && (
                    <Button
                      size="sm"
                      variant="secondary"
                      loading={pendingId === n.id}
                      onClick={() => onAction(n, "acknowledge")}
                      aria-label={`Acknowledge ${n.title}`}
                    >
                      Acknowledge
                    </Button>
                  )}
                  {unread && (
                    <Button size="sm" variant="ghost" onClick={() => onAction(n, "read")} aria-label={`Mark ${n.title} read`}>
                      Mark read
                    </Button>
                  )}
                  <Button
                    size="sm"
                    variant="ghost"
                    onClick={() => onAction(n, n.archived_at ? "unarchive" : "archive")}
                    aria-label={`${n.archived_at ? "Unarchive" : "Archive"} ${n.title}`}
                  >
                    {n.archived_at ? "Unarchive" : "Archive"}
                  </Button>
                </div>
              )}
            </div>
            <time dateTime={n.created_at} className="shrink-0 text-xs text-fg-muted">
              {formatDateTime(n.created_at)}
            </time>
          </li>
        );
      })}
    </ul>
  );
}
