/** The catalogue with what this workspace enabled (`GET /workspaces/{id}/integrations/providers`). */
import { api } from "@nhood/web-kit";
import { useQuery } from "@tanstack/react-query";

export const providersKey = (ws: string) => ["workspace", ws, "integrations", "providers"] as const;

export function useWorkspaceProviders(ws: string) {
  return useQuery({ queryKey: providersKey(ws), queryFn: () => api.integrations.workspaceProviders(ws), enabled: ws !== "" });
}
