import { Button, Dialog, Input, toast } from "@nhood/design-system";
import { apiKeyScopes, ProblemMessage, type CreateApiKeyRequest, type CreatedApiKey } from "@nhood/web-kit";
import { useState, type FormEvent } from "react";

type Scope = (typeof apiKeyScopes)[number];

const scopeHelp: Record<Scope, string> = {
  workflows: "trigger and read workflows",
  webhooks: "manage webhook endpoints",
  integrations: "read providers and connections",
  events: "send events",
  leads: "create and read leads",
  end_users: "create connect sessions for end users",
};

export interface CreateApiKeyDialogProps {
  open: boolean;
  onClose: () => void;
  /** creates the key; the dialog shows the returned full key once */
  onCreate: (input: CreateApiKeyRequest) => Promise<CreatedApiKey>;
}

/**
 * Asks for a name and scopes, then shows the new key once with a copy button. Closing the
 * dialog forgets the key: it is never shown again.
 */
export function CreateApiKeyDialog({ open, onClose, onCreate }: CreateApiKeyDialogProps) {
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<Scope[]>([...apiKeyScopes]);
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const close = () => {
    setCreated(null);
    setName("");
    setScopes([...apiKeyScopes]);
    setError(null);
    onClose();
  };
  const toggle = (scope: Scope) =>
    setScopes((s) => (s.includes(scope) ? s.filter((x) => x !== scope) : [...s, scope]));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setPending(true);
    setError(null);
    try {
      setCreated(await onCreate({ name: name.trim(), scopes }));
    } catch (e) {
      setError(e);
    } finally {
      setPending(false);
    }
  };
  const copy = async (key: string) => {
    try {
      await navigator.clipboard.writeText(key);
      toast("API key copied", { tone: "success" });
    } catch {
      toast("Couldn't copy: select the key and copy it by hand", { tone: "danger" });
    }
  };

  if (created) {
    return (
      <Dialog open={open} onClose={close} title="Copy your new API key" description="This is the only time the full key is shown."
        footer={<Button onClick={close}>Done</Button>}>
        <div role="note" className="mb-4 rounded-md border border-warning/30 bg-warning-soft p-3 text-sm text-warning">
          Store it in your backend's secret manager now. You won't be able to see it again; if you lose it, revoke it and create a new one.
        </div>
        <div className="flex items-end gap-2">
          <div className="flex-1">
            <Input label={`API key "${created.name}"`} readOnly value={created.key} className="font-mono text-xs" onFocus={(e) => e.currentTarget.select()} data-autofocus />
          </div>
          <Button variant="secondary" onClick={() => void copy(created.key)}>Copy</Button>
        </div>
      </Dialog>
    );
  }

  return (
    <Dialog open={open} onClose={close} title="Create API key" description="Your backend sends it as a Bearer token to call NeighbourHood.">
      <form onSubmit={submit} className="flex flex-col gap-4">
        {error ? <ProblemMessage title="Couldn't create the API key" error={error} /> : null}
        <Input label="Name" hint="Where it is used, e.g. “Production backend”" required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
        <fieldset>
          <legend className="text-sm font-medium text-fg">Scopes</legend>
          <div className="mt-2 grid gap-2 sm:grid-cols-2">
            {apiKeyScopes.map((scope) => (
              <label key={scope} className="flex items-start gap-2 text-sm">
                <input type="checkbox" className="mt-0.5 size-4 accent-brand" checked={scopes.includes(scope)} onChange={() => toggle(scope)} />
                <span>
                  <span className="font-medium text-fg">{scope.replace("_", " ")}</span>
                  <span className="block text-xs text-fg-muted">{scopeHelp[scope]}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        <div className="mt-2 flex justify-end gap-2">
          <Button variant="secondary" onClick={close}>Cancel</Button>
          <Button type="submit" loading={pending} disabled={!name.trim() || scopes.length === 0}>Create API key</Button>
        </div>
      </form>
    </Dialog>
  );
}
