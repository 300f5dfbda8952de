import { Button, Dialog, Input, Select } from "@nhood/design-system";
import { ProblemMessage, type CreateStaffRequest, type PlatformRole } from "@nhood/web-kit";
import { useState, type FormEvent } from "react";
import { fieldError } from "../../../lib/field-error";
import { ROLE_OPTIONS } from "./roles";

export interface CreateStaffDialogProps {
  pending: boolean;
  error: unknown;
  onCancel: () => void;
  onSubmit: (input: CreateStaffRequest) => void;
}

/** Adds a staff account with a role and an initial password handed over out of band. */
export function CreateStaffDialog({ pending, error, onCancel, onSubmit }: CreateStaffDialogProps) {
  const [form, setForm] = useState({ name: "", email: "", password: "", platform_role: "support" as PlatformRole });
  const field = fieldError(error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit({ ...form, name: form.name.trim(), email: form.email.trim() });
  };
  return (
    <Dialog open onClose={onCancel} title="Add a staff member" description="They sign in with this email and the initial password you give them.">
      <form onSubmit={submit} noValidate className="flex flex-col gap-4">
        {error ? <ProblemMessage title="Couldn't add the staff member" error={error} /> : null}
        <Input label="Name" value={form.name} error={field("name")} data-autofocus onChange={(e) => setForm({ ...form, name: e.target.value })} />
        <Input label="Email" type="email" value={form.email} error={field("email")} onChange={(e) => setForm({ ...form, email: e.target.value })} />
        <Input
          label="Initial password"
          type="password"
          autoComplete="new-password"
          hint="At least 12 characters."
          value={form.password}
          error={field("password")}
          onChange={(e) => setForm({ ...form, password: e.target.value })}
        />
        <Select
          label="Role"
          value={form.platform_role}
          options={ROLE_OPTIONS}
          onChange={(e) => setForm({ ...form, platform_role: e.target.value as PlatformRole })}
        />
        <div className="mt-2 flex justify-end gap-2">
          <Button variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={pending} disabled={!form.name || !form.email || !form.password}>
            Add staff member
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
