import { api } from "@nhood/web-kit";
import { useQuery } from "@tanstack/react-query";

/** The workspace's members and their roles (`GET /workspaces/{id}/members`). */
export function useMembers(ws: string) {
  return useQuery({ queryKey: ["project", ws, "members"], queryFn: () => api.crm.members(ws) });
}
