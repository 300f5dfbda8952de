import { Button, Input } from "@nhood/design-system";
import { useState, type FormEvent } from "react";
import type { WorkspaceAuditFilter } from "../api/use-workspace-audit";

/** `datetime-local` (the reader's time) → ISO instant; "" → undefined. */
const toIso = (local: string) => (local ? new Date(local).toISOString() : undefined);

/** The filter form of the workspace's audit log: actor, action (exact or a prefix ending in "."), target, time range. */
export function AuditFilters({ onApply }: { onApply: (f: WorkspaceAuditFilter) => void }) {
  const [f, setF] = useState({ actor_id: "", action: "", target: "", from: "", to: "" });
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF((v) => ({ ...v, [k]: e.target.value }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onApply({
      actor_id: f.actor_id.trim() || undefined,
      action: f.action.trim() || undefined,
      target: f.target.trim() || undefined,
      from: toIso(f.from),
      to: toIso(f.to),
    });
  };
  return (
    <form onSubmit={submit} aria-label="Filter the audit log" className="mb-4 grid items-end gap-3 sm:grid-cols-3 lg:grid-cols-6">
      <Input label="Actor id" value={f.actor_id} onChange={set("actor_id")} placeholder="user or API key id" />
      <Input label="Action" value={f.action} onChange={set("action")} placeholder="rule. or auth.signed_in" />
      <Input label="Target id" value={f.target} onChange={set("target")} placeholder="what was acted on" />
      <Input label="From" type="datetime-local" value={f.from} onChange={set("from")} />
      <Input label="To" type="datetime-local" value={f.to} onChange={set("to")} />
      <Button type="submit" variant="secondary">
        Apply filters
      </Button>
    </form>
  );
}
