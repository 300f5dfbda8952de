import { api } from "@nhood/web-kit";
import { useInfiniteQuery } from "@tanstack/react-query";

/** The workspace's workflows (`GET …/workflows?cursor=`), page by page. */
export function useWorkflows(ws: string) {
  return useInfiniteQuery({
    queryKey: ["developer", ws, "workflows"],
    queryFn: ({ pageParam }) => api.workflows.list(ws, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
  });
}
