import { api } from "@nhood/web-kit";
import { useQuery } from "@tanstack/react-query";

/** The active workspace's branding: display name, logo and brand colour (`GET …/branding`). */
export function useWorkspaceBranding(ws: string) {
  return useQuery({ queryKey: ["project", ws, "branding"], queryFn: () => api.workspaces.branding(ws), staleTime: 5 * 60_000 });
}
