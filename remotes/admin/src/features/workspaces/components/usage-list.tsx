import type { UsageLine } from "@nhood/web-kit";

const LABELS: Record<string, string> = {
  events: "Events this month",
  notifications: "Notifications this month",
  requests: "API requests this hour",
  users: "Members",
};

/** Usage against the plan's quotas, as labelled meters (unlimited quotas show no bar). */
export function UsageList({ usage }: { usage: UsageLine[] }) {
  return (
    <dl className="grid gap-4 sm:grid-cols-2">
      {usage.map((u) => {
        const pct = u.limit ? Math.min(100, Math.round((u.used / u.limit) * 100)) : null;
        return (
          <div key={u.metric}>
            <dt className="text-sm text-fg-muted">{LABELS[u.metric] ?? u.metric}</dt>
            <dd className="mt-1 text-sm font-medium text-fg tabular-nums">
              {u.used.toLocaleString()} / {u.limit === null ? "unlimited" : u.limit.toLocaleString()}
              {pct !== null && (
                <div
                  role="meter"
                  aria-label={LABELS[u.metric] ?? u.metric}
                  aria-valuemin={0}
                  aria-valuemax={u.limit!}
                  aria-valuenow={u.used}
                  className="mt-1 h-2 overflow-hidden rounded-full bg-surface-muted"
                >
                  <div className={pct >= 100 ? "h-full bg-danger" : pct >= 80 ? "h-full bg-warning" : "h-full bg-brand"} style={{ width: `${pct}%` }} />
                </div>
              )}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
