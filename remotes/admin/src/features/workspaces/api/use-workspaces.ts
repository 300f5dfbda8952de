import { api, type AdminCreateWorkspaceRequest } from "@nhood/web-kit";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

const all = ["admin", "workspaces"] as const;

/** Every tenant's workspace (`GET /api/v1/admin/workspaces?q=&cursor=`), page by page. */
export function useWorkspaces(q: string) {
  return useInfiniteQuery({
    queryKey: [...all, "list", q],
    queryFn: ({ pageParam }) => api.admin.workspaces(q || undefined, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
  });
}

/** One workspace with members, plan, status and usage against quotas. */
export function useWorkspace(id: string) {
  return useQuery({ queryKey: [...all, "detail", id], queryFn: () => api.admin.workspace(id) });
}

/** Creates a workspace with its owner account. */
export function useCreateWorkspace() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (b: AdminCreateWorkspaceRequest) => api.admin.createWorkspace(b),
    onSuccess: () => client.invalidateQueries({ queryKey: all }),
  });
}

export type WorkspaceAction = { kind: "suspend"; reason?: string } | { kind: "reactivate" } | { kind: "delete" } | { kind: "plan"; plan: string };

/** Suspend, reactivate, delete or change the plan of workspace `id`; refreshes list and detail. */
export function useWorkspaceAction(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (a: WorkspaceAction) =>
      a.kind === "suspend"
        ? api.admin.suspend(id, a.reason)
        : a.kind === "reactivate"
          ? api.admin.reactivate(id)
          : a.kind === "delete"
            ? api.admin.deleteWorkspace(id)
            : api.admin.changePlan(id, a.plan),
    onSuccess: (detail) => {
      client.setQueryData([...all, "detail", id], detail);
      void client.invalidateQueries({ queryKey: [...all, "list"] });
    },
  });
}
