import { api } from "@nhood/web-kit";
import { useInfiniteQuery } from "@tanstack/react-query";

/** The workspace's notification inbox, newest first (`GET …/notifications?cursor=`). */
export function useNotifications(ws: string) {
  return useInfiniteQuery({
    queryKey: ["project", ws, "notifications"],
    queryFn: ({ pageParam }) => api.notifications.list(ws, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
  });
}
