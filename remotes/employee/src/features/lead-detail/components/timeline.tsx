import { formatDateTime, type Activity } from "@nhood/web-kit";

const LABELS: Record<Activity["kind"], string> = {
  note: "Note",
  call: "Call",
  email: "Email",
  message: "Message",
  stage_change: "Stage changed",
  assignment: "Assigned",
  created: "Lead created",
};

function summary(a: Activity): string | null {
  if (a.kind === "stage_change") return `${String(a.data.from)} → ${String(a.data.to)}`;
  if (a.kind === "created") return `from ${String(a.data.source ?? "unknown source")}`;
  return a.body;
}

/** The lead's activities, newest first. */
export function Timeline({ items }: { items: Activity[] }) {
  if (!items.length) return <p className="text-sm text-fg-muted">Nothing has happened yet.</p>;
  return (
    <ol aria-label="Timeline" className="flex flex-col gap-3 border-l border-line pl-4">
      {items.map((a) => (
        <li key={a.id} data-kind={a.kind}>
          <p className="text-sm">
            <span className="font-medium">{LABELS[a.kind]}</span>
            {a.actor ? ` by ${a.actor.name}` : ""}
          </p>
          {summary(a) && <p className="whitespace-pre-wrap text-sm text-fg">{summary(a)}</p>}
          <p className="text-xs text-fg-muted">{formatDateTime(a.created_at)}</p>
        </li>
      ))}
    </ol>
  );
}
