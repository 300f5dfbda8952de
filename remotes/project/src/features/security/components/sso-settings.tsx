/**
 * The workspace's single sign-on (OpenID Connect): the identity provider (issuer, client id, a
 * write-only client secret), the role of people who join at their first sign-in, whether passwords
 * are closed to members, and the e-mail domain — proven by a DNS TXT record, checked on demand.
 */
import { Badge, Button, Card, Input, Select, toast } from "@nhood/design-system";
import type { SsoSettings as Settings } from "@nhood/contracts";
import { describeError, ProblemMessage } from "@nhood/web-kit";
import { useState } from "react";
import { useSsoSettings, useUpdateSso, useVerifySsoDomain } from "../api/use-workspace-security";

const roles = ["member", "sales_rep", "sales_manager", "developer", "admin"] as const;

export function SsoSettings({ ws, canEdit }: { ws: string; canEdit: boolean }) {
  const query = useSsoSettings(ws);
  if (query.error) return <ProblemMessage error={query.error} title="Couldn't load single sign-on" onRetry={() => void query.refetch()} />;
  if (!query.data)
    return (
      <p role="status" className="text-sm text-fg-muted">
        Loading single sign-on…
      </p>
    );
  return <SsoForm ws={ws} canEdit={canEdit} settings={query.data} />;
}

function SsoForm({ ws, canEdit, settings }: { ws: string; canEdit: boolean; settings: Settings }) {
  const [form, setForm] = useState({
    issuer: settings.issuer ?? "",
    client_id: settings.client_id ?? "",
    client_secret: "",
    default_role: settings.default_role,
    enforced: settings.enforced,
    email_domain: settings.email_domain ?? "",
  });
  const save = useUpdateSso(ws);
  const verify = useVerifySsoDomain(ws);
  const fieldError = (name: string) => (save.error ? describeError(save.error).fields.find((f) => f.field === name)?.detail : undefined);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  const configured = settings.issuer !== null;

  return (
    <>
      <Card
        title="Single sign-on (OpenID Connect)"
        description="Members of your e-mail domain sign in through your identity provider; people new to the workspace join with the default role."
      >
        <form
          className="grid gap-4 sm:grid-cols-2"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            const { client_secret, ...rest } = form;
            save.mutate(
              { ...rest, issuer: rest.issuer.trim(), ...(client_secret ? { client_secret } : {}) },
              {
                onSuccess: () => {
                  setForm((f) => ({ ...f, client_secret: "" }));
                  toast("Single sign-on saved", { tone: "success" });
                },
              },
            );
          }}
        >
          {save.error ? (
            <div className="sm:col-span-2">
              <ProblemMessage error={save.error} title="Couldn't save single sign-on" />
            </div>
          ) : null}
          <Input
            label="Issuer URL"
            name="issuer"
            type="url"
            placeholder="https://login.example.com"
            value={form.issuer}
            onChange={set("issuer")}
            error={fieldError("issuer")}
            disabled={!canEdit}
          />
          <Input label="Client ID" name="client_id" value={form.client_id} onChange={set("client_id")} error={fieldError("client_id")} disabled={!canEdit} />
          <Input
            label="Client secret"
            name="client_secret"
            type="password"
            autoComplete="off"
            hint={settings.has_client_secret ? "A secret is stored (never shown). Leave empty to keep it." : "Stored encrypted; never shown again."}
            value={form.client_secret}
            onChange={set("client_secret")}
            error={fieldError("client_secret")}
            disabled={!canEdit}
          />
          <Input
            label="E-mail domain"
            name="email_domain"
            placeholder="example.com"
            hint="Changing it asks for a new DNS proof."
            value={form.email_domain}
            onChange={set("email_domain")}
            error={fieldError("email_domain")}
            disabled={!canEdit}
          />
          <Select
            label="Role of people who join through SSO"
            name="default_role"
            options={roles.map((r) => ({ value: r, label: r.replace("_", " ") }))}
            value={form.default_role}
            onChange={set("default_role")}
            disabled={!canEdit}
          />
          <label className="flex items-start gap-2 self-end text-sm text-fg">
            <input
              type="checkbox"
              className="mt-0.5 size-4"
              checked={form.enforced}
              onChange={(e) => setForm({ ...form, enforced: e.target.checked })}
              disabled={!canEdit}
            />
            <span>Members must sign in with SSO (the owner keeps a password as the way back in)</span>
          </label>
          <p className="text-xs text-fg-muted sm:col-span-2">
            Register this redirect URI at your identity provider: <code className="break-all font-mono text-fg">{settings.redirect_uri}</code>
          </p>
          {canEdit ? (
            <div className="sm:col-span-2">
              <Button type="submit" loading={save.isPending}>
                Save single sign-on
              </Button>
            </div>
          ) : (
            <p className="text-sm text-fg-muted sm:col-span-2">Only the workspace's owner changes single sign-on.</p>
          )}
        </form>
      </Card>
      {configured && settings.email_domain ? (
        <Card
          title="E-mail domain"
          description={`Sign-ins with @${settings.email_domain} addresses go to your identity provider once the domain is proven.`}
          actions={<Badge tone={settings.domain_verified ? "success" : "warning"}>{settings.domain_verified ? "Verified" : "Not verified"}</Badge>}
        >
          {settings.domain_verified ? (
            <p className="text-sm text-fg">
              <strong>{settings.email_domain}</strong> is verified for this workspace.
            </p>
          ) : (
            <div className="flex flex-col gap-3 text-sm">
              <p className="text-fg">Publish this TXT record at your DNS provider, then verify:</p>
              <dl className="grid gap-2 rounded border border-line p-3 sm:grid-cols-[8rem_1fr]">
                <dt className="text-fg-muted">Name</dt>
                <dd>
                  <code className="break-all font-mono">{settings.domain_txt_name}</code>
                </dd>
                <dt className="text-fg-muted">Type</dt>
                <dd>TXT</dd>
                <dt className="text-fg-muted">Value</dt>
                <dd>
                  <code className="break-all font-mono">{settings.domain_txt_value}</code>
                </dd>
              </dl>
              {verify.error ? <ProblemMessage error={verify.error} title="The domain isn't verified yet" /> : null}
              {canEdit ? (
                <div>
                  <Button variant="secondary" loading={verify.isPending} onClick={() => verify.mutate()}>
                    Verify domain
                  </Button>
                </div>
              ) : null}
            </div>
          )}
        </Card>
      ) : null}
    </>
  );
}
