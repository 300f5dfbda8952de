import { Button, Dialog, Input, Select } from "@nhood/design-system";
import { ProblemMessage, type AdminCreateWorkspaceRequest, type PlanDefinition } from "@nhood/web-kit";
import { fieldError } from "../../../lib/field-error";
import { useState, type FormEvent } from "react";

export interface CreateWorkspaceDialogProps {
  open: boolean;
  plans: PlanDefinition[];
  pending: boolean;
  error: unknown;
  onCancel: () => void;
  onSubmit: (input: AdminCreateWorkspaceRequest) => void;
}

/** Creates a workspace and its owner account (the owner signs in with the initial password given here). */
export function CreateWorkspaceDialog({ open, plans, pending, error, onCancel, onSubmit }: CreateWorkspaceDialogProps) {
  const [form, setForm] = useState({ name: "", owner_email: "", owner_password: "", plan: "free" });
  const field = fieldError(error);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit({ ...form, name: form.name.trim(), owner_email: form.owner_email.trim() });
  };
  return (
    <Dialog
      open={open}
      onClose={onCancel}
      title="New workspace"
      description="Creates the workspace, its owner's account, a first API key and a webhook secret."
    >
      <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
        {error ? <ProblemMessage title="Couldn't create the workspace" error={error} /> : null}
        <Input label="Workspace name" value={form.name} onChange={set("name")} error={field("name")} data-autofocus required />
        <Input label="Owner email" type="email" value={form.owner_email} onChange={set("owner_email")} error={field("owner_email")} required />
        <Input
          label="Owner's initial password"
          type="password"
          autoComplete="new-password"
          hint="At least 12 characters; hand it to the owner securely."
          value={form.owner_password}
          onChange={set("owner_password")}
          error={field("owner_password")}
          required
        />
        <Select label="Plan" value={form.plan} onChange={set("plan")} error={field("plan")} options={plans.map((p) => ({ value: p.id, label: p.name }))} />
        <div className="mt-2 flex justify-end gap-2">
          <Button variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={pending} disabled={!form.name || !form.owner_email || !form.owner_password}>
            Create workspace
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
