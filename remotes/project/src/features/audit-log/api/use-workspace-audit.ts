import { page, workspaceAuditEntrySchema, type WorkspaceAuditQuery } from "@nhood/contracts";
import { api } from "@nhood/web-kit";
import { useInfiniteQuery } from "@tanstack/react-query";

/** The filters of the workspace's audit log (everything but the page cursor and size). */
export type WorkspaceAuditFilter = Omit<WorkspaceAuditQuery, "cursor" | "limit">;

const auditPage = page(workspaceAuditEntrySchema);

function query(filter: WorkspaceAuditFilter, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...filter, ...extra })) if (v) q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : "";
}

/** `GET /workspaces/{ws}/audit` page by page (keyset cursor), newest first. */
export function useWorkspaceAudit(ws: string, filter: WorkspaceAuditFilter) {
  return useInfiniteQuery({
    queryKey: ["project", ws, "audit", filter],
    queryFn: ({ pageParam }) =>
      api.request(
        "GET",
        `/api/v1/workspaces/${encodeURIComponent(ws)}/audit${query(filter, { limit: "50", ...(pageParam ? { cursor: pageParam } : {}) })}`,
        auditPage,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
    enabled: !!ws,
  });
}

/** The CSV export of the same filters (a download; the session cookie authenticates it). */
export const auditExportUrl = (ws: string, filter: WorkspaceAuditFilter): string => `/api/v1/workspaces/${encodeURIComponent(ws)}/audit/export${query(filter)}`;
