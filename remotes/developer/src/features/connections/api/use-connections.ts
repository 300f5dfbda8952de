/** Workspace connections, the Test mode switch and what the sandbox received (issue #14). */
import { api, type CreateWorkspaceConnectionRequest } from "@nhood/web-kit";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

export function useTestMode(ws: string) {
  return useQuery({ queryKey: ["developer", ws, "test-mode"], queryFn: () => api.workspaces.testMode(ws), enabled: Boolean(ws) });
}

export function useSetTestMode(ws: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (on: boolean) => api.workspaces.setTestMode(ws, on),
    onSuccess: (data) => qc.setQueryData(["developer", ws, "test-mode"], data),
  });
}

export function useWorkspaceConnections(ws: string) {
  return useQuery({ queryKey: ["developer", ws, "workspace-connections"], queryFn: () => api.integrations.workspaceConnections(ws) });
}

export function useCreateWorkspaceConnection(ws: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (b: CreateWorkspaceConnectionRequest) => api.integrations.createWorkspaceConnection(ws, b),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ["developer", ws, "workspace-connections"] }),
  });
}

export function useDeleteWorkspaceConnection(ws: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.integrations.deleteWorkspaceConnection(ws, id),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ["developer", ws, "workspace-connections"] }),
  });
}

/** Starts the OAuth authorization that connects a provider as the workspace, then follows it. */
export function useAuthorizeWorkspaceConnection(ws: string) {
  return useMutation({
    mutationFn: (provider: string) => api.integrations.authorizeWorkspaceConnection(ws, provider, window.location.pathname),
    onSuccess: (r) => window.location.assign(r.auth_url),
  });
}

export function useSandboxRequests(ws: string) {
  return useInfiniteQuery({
    queryKey: ["developer", ws, "sandbox-requests"],
    queryFn: ({ pageParam }) => api.integrations.sandboxRequests(ws, { cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
  });
}
