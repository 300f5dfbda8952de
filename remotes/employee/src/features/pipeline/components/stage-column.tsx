import { useDroppable } from "@dnd-kit/core";
import type { LeadListItem, Stage } from "@nhood/web-kit";
import { cx } from "@nhood/design-system";
import { LeadCard } from "./lead-card";

/** One stage of the board: a drop target listing its leads. */
export function StageColumn({
  stage,
  stages,
  leads,
  loading,
  more,
  onMove,
}: {
  stage: Stage;
  stages: Stage[];
  leads: LeadListItem[];
  loading: boolean;
  more: boolean;
  onMove: (lead: LeadListItem, to: string) => void;
}) {
  const { setNodeRef, isOver } = useDroppable({ id: stage.key });
  return (
    <section
      ref={setNodeRef}
      aria-label={`${stage.label} stage`}
      data-testid={`stage-${stage.key}`}
      className={cx("flex w-64 shrink-0 flex-col rounded-lg bg-surface-muted p-2", isOver && "ring-2 ring-brand")}
    >
      <h2 className="mb-2 flex items-center justify-between px-1 text-sm font-semibold">
        {stage.label}
        <span className="text-xs font-normal text-fg-muted">{loading ? "…" : `${leads.length}${more ? "+" : ""}`}</span>
      </h2>
      <ul className="flex min-h-24 flex-col gap-2">
        {leads.map((l) => (
          <LeadCard key={l.id} lead={l} stages={stages} onMove={(to) => onMove(l, to)} />
        ))}
        {!loading && leads.length === 0 && <li className="px-1 text-xs text-fg-muted">Drop a lead here.</li>}
      </ul>
    </section>
  );
}
