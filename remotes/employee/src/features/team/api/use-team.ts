import { api } from "@nhood/web-kit";
import { useQuery } from "@tanstack/react-query";

/** The signed-in person's place in the reporting hierarchy (`GET …/team`). */
export function useTeam(ws: string) {
  return useQuery({ queryKey: ["employee", ws, "team"], queryFn: () => api.workspaces.team(ws) });
}
