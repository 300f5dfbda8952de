/**
 * The API-keys screen the developer and project portals share: the workspace's keys (revoked ones
 * included), create (the secret shown once; `showHeaderPair` adds seed 003's X-API-Key /
 * X-API-Secret pair) and revoke after confirmation. `description` and `emptyText` say what the
 * keys are for in the portal at hand.
 */
import { Button, EmptyState, PageHeader, toast } from "@nhood/design-system";
import { AsyncContent, useActiveWorkspaceId, useMarkPortalReady, type ApiKey } from "@nhood/web-kit";
import { useState, type ReactNode } from "react";
import { ApiKeysTable } from "./api-keys-table";
import { CreateApiKeyDialog } from "./create-api-key-dialog";
import { RevokeApiKeyDialog } from "./revoke-api-key-dialog";
import { useApiKeys, useCreateApiKey, useRevokeApiKey } from "./use-api-keys";

export interface ApiKeysScreenProps {
  description: string;
  emptyText: ReactNode;
  showHeaderPair?: boolean;
}

export function ApiKeysScreen({ description, emptyText, showHeaderPair = false }: ApiKeysScreenProps) {
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
      <PageHeader title="API keys" description={description} actions={createButton} />
      <AsyncContent
        status={query.status}
        error={query.error}
        onRetry={() => void query.refetch()}
        errorTitle="Couldn't load API keys"
        loadingLabel="Loading API keys…"
        isEmpty={(query.data?.items.length ?? 0) === 0}
        empty={
          <EmptyState title="No API keys yet" action={createButton}>
            {emptyText}
          </EmptyState>
        }
      >
        <ApiKeysTable
          apiKeys={query.data?.items ?? []}
          onRevoke={(key) => {
            revoke.reset();
            setRevoking(key);
          }}
        />
      </AsyncContent>
      <CreateApiKeyDialog open={creating} onClose={() => setCreating(false)} onCreate={create.mutateAsync} showHeaderPair={showHeaderPair} />
      <RevokeApiKeyDialog apiKey={revoking} pending={revoke.isPending} error={revoke.error} onCancel={() => setRevoking(null)} onConfirm={confirmRevoke} />
    </>
  );
}
