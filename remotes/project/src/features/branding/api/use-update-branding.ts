import { api, type UpdateBrandingRequest } from "@nhood/web-kit";
import { useMutation, useQueryClient } from "@tanstack/react-query";

/** Saves the workspace's branding (`PUT …/branding`); the header picks it up at once. */
export function useUpdateBranding(ws: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (b: UpdateBrandingRequest) => api.workspaces.updateBranding(ws, b),
    onSuccess: (saved) => client.setQueryData(["project", ws, "branding"], saved),
  });
}
