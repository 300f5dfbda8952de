import { api } from "@nhood/web-kit";
import { useQuery } from "@tanstack/react-query";

/** The signed-in end user's own workflow executions, refreshed while any runs. */
export function useMyExecutions() {
  return useQuery({
    queryKey: ["client", "executions"],
    queryFn: () => api.executions.mine(),
    refetchInterval: (q) => (q.state.data?.items.some((e) => e.status === "queued" || e.status === "running") ? 3000 : false),
  });
}
