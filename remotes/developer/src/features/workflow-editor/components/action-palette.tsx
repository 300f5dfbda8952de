/** A searchable palette of built-in actions, the provider catalogue and the condition step. */
import { Input } from "@nhood/design-system";
import type { ActionInfo } from "@nhood/web-kit";
import { useMemo, useState } from "react";

export interface ActionPaletteProps {
  actions: ActionInfo[];
  loading: boolean;
  onAdd: (kind: { provider: string; action: string } | "condition") => void;
}

export function ActionPalette({ actions, loading, onAdd }: ActionPaletteProps) {
  const [q, setQ] = useState("");
  const shown = useMemo(() => {
    const needle = q.trim().toLowerCase();
    return actions.filter((a) => !needle || `${a.provider}.${a.action} ${a.title}`.toLowerCase().includes(needle)).slice(0, 60);
  }, [actions, q]);
  return (
    <section aria-label="Action palette" className="flex flex-col gap-2">
      <Input label="Add a step" placeholder="Search actions, e.g. slack" value={q} onChange={(e) => setQ(e.target.value)} />
      <ul className="max-h-64 overflow-auto rounded-md border border-line">
        {(!q || "condition if branch".includes(q.toLowerCase())) && (
          <li>
            <button type="button" className="w-full px-3 py-1.5 text-left text-sm hover:bg-surface-muted" onClick={() => onAdd("condition")}>
              <span className="font-medium">Condition</span> <span className="text-fg-muted">— then / else branches</span>
            </button>
          </li>
        )}
        {shown.map((a) => (
          <li key={`${a.provider}.${a.action}`}>
            <button
              type="button"
              className="w-full px-3 py-1.5 text-left text-sm hover:bg-surface-muted"
              onClick={() => onAdd({ provider: a.provider, action: a.action })}
            >
              <span className="font-mono">
                {a.provider}.{a.action}
              </span>{" "}
              <span className="text-fg-muted">— {a.title}</span>
            </button>
          </li>
        ))}
        {loading && <li className="px-3 py-1.5 text-sm text-fg-muted">Loading actions…</li>}
        {!loading && shown.length === 0 && q && <li className="px-3 py-1.5 text-sm text-fg-muted">No action matches “{q}”.</li>}
      </ul>
    </section>
  );
}
