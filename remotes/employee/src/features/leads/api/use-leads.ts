import { api } from "@nhood/web-kit";
import { useInfiniteQuery } from "@tanstack/react-query";

/** Leads the person may see (theirs and their reports'), page by page (`GET …/leads`). */
export function useLeads(ws: string) {
  return useInfiniteQuery({
    queryKey: ["employee", ws, "leads"],
    queryFn: ({ pageParam }) => api.leads.list(ws, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
  });
}
