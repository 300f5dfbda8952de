/**
 * The workspace's mobile push credentials (decision 026) through the contracts' typed calls: the
 * read shows what identifies each credential, never a private key; saving FCM or APNs answers the
 * new state, which replaces the cached one; removing one refetches.
 */
import type { ApnsCredentialsInput, FcmCredentialsInput } from "@nhood/contracts/push-credentials";
import { workspaceKeysMethods } from "@nhood/contracts/workspace-keys-client";
import { api } from "@nhood/web-kit";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

const calls = workspaceKeysMethods((method, path, schema, body) => api.request(method, path, schema, body));
const key = (ws: string) => ["project", ws, "push-credentials"];

export function usePushCredentials(ws: string) {
  return useQuery({ queryKey: key(ws), queryFn: () => calls.pushCredentials(ws), enabled: ws !== "" });
}

export function useSaveFcm(ws: string) {
  const client = useQueryClient();
  return useMutation({ mutationFn: (b: FcmCredentialsInput) => calls.setFcmCredentials(ws, b), onSuccess: (s) => client.setQueryData(key(ws), s) });
}

export function useSaveApns(ws: string) {
  const client = useQueryClient();
  return useMutation({ mutationFn: (b: ApnsCredentialsInput) => calls.setApnsCredentials(ws, b), onSuccess: (s) => client.setQueryData(key(ws), s) });
}

export function useRemovePushCredentials(ws: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (provider: "fcm" | "apns") => calls.clearPushCredentials(ws, provider),
    onSuccess: () => client.invalidateQueries({ queryKey: key(ws) }),
  });
}
