/**
 * The workspace's API keys through the identity context's BFF routes
 * (`GET|POST /api/v1/workspaces/{id}/api-keys`, `DELETE …/api-keys/{key_id}`), for every portal
 * that manages them (developer, project: seed 003 §5.2).
 */
import { api, type CreateApiKeyRequest } from "@nhood/web-kit";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

const keys = (ws: string) => ["api-keys", ws] as const;

/** The workspace's API keys, revoked ones included (`GET …/api-keys`). */
export function useApiKeys(ws: string) {
  return useQuery({ queryKey: keys(ws), queryFn: () => api.apiKeys.list(ws) });
}

/** Creates a key; the answer carries the full key, shown once. */
export function useCreateApiKey(ws: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateApiKeyRequest) => api.apiKeys.create(ws, input),
    onSuccess: () => client.invalidateQueries({ queryKey: keys(ws) }),
  });
}

/** Revokes a key: calls made with it fail from now on. */
export function useRevokeApiKey(ws: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (keyId: string) => api.apiKeys.revoke(ws, keyId),
    onSuccess: () => client.invalidateQueries({ queryKey: keys(ws) }),
  });
}
