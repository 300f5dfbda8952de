import { Button, Dialog, Input, Select } from "@nhood/design-system";
import { ProblemMessage, isApiError, type Rule, type RuleInput, type Sound, type WorkspaceRole } from "@nhood/web-kit";
import type { UserRole } from "@nhood/contracts/users";
import { useEffect, useState, type FormEvent } from "react";
import { ConditionEditor } from "./condition-editor";

const roles: WorkspaceRole[] = ["owner", "admin", "developer", "sales_manager", "sales_rep", "member"];
const empty: RuleInput = {
  name: "",
  condition: "true",
  target_roles: ["owner", "admin"],
  target_user_roles: [],
  target_event_users: false,
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
  /** the workspace's user roles (`GET /roles`); `error` when they could not be loaded */
  userRoles: { items: UserRole[]; loading?: boolean; error?: unknown };
}

/**
 * Create or edit a rule: condition (builder or CEL), whom it notifies (staff roles, the workspace's
 * user roles, the users the event names), priority, severity, sound, templates, channels, active.
 */
export function RuleFormDialog({ open, rule, sounds, onClose, onSave, userRoles }: RuleFormDialogProps) {
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
  // `#/target_user_roles` or one of its items (`#/target_user_roles/0`: an unknown role)
  const userRoleErrors = isApiError(error)
    ? (error.problem.errors ?? []).filter((e) => e.pointer === "#/target_user_roles" || e.pointer.startsWith("#/target_user_roles/")).map((e) => e.detail)
    : [];
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
  const staffRoles = v.target_roles ?? [];
  const toggleRole = (r: WorkspaceRole) => set("target_roles", staffRoles.includes(r) ? staffRoles.filter((x) => x !== r) : [...staffRoles, r]);
  const chosenUserRoles = v.target_user_roles ?? [];
  const toggleUserRole = (k: string) =>
    set("target_user_roles", chosenUserRoles.includes(k) ? chosenUserRoles.filter((x) => x !== k) : [...chosenUserRoles, k]);
  // the rule's roles the workspace no longer defines stay listed, so they can be unticked
  const userRoleOptions = [
    ...userRoles.items.map((r) => ({ key: r.key, name: r.name })),
    ...chosenUserRoles.filter((k) => !userRoles.items.some((r) => r.key === k)).map((k) => ({ key: k, name: k })),
  ];
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
                <input type="checkbox" checked={staffRoles.includes(r)} onChange={() => toggleRole(r)} /> {r.replace("_", " ")}
              </label>
            ))}
          </div>
          {fieldError("#/target_roles") && <p className="text-xs text-danger">{fieldError("#/target_roles")}</p>}
        </fieldset>
        <fieldset>
          <legend className="text-sm font-medium text-fg">Notify users (your app's users) with these roles</legend>
          {userRoles.loading ? (
            <p className="mt-1 text-sm text-fg-muted">Loading user roles…</p>
          ) : userRoles.error !== undefined && userRoles.error !== null ? (
            <div className="mt-1">
              <ProblemMessage title="Couldn't load your users' roles" error={userRoles.error} />
            </div>
          ) : userRoleOptions.length === 0 ? (
            <p className="mt-1 text-sm text-fg-muted">
              This workspace has no user roles yet. Create them with <code className="font-mono text-xs">POST /api/v1/roles</code> or in the developer portal.
            </p>
          ) : (
            <div className="mt-1 flex flex-wrap gap-3">
              {userRoleOptions.map((r) => (
                <label key={r.key} className="flex items-center gap-1 text-sm">
                  <input type="checkbox" checked={chosenUserRoles.includes(r.key)} onChange={() => toggleUserRole(r.key)} /> {r.name}
                </label>
              ))}
            </div>
          )}
          {userRoleErrors.map((d) => (
            <p key={d} className="text-xs text-danger">
              {d}
            </p>
          ))}
        </fieldset>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={v.target_event_users ?? false} onChange={(e) => set("target_event_users", e.target.checked)} /> Notify the users the
          event names (payload.userId / payload.userIds)
        </label>
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
