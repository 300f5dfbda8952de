import { cx } from "../lib/cx";

/** A pulsing placeholder block; decorative (hidden from assistive technology). */
export function Skeleton({ className }: { className?: string }) {
  return <div aria-hidden="true" className={cx("animate-pulse rounded-md bg-slate-200", className)} />;
}

/** Placeholder rows for a list or table that is loading; announces `label` to screen readers. */
export function SkeletonList({ rows = 4, label = "Loading…" }: { rows?: number; label?: string }) {
  return (
    <div role="status" className="flex flex-col gap-3 rounded-lg border border-line bg-surface p-4">
      <span className="sr-only">{label}</span>
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="flex items-center gap-4">
          <Skeleton className="h-4 w-1/4" />
          <Skeleton className="h-4 flex-1" />
          <Skeleton className="h-4 w-20" />
        </div>
      ))}
    </div>
  );
}
