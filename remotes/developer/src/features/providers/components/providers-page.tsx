/** The provider catalogue: search, category and auth-kind filters, and the workspace's OAuth apps. */
import { EmptyState, Input, PageHeader, Select } from "@nhood/design-system";
import { AsyncContent, useActiveWorkspaceId, useMarkPortalReady, type ProviderSummary } from "@nhood/web-kit";
import { useMemo, useState } from "react";
import { useWorkspaceProviders } from "../api/use-providers";
import { useOAuthApps } from "../api/use-oauth-apps";
import { OAuthAppDialog } from "./oauth-app-dialog";
import { WebhookSecretDialog, webhookSchemeOf } from "./webhook-secret-dialog";
import { authLabel, categoryLabel, filterProviders, type ProviderFilter } from "./filter-providers";
import { ProviderCard } from "./provider-card";
import { CustomProviders, type CustomProvider } from "./custom-providers";

/** A custom provider seen through the catalogue's shape, for the OAuth app dialog. */
const asSummary = (c: CustomProvider, enabled: boolean): ProviderSummary => ({
  key: c.key,
  name: c.name,
  category: "custom",
  auth_kind: "oauth2",
  scopes: [],
  credential_fields: [],
  config_fields: [],
  base_url: c.api_base_url,
  docs_url: "",
  logo_url: "",
  color: "#64748b",
  actions: [{ key: "http.request", title: "HTTP request" }],
  enabled,
});

export function ProvidersPage() {
  const ws = useActiveWorkspaceId() ?? "";
  const query = useWorkspaceProviders(ws);
  const apps = useOAuthApps(ws);
  const [filter, setFilter] = useState<ProviderFilter>({ q: "", category: "", auth: "" });
  const [editing, setEditing] = useState<ProviderSummary | null>(null);
  const [hooks, setHooks] = useState<ProviderSummary | null>(null);
  useMarkPortalReady(query.status !== "pending");
  const all = query.data?.items ?? [];
  const categories = useMemo(() => [...new Set(all.map((p) => p.category))].sort(), [all]);
  const shown = filterProviders(all, filter);
  return (
    <>
      <PageHeader title="Providers" description="The apps your end users can connect, and the OAuth apps your workspace uses for them." />
      <div className="mb-4 grid gap-3 sm:grid-cols-3">
        <Input
          id="provider-search"
          label="Search"
          type="search"
          placeholder="Slack, create issue…"
          value={filter.q}
          onChange={(e) => setFilter({ ...filter, q: e.target.value })}
        />
        <Select
          id="provider-category"
          label="Category"
          value={filter.category}
          onChange={(e) => setFilter({ ...filter, category: e.target.value })}
          options={[{ value: "", label: "All categories" }, ...categories.map((c) => ({ value: c, label: categoryLabel(c) }))]}
        />
        <Select
          id="provider-auth"
          label="Authentication"
          value={filter.auth}
          onChange={(e) => setFilter({ ...filter, auth: e.target.value })}
          options={[{ value: "", label: "Any" }, ...Object.entries(authLabel).map(([value, label]) => ({ value, label }))]}
        />
      </div>
      <AsyncContent
        status={query.status}
        error={query.error}
        onRetry={() => void query.refetch()}
        errorTitle="Couldn't load the providers"
        loadingLabel="Loading providers…"
        isEmpty={shown.length === 0}
        empty={<EmptyState title="No provider matches">Clear the search or pick another category.</EmptyState>}
      >
        <p className="mb-3 text-sm text-fg-muted" role="status">
          {shown.length} of {all.length} providers
        </p>
        <ul className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3" aria-label="Providers">
          {shown.map((p) => (
            <ProviderCard key={p.key} provider={p} onSetUp={setEditing} onWebhooks={webhookSchemeOf[p.key] ? setHooks : undefined} />
          ))}
        </ul>
      </AsyncContent>
      <div className="mt-8">
        <CustomProviders
          ws={ws}
          items={query.data?.custom ?? []}
          onSetUp={(c: CustomProvider) => setEditing(asSummary(c, apps.data?.items.some((a) => a.provider === c.key) ?? false))}
        />
      </div>
      {hooks && <WebhookSecretDialog ws={ws} name={hooks.name} scheme={webhookSchemeOf[hooks.key]!} onClose={() => setHooks(null)} />}
      {editing && (
        <OAuthAppDialog
          ws={ws}
          provider={editing}
          existing={apps.data?.items.find((a) => a.provider === editing.key) ?? null}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
}
