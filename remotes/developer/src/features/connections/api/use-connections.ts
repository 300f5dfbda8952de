/**
 * Workspace connections, the Test mode switch and what the sandbox received (issue #14). Called
 * through `api.request` with the contracts' schemas rather than as methods of the shared client,
 * which the shell ships in its initial bundle (budgeted).
 */
import { authUrlResponseSchema } from "@nhood/contracts";
import {
  type CreateWorkspaceConnectionRequest,
  sandboxRequestPageSchema,
  testModeSchema,
  workspaceConnectionListSchema,
  workspaceConnectionSchema,
} from "@nhood/contracts/test-mode";
import { api } from "@nhood/web-kit";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

const wsPath = (id: string) => `/api/v1/workspaces/${encodeURIComponent(id)}`;
export const connectionsApi = {
  testMode: (id: string) => api.request("GET", `${wsPath(id)}/test-mode`, testModeSchema),
  setTestMode: (id: string, on: boolean) => api.request("PUT", `${wsPath(id)}/test-mode`, testModeSchema, { test_mode: on }),
  list: (id: string) => api.request("GET", `${wsPath(id)}/connections`, workspaceConnectionListSchema),
  create: (id: string, b: CreateWorkspaceConnectionRequest) => api.request("POST", `${wsPath(id)}/connections`, workspaceConnectionSchema, b),
  authorize: (id: string, provider: string, returnTo?: string) =>
    api.request("POST", `${wsPath(id)}/connections/${encodeURIComponent(provider)}/authorize`, authUrlResponseSchema, { return_to: returnTo }),
  remove: (id: string, connectionId: string) => api.request("DELETE", `${wsPath(id)}/connections/${connectionId}`, null),
  sandboxRequests: (id: string, cursor: string | null) =>
    api.request("GET", `${wsPath(id)}/sandbox/requests${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ""}`, sandboxRequestPageSchema),
};

export function useTestMode(ws: string) {
  return useQuery({ queryKey: ["developer", ws, "test-mode"], queryFn: () => connectionsApi.testMode(ws), enabled: Boolean(ws) });
}

export function useSetTestMode(ws: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (on: boolean) => connectionsApi.setTestMode(ws, on),
    onSuccess: (data) => qc.setQueryData(["developer", ws, "test-mode"], data),
  });
}

export function useWorkspaceConnections(ws: string) {
  return useQuery({ queryKey: ["developer", ws, "workspace-connections"], queryFn: () => connectionsApi.list(ws) });
}

export function useCreateWorkspaceConnection(ws: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (b: CreateWorkspaceConnectionRequest) => connectionsApi.create(ws, b),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ["developer", ws, "workspace-connections"] }),
  });
}

export function useDeleteWorkspaceConnection(ws: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => connectionsApi.remove(ws, id),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ["developer", ws, "workspace-connections"] }),
  });
}

/** Starts the OAuth authorization that connects a provider as the workspace, then follows it. */
export function useAuthorizeWorkspaceConnection(ws: string) {
  return useMutation({
    mutationFn: (provider: string) => connectionsApi.authorize(ws, provider, window.location.pathname),
    onSuccess: (r) => window.location.assign(r.auth_url),
  });
}

export function useSandboxRequests(ws: string) {
  return useInfiniteQuery({
    queryKey: ["developer", ws, "sandbox-requests"],
    queryFn: ({ pageParam }) => connectionsApi.sandboxRequests(ws, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
  });
}
