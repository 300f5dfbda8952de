/** The providers the workspace enabled and the end user's connections, with connect/disconnect mutations. */
import { api, type ConnectionDetail } from "@nhood/web-kit";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

export function useAvailableProviders() {
  return useQuery({ queryKey: ["client", "providers"], queryFn: () => api.integrations.client.providers() });
}

export function useMyConnections() {
  return useQuery({ queryKey: ["client", "connections", "details"], queryFn: () => api.integrations.client.connections() });
}

/** Starts the OAuth redirect: the BFF answers the provider's authorization URL; we go there. */
export function useStartOAuth(navigate: (url: string) => void = (url) => window.location.assign(url)) {
  return useMutation({
    mutationFn: (provider: string) => api.integrations.client.authUrl(provider, window.location.pathname),
    onSuccess: ({ auth_url }) => navigate(auth_url),
  });
}

export function useConnectWithCredentials() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: api.integrations.client.connectWithCredentials,
    onSuccess: () => qc.invalidateQueries({ queryKey: ["client", "connections"] }),
  });
}

export function useDisconnect() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (c: ConnectionDetail) => api.integrations.client.disconnect(c.id),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["client", "connections"] }),
  });
}
