import { api, type CreateApiKeyRequest } from "@nhood/web-kit";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

const keys = (ws: string) => ["developer", ws, "api-keys"] as const;

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
