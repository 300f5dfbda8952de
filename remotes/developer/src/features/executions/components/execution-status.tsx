/** Status badges for executions and step runs, and a readable duration. */
import { Badge, type BadgeTone } from "@nhood/design-system";

const tones: Record<string, BadgeTone> = {
  succeeded: "success",
  failed: "danger",
  running: "info",
  queued: "neutral",
  retrying: "warning",
  cancelled: "neutral",
  skipped: "neutral",
};

export function StatusBadge({ status }: { status: string }) {
  return <Badge tone={tones[status] ?? "neutral"}>{status}</Badge>;
}

/** `1.2 s`, `340 ms`, `—` */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return "—";
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms} ms`;
}

export function durationBetween(start: string | null, end: string | null): number | null {
  return start && end ? Date.parse(end) - Date.parse(start) : null;
}
