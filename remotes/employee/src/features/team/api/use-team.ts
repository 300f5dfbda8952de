import { api } from "@nhood/web-kit";
import { useQuery } from "@tanstack/react-query";

/** The signed-in person's place in the reporting hierarchy (`GET …/team`). */
export function useTeam(ws: string) {
  return useQuery({ queryKey: ["employee", ws, "team"], queryFn: () => api.workspaces.team(ws) });
}

/** Open leads per person among those the caller may see (`GET …/leads/open-by-owner`). */
export function useOpenLeads(ws: string) {
  return useQuery({
    queryKey: ["employee", ws, "leads", "open-by-owner"],
    queryFn: async () => Object.fromEntries((await api.crm.openByOwner(ws)).items.map((i) => [i.membership_id, i.open])),
  });
}
