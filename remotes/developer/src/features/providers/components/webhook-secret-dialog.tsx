/**
 * Store a provider's webhook signing secret (and Meta's verify token) and show the URL to register
 * at the provider. Secrets are write-only, stored encrypted.
 */
import { Button, Dialog, Input, toast } from "@nhood/design-system";
import { api, describeError } from "@nhood/web-kit";
import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";

export type WebhookProvider = "github" | "stripe" | "slack" | "meta";
/** catalogue provider key → webhook scheme (WhatsApp delivers through Meta's webhooks) */
export const webhookSchemeOf: Record<string, WebhookProvider> = { github: "github", stripe: "stripe", slack: "slack", whatsapp: "meta" };
const secretLabel: Record<WebhookProvider, string> = {
  github: "Webhook secret",
  stripe: "Signing secret (whsec_…)",
  slack: "Signing secret",
  meta: "App secret",
};

export function WebhookSecretDialog({ ws, name, scheme, onClose }: { ws: string; name: string; scheme: WebhookProvider; onClose: () => void }) {
  const [secret, setSecret] = useState("");
  const [verifyToken, setVerifyToken] = useState("");
  const save = useMutation({
    mutationFn: () => api.integrations.saveProviderWebhook(ws, scheme, { secret, ...(scheme === "meta" ? { verify_token: verifyToken } : {}) }),
  });
  const problem = save.error ? describeError(save.error) : null;
  const err = (f: string) => problem?.fields.find((x) => x.field === f)?.detail;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(undefined, { onSuccess: () => toast(`${name} webhook secret saved`, { tone: "success" }) });
  };
  return (
    <Dialog
      open
      onClose={onClose}
      title={`${name} webhooks`}
      description="Deliveries are accepted only with a valid signature; each becomes an event your workflows can trigger on."
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            Close
          </Button>
          <Button type="submit" form="webhook-secret-form" loading={save.isPending}>
            Save secret
          </Button>
        </>
      }
    >
      <form id="webhook-secret-form" onSubmit={submit} className="flex flex-col gap-3">
        <Input
          id="webhook-secret"
          label={secretLabel[scheme]}
          type="password"
          autoComplete="off"
          required
          minLength={8}
          data-autofocus
          value={secret}
          onChange={(e) => setSecret(e.target.value)}
          error={err("secret")}
        />
        {scheme === "meta" && (
          <Input
            id="webhook-verify-token"
            label="Verify token"
            required
            minLength={8}
            value={verifyToken}
            onChange={(e) => setVerifyToken(e.target.value)}
            error={err("verify_token")}
          />
        )}
        {problem && problem.fields.length === 0 && (
          <p role="alert" className="text-sm text-danger">
            {problem.detail}
          </p>
        )}
      </form>
      {save.data && (
        <p role="status" className="mt-3 text-sm">
          Register this URL at {name}: <code className="break-all font-mono text-xs">{save.data.url}</code> (event{" "}
          <code className="font-mono text-xs">{scheme}.webhook_received</code>)
        </p>
      )}
    </Dialog>
  );
}
