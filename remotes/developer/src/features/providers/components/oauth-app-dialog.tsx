/**
 * Enter the workspace's OAuth client for a provider. The secret is write-only: it is sent once,
 * stored encrypted, and never shown again (saving again replaces it).
 */
import { Button, Dialog, Input, toast } from "@nhood/design-system";
import { describeError, type OAuthApp, type ProviderSummary } from "@nhood/web-kit";
import { useState, type FormEvent } from "react";
import { useDeleteOAuthApp, useSaveOAuthApp } from "../api/use-oauth-apps";

export interface OAuthAppDialogProps {
  ws: string;
  provider: ProviderSummary;
  existing: OAuthApp | null;
  onClose: () => void;
}

export function OAuthAppDialog({ ws, provider, existing, onClose }: OAuthAppDialogProps) {
  const [clientId, setClientId] = useState(existing?.client_id ?? "");
  const [secret, setSecret] = useState("");
  const [scopes, setScopes] = useState((existing?.scopes ?? provider.scopes).join(" "));
  const save = useSaveOAuthApp(ws);
  const remove = useDeleteOAuthApp(ws);
  const problem = save.error ? describeError(save.error) : null;
  const err = (f: string) => problem?.fields.find((x) => x.field === f)?.detail;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(
      { provider: provider.key, client_id: clientId.trim(), client_secret: secret, scopes: scopes.split(/[\s,]+/).filter(Boolean) },
      {
        onSuccess: () => {
          toast(`${provider.name} OAuth app saved`, { tone: "success" });
          onClose();
        },
      },
    );
  };
  return (
    <Dialog
      open
      onClose={onClose}
      title={`${provider.name} OAuth app`}
      description={
        <>
          Register this redirect URL in your {provider.name} app:{" "}
          <code className="break-all font-mono text-xs">{`${window.location.origin}/api/v1/integrations/oauth/callback`}</code>
        </>
      }
      footer={
        <>
          {existing && (
            <Button
              variant="danger-subtle"
              loading={remove.isPending}
              onClick={() =>
                remove.mutate(provider.key, {
                  onSuccess: onClose,
                  onError: (e) => toast("Couldn't remove it", { tone: "danger", description: describeError(e).detail }),
                })
              }
            >
              Remove
            </Button>
          )}
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" form="oauth-app-form" loading={save.isPending}>
            Save
          </Button>
        </>
      }
    >
      <form id="oauth-app-form" onSubmit={submit} className="flex flex-col gap-3">
        <Input
          id="oauth-client-id"
          label="Client id"
          required
          data-autofocus
          value={clientId}
          onChange={(e) => setClientId(e.target.value)}
          error={err("client_id")}
        />
        <Input
          id="oauth-client-secret"
          label="Client secret"
          type="password"
          autoComplete="off"
          required
          value={secret}
          onChange={(e) => setSecret(e.target.value)}
          hint={existing ? "Stored encrypted and never shown again; enter it again to replace it." : "Stored encrypted; it is never shown again."}
          error={err("client_secret")}
        />
        <Input
          id="oauth-scopes"
          label="Scopes"
          value={scopes}
          onChange={(e) => setScopes(e.target.value)}
          hint="Separated by spaces; the provider's defaults are filled in."
          error={err("scopes")}
        />
        {problem && problem.fields.length === 0 && (
          <p role="alert" className="text-sm text-danger">
            {problem.detail}
          </p>
        )}
      </form>
    </Dialog>
  );
}
