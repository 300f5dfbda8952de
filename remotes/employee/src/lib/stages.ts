/** The workspace's pipeline stages (`GET …/lead-stages`), shared by the board, list and detail. */
import { api } from "@nhood/web-kit";
import { useQuery } from "@tanstack/react-query";

export function useStages(ws: string) {
  return useQuery({ queryKey: ["employee", ws, "stages"], queryFn: () => api.crm.stages(ws), staleTime: 60_000 });
}
