import { Button, Dialog, Input } from "@nhood/design-system";
import { ProblemMessage, type PlanDefinition, type UpdatePlanRequest } from "@nhood/web-kit";
import { useState, type FormEvent } from "react";
import { fieldError } from "../../../lib/field-error";
import { QUOTA_FIELDS, type QuotaKey } from "./plan-fields";

export interface PlanDialogProps {
  plan: PlanDefinition;
  pending: boolean;
  error: unknown;
  onCancel: () => void;
  onSave: (changes: UpdatePlanRequest) => void;
}

/** Edits a plan's quotas; an empty field means unlimited. Only changed fields are sent. */
export function PlanDialog({ plan, pending, error, onCancel, onSave }: PlanDialogProps) {
  const [values, setValues] = useState<Record<QuotaKey, string>>(
    () => Object.fromEntries(QUOTA_FIELDS.map((f) => [f.key, plan[f.key] === null ? "" : String(plan[f.key])])) as Record<QuotaKey, string>,
  );
  const field = fieldError(error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const changes: Record<string, number | string | null> = {};
    for (const f of QUOTA_FIELDS) {
      const raw = values[f.key].trim();
      // anything but digits goes as typed, so the BFF answers 400 naming the field (never NaN → null)
      const next = raw === "" ? null : /^\d+$/.test(raw) ? Number(raw) : raw;
      if (next !== plan[f.key]) changes[f.key] = next;
    }
    onSave(changes as UpdatePlanRequest);
  };
  return (
    <Dialog
      open
      onClose={onCancel}
      title={`Edit the ${plan.name} plan`}
      description={`Applies at once to the ${plan.workspace_count} workspaces on this plan. Leave a field empty for unlimited.`}
    >
      <form onSubmit={submit} noValidate className="flex flex-col gap-4">
        {error ? <ProblemMessage title="Couldn't save the plan" error={error} /> : null}
        <div className="grid gap-4 sm:grid-cols-2">
          {QUOTA_FIELDS.map((f, i) => (
            <Input
              key={f.key}
              label={f.label}
              inputMode="numeric"
              placeholder="Unlimited"
              value={values[f.key]}
              error={field(f.key)}
              data-autofocus={i === 0 ? true : undefined}
              onChange={(e) => setValues((v) => ({ ...v, [f.key]: e.target.value }))}
            />
          ))}
        </div>
        <div className="mt-2 flex justify-end gap-2">
          <Button variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={pending}>
            Save plan
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
