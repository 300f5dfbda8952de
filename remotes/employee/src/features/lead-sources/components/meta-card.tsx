import { useState } from "react";
import { Button, Card, Input, Select } from "@nhood/design-system";
import { AsyncContent, ProblemMessage } from "@nhood/web-kit";
import type { useMeta } from "../api/use-sources";

/** Meta lead ads: this workspace's app secret, page token, verify token, and page/form → CRM client mappings. */
export function MetaCard({ meta, clients }: { meta: ReturnType<typeof useMeta>; clients: { client_id: string; name: string }[] }) {
  const [secret, setSecret] = useState("");
  const [token, setToken] = useState("");
  const [page, setPage] = useState({ page_id: "", form_id: "", client_id: "" });
  const s = meta.settings.data;
  return (
    <Card title="Meta lead ads" description="Subscribe your Meta app's Page webhook (field: leadgen) to the callback URL with the verify token below.">
      <AsyncContent
        status={meta.settings.status}
        error={meta.settings.error}
        onRetry={() => void meta.settings.refetch()}
        errorTitle="Couldn't load Meta settings"
        isEmpty={false}
        empty={null}
      >
        {s && (
          <div className="flex flex-col gap-3 text-sm">
            <p>
              Callback URL:{" "}
              <code>
                {window.location.origin}
                {s.callback_path}
              </code>
            </p>
            <p>
              Verify token: <code data-testid="meta-verify-token">{s.verify_token ?? "not set yet — save the settings once"}</code>{" "}
              <Button size="sm" variant="ghost" onClick={() => meta.update.mutate({ rotate_verify_token: true })}>
                New token
              </Button>
            </p>
            <form
              className="flex flex-wrap items-end gap-2"
              onSubmit={(e) => {
                e.preventDefault();
                meta.update.mutate(
                  { app_secret: secret || undefined, page_access_token: token || undefined },
                  {
                    onSuccess: () => {
                      setSecret("");
                      setToken("");
                    },
                  },
                );
              }}
            >
              <Input
                label={`App secret${s.app_secret_set ? " (set)" : ""}`}
                type="password"
                autoComplete="off"
                value={secret}
                onChange={(e) => setSecret(e.target.value)}
                placeholder={s.app_secret_set ? "••••••• (unchanged)" : "From your Meta app"}
              />
              <Input
                label={`Page access token${s.page_access_token_set ? " (set)" : ""}`}
                type="password"
                autoComplete="off"
                value={token}
                onChange={(e) => setToken(e.target.value)}
                placeholder={s.page_access_token_set ? "••••••• (unchanged)" : "Reads leads from the Graph API"}
              />
              <Button type="submit" loading={meta.update.isPending}>
                Save
              </Button>
            </form>
            {meta.update.error && <ProblemMessage error={meta.update.error} title="Couldn't save the Meta settings" />}
            <h3 className="font-medium">Pages and forms</h3>
            <ul>
              {s.forms.map((f) => (
                <li key={f.id} className="flex items-center gap-2">
                  Page <code>{f.page_id}</code>
                  {f.form_id ? (
                    <>
                      {" "}
                      form <code>{f.form_id}</code>
                    </>
                  ) : (
                    " (all forms)"
                  )}{" "}
                  → <code>{f.client_id}</code>
                  <Button size="sm" variant="ghost" onClick={() => meta.removeForm.mutate(f.id)}>
                    Remove
                  </Button>
                </li>
              ))}
            </ul>
            {s.forms.length === 0 && <p className="text-fg-muted">No pages mapped: notifications for unknown pages are ignored.</p>}
            <form
              className="flex flex-wrap items-end gap-2"
              onSubmit={(e) => {
                e.preventDefault();
                meta.addForm.mutate(
                  { page_id: page.page_id, form_id: page.form_id || undefined, client_id: page.client_id },
                  { onSuccess: () => setPage({ page_id: "", form_id: "", client_id: "" }) },
                );
              }}
            >
              <Input label="Page id" required value={page.page_id} onChange={(e) => setPage({ ...page, page_id: e.target.value })} />
              <Input label="Form id (optional)" value={page.form_id} onChange={(e) => setPage({ ...page, form_id: e.target.value })} />
              <Select
                label="CRM client"
                required
                value={page.client_id}
                onChange={(e) => setPage({ ...page, client_id: e.target.value })}
                options={[{ value: "", label: "Choose…" }, ...clients.map((c) => ({ value: c.client_id, label: c.name }))]}
              />
              <Button type="submit" variant="secondary" loading={meta.addForm.isPending}>
                Map page
              </Button>
            </form>
            {meta.addForm.error && <ProblemMessage error={meta.addForm.error} title="Couldn't map the page" />}
          </div>
        )}
      </AsyncContent>
    </Card>
  );
}
