import { api } from "@nhood/web-kit";
import { useInfiniteQuery } from "@tanstack/react-query";

/** Every tenant's workspace (`GET /api/v1/admin/workspaces?q=&cursor=`), page by page. */
export function useWorkspaces(q: string) {
  return useInfiniteQuery({
    queryKey: ["admin", "workspaces", q],
    queryFn: ({ pageParam }) => api.admin.workspaces(q || undefined, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
  });
}
