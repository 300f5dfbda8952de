/** The developer portal's first screen: the workspace's API keys; create (shown once) and revoke. */
import { Button, EmptyState, PageHeader, toast } from "@nhood/design-system";
import { AsyncContent, useActiveWorkspaceId, useMarkPortalReady, type ApiKey } from "@nhood/web-kit";
import { ApiKeysTable, CreateApiKeyDialog, RevokeApiKeyDialog } from "@nhood/web-kit/api-keys";
import { useState } from "react";
import { useApiKeys, useCreateApiKey, useRevokeApiKey } from "../api/use-api-keys";

export function ApiKeysPage() {
  const ws = useActiveWorkspaceId() ?? "";
  const query = useApiKeys(ws);
  const create = useCreateApiKey(ws);
  const revoke = useRevokeApiKey(ws);
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  useMarkPortalReady(query.status !== "pending");

  const createButton = <Button onClick={() => setCreating(true)}>Create API key</Button>;
  const confirmRevoke = (key: ApiKey) =>
    revoke.mutate(key.id, {
      onSuccess: () => {
        setRevoking(null);
        toast(`API key "${key.name}" revoked`, { tone: "success" });
      },
    });

  return (
    <>
      <PageHeader title="API keys" description="Keys your backend uses to call the NeighbourHood API." actions={createButton} />
      <AsyncContent
        status={query.status}
        error={query.error}
        onRetry={() => void query.refetch()}
        errorTitle="Couldn't load API keys"
        loadingLabel="Loading API keys…"
        isEmpty={(query.data?.items.length ?? 0) === 0}
        empty={
          <EmptyState title="No API keys yet" action={createButton}>
            Your backend needs an API key to create connect sessions for your end users, send
            events and trigger workflows. Create one and keep it secret.
          </EmptyState>
        }
      >
        <ApiKeysTable apiKeys={query.data?.items ?? []} onRevoke={(key) => { revoke.reset(); setRevoking(key); }} />
      </AsyncContent>
      <CreateApiKeyDialog open={creating} onClose={() => setCreating(false)} onCreate={create.mutateAsync} />
      <RevokeApiKeyDialog apiKey={revoking} pending={revoke.isPending} error={revoke.error} onCancel={() => setRevoking(null)} onConfirm={confirmRevoke} />
    </>
  );
}
