import { api } from "@nhood/web-kit";
import { useQuery } from "@tanstack/react-query";

/** Platform metrics per UTC day over the last `days` days; refreshed every minute. */
export function useMetrics(days: number) {
  return useQuery({ queryKey: ["admin", "metrics", days], queryFn: () => api.admin.metrics(days), refetchInterval: 60_000 });
}
