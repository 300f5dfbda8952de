import { api, type AuditQuery } from "@nhood/web-kit";
import { useInfiniteQuery } from "@tanstack/react-query";

export type AuditFilter = Omit<AuditQuery, "cursor" | "limit">;

/** The audit log across workspaces, newest first, page by page (keyset cursor). */
export function useAudit(filter: AuditFilter) {
  return useInfiniteQuery({
    queryKey: ["admin", "audit", filter],
    queryFn: ({ pageParam }) => api.admin.audit({ ...filter, cursor: pageParam ?? undefined, limit: 50 }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
  });
}
