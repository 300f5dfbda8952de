import { api } from "@nhood/web-kit";
import { useQuery } from "@tanstack/react-query";

/** Plan quotas against this month's usage, with the last 30 days (`GET /projects/me/usage`). */
export function useUsage(ws: string) {
  return useQuery({ queryKey: ["project", ws, "usage"], queryFn: () => api.notify.usage(), refetchInterval: 60_000 });
}

/** Delivered / failed / acknowledged per day (`GET /notifications/stats`). */
export function useNotificationStats(ws: string) {
  return useQuery({ queryKey: ["project", ws, "stats"], queryFn: () => api.notify.stats(), refetchInterval: 60_000 });
}
