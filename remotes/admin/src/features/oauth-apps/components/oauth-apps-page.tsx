/** Platform OAuth apps: one per provider, used by workspaces without their own (super_admin edits; support reads). */
import { Button, EmptyState, PageHeader, Table, TBody, Td, Th, THead, Tr, toast } from "@nhood/design-system";
import { AsyncContent, ProblemMessage, formatDate, useMarkPortalReady } from "@nhood/web-kit";
import { useState } from "react";
import { canManageWorkspaces, usePlatformRole } from "../../../lib/permissions";
import { useDeletePlatformOAuthApp, useOAuthProviders, usePlatformOAuthApps, useSavePlatformOAuthApp } from "../api/use-oauth-apps";
import { OAuthAppDialog } from "./oauth-app-dialog";

export function OAuthAppsPage() {
  const query = usePlatformOAuthApps();
  const providers = useOAuthProviders();
  const save = useSavePlatformOAuthApp();
  const remove = useDeletePlatformOAuthApp();
  const manage = canManageWorkspaces(usePlatformRole());
  const [editing, setEditing] = useState<{ provider: string | null } | null>(null);
  useMarkPortalReady(query.status !== "pending");
  const apps = query.data?.items ?? [];
  const taken = new Set(apps.map((a) => a.provider));
  const options = (providers.data ?? []).filter((p) => !taken.has(p.key)).map((p) => ({ value: p.key, label: p.name }));
  const close = () => {
    setEditing(null);
    save.reset();
  };
  return (
    <>
      <PageHeader
        title="OAuth apps"
        description="The platform's own OAuth app per provider. A workspace that has not registered its own app at a provider connects its end users through the platform's; its own app always wins."
        actions={
          manage ? (
            <Button disabled={!options.length} onClick={() => setEditing({ provider: null })}>
              Add OAuth app
            </Button>
          ) : undefined
        }
      />
      {remove.error ? (
        <div className="mb-4">
          <ProblemMessage title="Couldn't delete the OAuth app" error={remove.error} />
        </div>
      ) : null}
      <AsyncContent
        status={query.status}
        error={query.error}
        onRetry={() => void query.refetch()}
        errorTitle="Couldn't load the OAuth apps"
        loadingLabel="Loading OAuth apps…"
        isEmpty={apps.length === 0}
        empty={
          <EmptyState title="No platform OAuth apps">
            {manage ? 'Add one so small workspaces can offer "Connect" without registering their own app.' : "A super admin can add one per provider."}
          </EmptyState>
        }
      >
        <Table caption="Platform OAuth apps">
          <THead>
            <Tr>
              <Th>Provider</Th>
              <Th>Client id</Th>
              <Th>Scopes</Th>
              <Th>Updated</Th>
              {manage && (
                <Th>
                  <span className="sr-only">Actions</span>
                </Th>
              )}
            </Tr>
          </THead>
          <TBody>
            {apps.map((a) => (
              <Tr key={a.provider}>
                <Td className="font-medium">{a.provider_name}</Td>
                <Td>
                  <code className="text-sm">{a.client_id}</code>
                </Td>
                <Td className="text-fg-muted">{a.scopes?.join(" ") ?? "provider defaults"}</Td>
                <Td className="text-fg-muted">
                  <time dateTime={a.updated_at}>{formatDate(a.updated_at)}</time>
                </Td>
                {manage && (
                  <Td>
                    <div className="flex justify-end gap-2">
                      <Button size="sm" variant="secondary" onClick={() => setEditing({ provider: a.provider })}>
                        Replace
                      </Button>
                      <Button
                        size="sm"
                        variant="danger-subtle"
                        loading={remove.isPending && remove.variables === a.provider}
                        onClick={() => remove.mutate(a.provider, { onSuccess: () => toast(`${a.provider_name} app deleted`, { tone: "success" }) })}
                      >
                        Delete
                      </Button>
                    </div>
                  </Td>
                )}
              </Tr>
            ))}
          </TBody>
        </Table>
      </AsyncContent>
      {editing && (
        <OAuthAppDialog
          provider={editing.provider}
          providers={options}
          pending={save.isPending}
          error={save.error}
          onCancel={close}
          onSubmit={(provider, body) =>
            save.mutate(
              { provider, body },
              {
                onSuccess: () => {
                  toast(`${provider} app saved`, { tone: "success" });
                  close();
                },
              },
            )
          }
        />
      )}
    </>
  );
}
