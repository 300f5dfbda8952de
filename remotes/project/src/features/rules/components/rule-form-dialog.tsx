import { Button, Dialog, Input, Select } from "@nhood/design-system";
import { ProblemMessage, isApiError, type Rule, type RuleInput, type Sound, type WorkspaceRole } from "@nhood/web-kit";
import { useEffect, useState, type FormEvent } from "react";
import { ConditionEditor } from "./condition-editor";

const roles: WorkspaceRole[] = ["owner", "admin", "developer", "sales_manager", "sales_rep", "member"];
const empty: RuleInput = {
  name: "",
  condition: "true",
  target_roles: ["owner", "admin"],
  priority: 100,
  severity: "normal",
  sound_id: null,
  title_template: "",
  message_template: "",
  channels: [],
  active: true,
};

export interface RuleFormDialogProps {
  open: boolean;
  rule: Rule | null;
  sounds: Sound[];
  onClose: () => void;
  onSave: (input: RuleInput) => Promise<unknown>;
}

/** Create or edit a rule: condition (builder or CEL), target roles, priority, severity, sound, templates, e-mail, active. */
export function RuleFormDialog({ open, rule, sounds, onClose, onSave }: RuleFormDialogProps) {
  const [v, setV] = useState<RuleInput>(empty);
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState(false);
  useEffect(() => {
    if (open) {
      setV(rule ? { ...rule } : empty);
      setError(null);
    }
  }, [open, rule]);
  const set = <K extends keyof RuleInput>(k: K, value: RuleInput[K]) => setV((s) => ({ ...s, [k]: value }));
  const fieldError = (pointer: string) => (isApiError(error) ? error.problem.errors?.find((e) => e.pointer === pointer)?.detail : undefined);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setPending(true);
    setError(null);
    try {
      await onSave(v);
      onClose();
    } catch (err) {
      setError(err);
    } finally {
      setPending(false);
    }
  };
  const toggleRole = (r: WorkspaceRole) => set("target_roles", v.target_roles.includes(r) ? v.target_roles.filter((x) => x !== r) : [...v.target_roles, r]);
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={rule ? `Edit rule "${rule.name}"` : "Create rule"}
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" form="rule-form" loading={pending}>
            {rule ? "Save rule" : "Create rule"}
          </Button>
        </>
      }
    >
      <form id="rule-form" onSubmit={(e) => void submit(e)} className="flex max-h-[60vh] flex-col gap-3 overflow-y-auto pr-1">
        {error !== null && <ProblemMessage title="Couldn't save the rule" error={error} />}
        <Input label="Name" required value={v.name} onChange={(e) => set("name", e.target.value)} error={fieldError("#/name")} data-autofocus />
        <ConditionEditor value={v.condition} onChange={(c) => set("condition", c)} error={fieldError("#/condition")} />
        <fieldset>
          <legend className="text-sm font-medium text-fg">Notify members with these roles</legend>
          <div className="mt-1 flex flex-wrap gap-3">
            {roles.map((r) => (
              <label key={r} className="flex items-center gap-1 text-sm">
                <input type="checkbox" checked={v.target_roles.includes(r)} onChange={() => toggleRole(r)} /> {r.replace("_", " ")}
              </label>
            ))}
          </div>
          {fieldError("#/target_roles") && <p className="text-xs text-danger">{fieldError("#/target_roles")}</p>}
        </fieldset>
        <div className="grid grid-cols-2 gap-3">
          <Input
            label="Priority"
            type="number"
            min={0}
            max={10000}
            hint="lower runs first"
            value={v.priority}
            onChange={(e) => set("priority", Number(e.target.value))}
          />
          <Select
            label="Severity"
            value={v.severity}
            onChange={(e) => set("severity", e.target.value as RuleInput["severity"])}
            options={["low", "normal", "high", "critical"].map((s) => ({ value: s, label: s }))}
          />
        </div>
        <Select
          label="Sound"
          value={v.sound_id ?? ""}
          onChange={(e) => set("sound_id", e.target.value || null)}
          options={[{ value: "", label: "Default chime" }, ...sounds.map((s) => ({ value: s.id, label: s.name }))]}
        />
        <Input
          label="Title"
          required
          value={v.title_template}
          placeholder="Order {{ event.payload.orderId }} completed"
          onChange={(e) => set("title_template", e.target.value)}
          error={fieldError("#/title_template")}
        />
        <Input
          label="Message"
          value={v.message_template ?? ""}
          placeholder="Amount: {{ event.payload.amount }}"
          onChange={(e) => set("message_template", e.target.value)}
        />
        {(["email", "push"] as const).map((ch) => (
          <label key={ch} className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={v.channels?.includes(ch) ?? false}
              onChange={(e) => set("channels", e.target.checked ? [...(v.channels ?? []), ch] : (v.channels ?? []).filter((x) => x !== ch))}
            />
            {ch === "email" ? "Also send by e-mail" : "Also send as a browser push notification"}
          </label>
        ))}
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={v.active ?? true} onChange={(e) => set("active", e.target.checked)} /> Active
        </label>
      </form>
    </Dialog>
  );
}
