import { Button, Input } from "@nhood/design-system";
import { useState, type FormEvent } from "react";
import type { AuditFilter } from "../api/use-audit";

/** `datetime-local` (the reader's time) → ISO instant; "" → undefined. */
const toIso = (local: string) => (local ? new Date(local).toISOString() : undefined);

/** The explorer's filter form: workspace id, actor id, action (exact or a prefix ending in "."), time range. */
export function AuditFilters({ initial = {}, onApply }: { initial?: AuditFilter; onApply: (f: AuditFilter) => void }) {
  const [f, setF] = useState({ workspace_id: initial.workspace_id ?? "", actor_id: initial.actor_id ?? "", action: initial.action ?? "", from: "", to: "" });
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF((v) => ({ ...v, [k]: e.target.value }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onApply({
      workspace_id: f.workspace_id.trim() || undefined,
      actor_id: f.actor_id.trim() || undefined,
      action: f.action.trim() || undefined,
      from: toIso(f.from),
      to: toIso(f.to),
    });
  };
  return (
    <form onSubmit={submit} aria-label="Filter the audit log" className="mb-4 grid items-end gap-3 sm:grid-cols-3 lg:grid-cols-6">
      <Input label="Workspace id" value={f.workspace_id} onChange={set("workspace_id")} placeholder="uuid" />
      <Input label="Actor id" value={f.actor_id} onChange={set("actor_id")} placeholder="user or API key id" />
      <Input label="Action" value={f.action} onChange={set("action")} placeholder="workspace. or auth.signed_in" />
      <Input label="From" type="datetime-local" value={f.from} onChange={set("from")} />
      <Input label="To" type="datetime-local" value={f.to} onChange={set("to")} />
      <Button type="submit" variant="secondary">
        Apply filters
      </Button>
    </form>
  );
}
