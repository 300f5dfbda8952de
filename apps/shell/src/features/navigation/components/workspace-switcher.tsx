import type { Membership } from "@nhood/contracts";
import { toast } from "@nhood/design-system";
import { describeError } from "@nhood/web-kit";
import { useEffect, useId } from "react";

export interface WorkspaceSwitcherProps {
  memberships: Membership[];
  activeId: string | null;
  pending: boolean;
  error: unknown;
  onSwitch: (workspaceId: string) => void;
}

/** Picks the active workspace among the person's memberships (shown when there are several). */
export function WorkspaceSwitcher({ memberships, activeId, pending, error, onSwitch }: WorkspaceSwitcherProps) {
  const id = useId();
  useEffect(() => {
    if (error) toast("Couldn't switch workspace", { tone: "danger", description: describeError(error).detail ?? describeError(error).title });
  }, [error]);
  return (
    <div className="flex items-center gap-2">
      <label htmlFor={id} className="text-sm text-fg-muted">
        Workspace
      </label>
      <select
        id={id}
        value={activeId ?? ""}
        disabled={pending}
        aria-busy={pending || undefined}
        onChange={(e) => e.target.value && e.target.value !== activeId && onSwitch(e.target.value)}
        className="h-8 rounded-md border border-line-strong bg-surface px-2 text-sm text-fg"
      >
        {activeId === null && <option value="">Choose…</option>}
        {memberships.map((m) => (
          <option key={m.workspace_id} value={m.workspace_id}>
            {m.workspace_name} ({m.role.replace("_", " ")})
          </option>
        ))}
      </select>
    </div>
  );
}
