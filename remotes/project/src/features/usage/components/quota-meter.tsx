import { cx } from "@nhood/design-system";

/** One quota as a labelled progress bar; `limit` null = unlimited. Amber from 80 %, red at 100 %. */
export function QuotaMeter({ label, used, limit }: { label: string; used: number; limit: number | null }) {
  const pct = limit ? Math.min(100, Math.round((used / limit) * 100)) : 0;
  return (
    <div className="rounded-lg border border-line bg-surface p-4">
      <div className="flex justify-between text-sm">
        <span className="font-medium">{label}</span>
        <span className="text-fg-muted">
          {used.toLocaleString()} / {limit === null ? "unlimited" : limit.toLocaleString()}
        </span>
      </div>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        className="mt-2 h-2 overflow-hidden rounded-full bg-surface-muted"
      >
        <div className={cx("h-full", pct >= 100 ? "bg-danger" : pct >= 80 ? "bg-warning" : "bg-brand")} style={{ width: `${limit === null ? 0 : pct}%` }} />
      </div>
    </div>
  );
}
