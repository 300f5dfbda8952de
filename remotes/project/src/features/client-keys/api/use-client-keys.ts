/**
 * The client SDK's keys (decision 027) through the contracts' typed calls: `useClientKeys` reads
 * them (the BFF creates them on the first read), `useRotateClientKeys` revokes both and answers
 * new ones, which replace the cached ones.
 */
import { workspaceKeysMethods } from "@nhood/contracts/workspace-keys-client";
import { api } from "@nhood/web-kit";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

const calls = workspaceKeysMethods((method, path, schema, body) => api.request(method, path, schema, body));
const key = (ws: string) => ["project", ws, "client-keys"];

export function useClientKeys(ws: string) {
  return useQuery({ queryKey: key(ws), queryFn: () => calls.clientKeys(ws), enabled: ws !== "" });
}

export function useRotateClientKeys(ws: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => calls.rotateClientKeys(ws),
    onSuccess: (keys) => client.setQueryData(key(ws), keys),
  });
}
