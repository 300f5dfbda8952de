import { api } from "@nhood/web-kit";
import type { SaveOAuthAppRequest } from "@nhood/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

const key = ["admin", "oauth-apps"] as const;

/** The platform's OAuth apps (client ids; secrets are never sent back). */
export function usePlatformOAuthApps() {
  return useQuery({ queryKey: key, queryFn: () => api.admin.oauthApps() });
}

/** The catalogue's OAuth 2 providers, to choose one for a new platform app. */
export function useOAuthProviders() {
  return useQuery({ queryKey: ["catalogue"], queryFn: () => api.integrations.catalogue(), select: (d) => d.items.filter((p) => p.auth_kind === "oauth2") });
}

/** Creates or replaces the platform's app for a provider (super_admin). */
export function useSavePlatformOAuthApp() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ provider, body }: { provider: string; body: SaveOAuthAppRequest }) => api.admin.saveOAuthApp(provider, body),
    onSuccess: () => client.invalidateQueries({ queryKey: key }),
  });
}

export function useDeletePlatformOAuthApp() {
  const client = useQueryClient();
  return useMutation({ mutationFn: (provider: string) => api.admin.deleteOAuthApp(provider), onSuccess: () => client.invalidateQueries({ queryKey: key }) });
}
