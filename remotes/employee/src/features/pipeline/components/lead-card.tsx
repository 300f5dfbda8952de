import { useDraggable } from "@dnd-kit/core";
import { Link } from "react-router-dom";
import { usePortalPath, type LeadListItem, type Stage } from "@nhood/web-kit";
import { cx } from "@nhood/design-system";

/** A draggable lead on the board; the "Move to" menu does the same without a pointer. */
export function LeadCard({ lead, stages, onMove }: { lead: LeadListItem; stages: Stage[]; onMove: (to: string) => void }) {
  const { attributes, listeners, setNodeRef, transform, isDragging } = useDraggable({ id: lead.id, data: { lead } });
  const href = usePortalPath(`leads/${lead.id}`);
  const style = transform ? { transform: `translate3d(${transform.x}px, ${transform.y}px, 0)` } : undefined;
  return (
    <li
      ref={setNodeRef}
      style={style}
      data-testid={`lead-card-${lead.id}`}
      className={cx("rounded-md border border-line bg-surface p-3 shadow-sm", isDragging && "opacity-70 ring-2 ring-brand")}
    >
      <div className="flex items-start justify-between gap-2">
        <Link to={href} className="font-medium text-brand-text hover:underline">
          {lead.name ?? lead.email ?? "Unnamed lead"}
        </Link>
        <button type="button" aria-label={`Drag ${lead.name ?? "lead"}`} className="cursor-grab text-fg-muted" {...listeners} {...attributes}>
          ⠿
        </button>
      </div>
      <p className="text-xs text-fg-muted">{[lead.email, lead.phone].filter(Boolean).join(" · ")}</p>
      <p className="mt-1 text-xs text-fg-muted">
        {lead.owner?.name ?? "Unassigned"}
        {lead.crm_client_id ? ` · ${lead.crm_client_id}` : ""}
      </p>
      <label className="mt-2 block text-xs text-fg-muted">
        <span className="sr-only">Move {lead.name ?? "lead"} to</span>
        <select
          aria-label={`Move ${lead.name ?? "lead"} to`}
          className="mt-1 w-full rounded border border-line bg-surface px-1 py-0.5 text-xs"
          value={lead.stage}
          onChange={(e) => onMove(e.target.value)}
        >
          {stages.map((s) => (
            <option key={s.key} value={s.key}>
              {s.label}
            </option>
          ))}
        </select>
      </label>
    </li>
  );
}
