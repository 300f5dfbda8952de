/** Creating an API key: name and scopes, then the full key shown once (developer and project portals). */
import { Button, Dialog, Input, toast } from "@nhood/design-system";
import { apiKeyScopes, type CreateApiKeyRequest, type CreatedApiKey } from "@nhood/contracts";
import { useState, type FormEvent } from "react";
import { ProblemMessage } from "@nhood/web-kit";

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
  /**
   * also show the seed 003 §6.1 header pair: `X-API-Key` (the key's visible prefix) and
   * `X-API-Secret` (the full key), with a cURL example sending an event
   */
  showHeaderPair?: boolean;
}

async function copyToClipboard(value: string, what: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(value);
    toast(`${what} copied`, { tone: "success" });
  } catch {
    toast(`Couldn't copy: select the ${what} and copy it by hand`, { tone: "danger" });
  }
}

function CopyableValue({ label, value, copyLabel, what }: { label: string; value: string; copyLabel: string; what: string }) {
  return (
    <div className="flex items-end gap-2">
      <div className="flex-1">
        <Input label={label} readOnly value={value} className="font-mono text-xs" onFocus={(e) => e.currentTarget.select()} />
      </div>
      <Button variant="secondary" onClick={() => void copyToClipboard(value, what)}>
        {copyLabel}
      </Button>
    </div>
  );
}

/**
 * Asks for a name and scopes, then shows the new key once with a copy button. Closing the
 * dialog forgets the key: it is never shown again.
 */
export function CreateApiKeyDialog({ open, onClose, onCreate, showHeaderPair = false }: CreateApiKeyDialogProps) {
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
  const toggle = (scope: Scope) => setScopes((s) => (s.includes(scope) ? s.filter((x) => x !== scope) : [...s, scope]));
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

  if (created) {
    return (
      <Dialog
        open={open}
        onClose={close}
        title="Copy your new API key"
        description="This is the only time the full key is shown."
        footer={<Button onClick={close}>Done</Button>}
      >
        <div role="note" className="mb-4 rounded-md border border-warning/30 bg-warning-soft p-3 text-sm text-warning">
          Store it in your backend's secret manager now. You won't be able to see it again; if you lose it, revoke it and create a new one.
        </div>
        <div className="flex items-end gap-2">
          <div className="flex-1">
            <Input
              label={showHeaderPair ? `X-API-Secret: the API key "${created.name}"` : `API key "${created.name}"`}
              readOnly
              value={created.key}
              className="font-mono text-xs"
              onFocus={(e) => e.currentTarget.select()}
              data-autofocus
            />
          </div>
          <Button variant="secondary" onClick={() => void copyToClipboard(created.key, "API key")}>
            Copy
          </Button>
        </div>
        {showHeaderPair && (
          <div className="mt-4 flex flex-col gap-3">
            <CopyableValue label="X-API-Key: the key's id (its visible prefix)" value={created.prefix} copyLabel="Copy key id" what="key id" />
            <p className="text-sm text-fg-muted">
              Send both headers from your backend, or the key alone as <code>Authorization: Bearer</code>. For example:
            </p>
            <figure aria-label="Example request">
              <pre className="overflow-x-auto rounded-md bg-surface-muted p-3 font-mono text-xs text-fg">
                {`curl -X POST ${window.location.origin}/api/v1/events \\
  -H "X-API-Key: ${created.prefix}" \\
  -H "X-API-Secret: $NH_API_SECRET" \\
  -H "Content-Type: application/json" \\
  -d '{"type":"order.completed","payload":{"orderId":"ord_123"}}'`}
              </pre>
            </figure>
          </div>
        )}
      </Dialog>
    );
  }

  return (
    <Dialog
      open={open}
      onClose={close}
      title="Create API key"
      description={
        showHeaderPair
          ? "Your backend sends it as X-API-Key and X-API-Secret (or as a Bearer token) to call NeighbourHood."
          : "Your backend sends it as a Bearer token to call NeighbourHood."
      }
    >
      <form onSubmit={submit} className="flex flex-col gap-4">
        {error ? <ProblemMessage title="Couldn't create the API key" error={error} /> : null}
        <Input
          label="Name"
          hint="Where it is used, e.g. “Production backend”"
          required
          maxLength={100}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
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
          <Button variant="secondary" onClick={close}>
            Cancel
          </Button>
          <Button type="submit" loading={pending} disabled={!name.trim() || scopes.length === 0}>
            Create API key
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
