/** The form for providers that take an API key or basic credentials instead of OAuth. */
import { Button, Dialog, Input } from "@nhood/design-system";
import { describeError, type ProviderSummary } from "@nhood/web-kit";
import { useState, type FormEvent } from "react";
import { useConnectWithCredentials } from "../api/use-apps";

const labelOf = (f: string) => f.replace(/_/g, " ").replace(/^\w/, (c) => c.toUpperCase());

export function CredentialsDialog({ provider, onClose }: { provider: ProviderSummary; onClose: () => void }) {
  const [values, setValues] = useState<Record<string, string>>({});
  const connect = useConnectWithCredentials();
  const problem = connect.error ? describeError(connect.error) : null;
  const fieldError = (path: string) => problem?.fields.find((f) => f.field === path)?.detail;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const pick = (fs: string[]) => Object.fromEntries(fs.map((f) => [f, values[f] ?? ""]).filter(([, v]) => v));
    connect.mutate({ provider: provider.key, credentials: pick(provider.credential_fields), config: pick(provider.config_fields) }, { onSuccess: onClose });
  };
  return (
    <Dialog
      open
      onClose={onClose}
      title={`Connect ${provider.name}`}
      description="Your credentials are encrypted and used only for the automations you allow."
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" form="credentials-form" loading={connect.isPending}>
            Connect
          </Button>
        </>
      }
    >
      <form id="credentials-form" onSubmit={submit} className="flex flex-col gap-3">
        {[...provider.credential_fields.map((f) => ["credentials", f] as const), ...provider.config_fields.map((f) => ["config", f] as const)].map(
          ([group, f], i) => (
            <Input
              key={`${group}.${f}`}
              id={`cred-${f}`}
              label={labelOf(f)}
              type={group === "credentials" ? "password" : "text"}
              autoComplete="off"
              required
              data-autofocus={i === 0 ? true : undefined}
              value={values[f] ?? ""}
              onChange={(e) => setValues({ ...values, [f]: e.target.value })}
              error={fieldError(`${group}.${f}`)}
            />
          ),
        )}
        {problem && problem.fields.length === 0 && (
          <p role="alert" className="text-sm text-danger">
            {problem.detail}
          </p>
        )}
      </form>
    </Dialog>
  );
}
