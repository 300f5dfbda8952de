/** Save or remove the workspace's OAuth app (client id + secret) for a provider. */
import { api } from "@nhood/web-kit";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

export function useOAuthApps(ws: string) {
  return useQuery({ queryKey: ["workspace", ws, "oauth-apps"], queryFn: () => api.integrations.oauthApps(ws), enabled: ws !== "" });
}

export function useSaveOAuthApp(ws: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (b: { provider: string; client_id: string; client_secret: string; scopes?: string[] }) =>
      api.integrations.saveOAuthApp(ws, b.provider, { client_id: b.client_id, client_secret: b.client_secret, scopes: b.scopes }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["workspace", ws] }),
  });
}

export function useDeleteOAuthApp(ws: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (provider: string) => api.integrations.deleteOAuthApp(ws, provider),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["workspace", ws] }),
  });
}
