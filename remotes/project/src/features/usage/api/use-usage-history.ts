import { usageHistorySchema } from "@nhood/contracts";
import { api } from "@nhood/web-kit";
import { useQuery } from "@tanstack/react-query";

/** Events, notifications, executions and API calls per UTC day (`GET /workspaces/{ws}/usage/history?days=`). */
export function useUsageHistory(ws: string, days: number) {
  return useQuery({
    queryKey: ["project", ws, "usage-history", days],
    queryFn: () => api.request("GET", `/api/v1/workspaces/${encodeURIComponent(ws)}/usage/history?days=${days}`, usageHistorySchema),
    enabled: !!ws,
    refetchInterval: 60_000,
  });
}
