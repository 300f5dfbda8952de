import { Button, Dialog, Input, Select } from "@nhood/design-system";
import { ProblemMessage } from "@nhood/web-kit";
import type { SaveOAuthAppRequest } from "@nhood/contracts";
import { useState, type FormEvent } from "react";
import { fieldError } from "../../../lib/field-error";

export interface OAuthAppDialogProps {
  /** the provider being edited, or null to choose one */
  provider: string | null;
  providers: { value: string; label: string }[];
  pending: boolean;
  error: unknown;
  onCancel: () => void;
  onSubmit: (provider: string, body: SaveOAuthAppRequest) => void;
}

/** Sets the platform's OAuth app for a provider: client id, secret (write-only) and optional scopes. */
export function OAuthAppDialog({ provider, providers, pending, error, onCancel, onSubmit }: OAuthAppDialogProps) {
  const [form, setForm] = useState({ provider: provider ?? providers[0]?.value ?? "", client_id: "", client_secret: "", scopes: "" });
  const field = fieldError(error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const scopes = form.scopes.split(/[\s,]+/).filter(Boolean);
    onSubmit(form.provider, { client_id: form.client_id.trim(), client_secret: form.client_secret, ...(scopes.length ? { scopes } : {}) });
  };
  return (
    <Dialog
      open
      onClose={onCancel}
      title={provider ? `Replace the platform's ${provider} app` : "Add a platform OAuth app"}
      description="Workspaces without an OAuth app of their own for this provider connect their end users through this one. Register the redirect URI /api/v1/integrations/oauth/callback of this site at the provider."
    >
      <form onSubmit={submit} noValidate className="flex flex-col gap-4">
        {error ? <ProblemMessage title="Couldn't save the OAuth app" error={error} /> : null}
        {provider ? null : (
          <Select label="Provider" value={form.provider} options={providers} onChange={(e) => setForm({ ...form, provider: e.target.value })} />
        )}
        <Input
          label="Client id"
          value={form.client_id}
          error={field("client_id")}
          data-autofocus
          onChange={(e) => setForm({ ...form, client_id: e.target.value })}
        />
        <Input
          label="Client secret"
          type="password"
          autoComplete="off"
          hint="Encrypted at rest; never shown again."
          value={form.client_secret}
          error={field("client_secret")}
          onChange={(e) => setForm({ ...form, client_secret: e.target.value })}
        />
        <Input
          label="Scopes (optional)"
          hint="Space or comma separated; empty uses the provider's defaults."
          value={form.scopes}
          error={field("scopes")}
          onChange={(e) => setForm({ ...form, scopes: e.target.value })}
        />
        <div className="mt-2 flex justify-end gap-2">
          <Button variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={pending} disabled={!form.provider || !form.client_id || !form.client_secret}>
            Save
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
