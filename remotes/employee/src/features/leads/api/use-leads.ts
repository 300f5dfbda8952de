import { api, type LeadListQuery } from "@nhood/web-kit";
import { useInfiniteQuery } from "@tanstack/react-query";

export type LeadFilters = Omit<LeadListQuery, "cursor">;

/** Leads the person may see (theirs and their team's), filtered, page by page (`GET …/leads`). */
export function useLeads(ws: string, filters: LeadFilters = {}) {
  return useInfiniteQuery({
    queryKey: ["employee", ws, "leads", "list", filters],
    queryFn: ({ pageParam }) => api.crm.leads(ws, { ...filters, cursor: pageParam ?? undefined }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
  });
}
