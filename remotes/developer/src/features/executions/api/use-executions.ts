/** Executions: the filtered list (polled while any runs), one execution live, re-run and cancel. */
import { testModeSchema } from "@nhood/contracts/test-mode";
import { api, type ExecutionFilter } from "@nhood/web-kit";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

const ACTIVE = ["queued", "running"];

export function useExecutions(ws: string, filter: Partial<ExecutionFilter>) {
  return useInfiniteQuery({
    queryKey: ["developer", ws, "executions", filter],
    queryFn: ({ pageParam }) => api.executions.list(ws, { ...filter, cursor: pageParam ?? undefined }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
    refetchInterval: (q) => (q.state.data?.pages.some((p) => p.items.some((e) => ACTIVE.includes(e.status))) ? 2000 : false),
  });
}

/** The workspace's Test mode switch (the list shows test executions first while it is on). */
export function useTestMode(ws: string) {
  return useQuery({
    queryKey: ["developer", ws, "test-mode"],
    queryFn: () => api.request("GET", `/api/v1/workspaces/${encodeURIComponent(ws)}/test-mode`, testModeSchema),
    enabled: Boolean(ws),
  });
}

export function useExecution(ws: string, id: string) {
  return useQuery({
    queryKey: ["developer", ws, "execution", id],
    queryFn: () => api.executions.get(ws, id),
    refetchInterval: (q) => (q.state.data && !ACTIVE.includes(q.state.data.status) ? false : 1000),
  });
}

export function useRerun(ws: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; from: "start" | "failed_step"; version: "same" | "latest" }) =>
      api.executions.rerun(ws, v.id, { from: v.from, version: v.version }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ["developer", ws, "executions"] }),
  });
}

export function useCancel(ws: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.executions.cancel(ws, id),
    onSuccess: (_, id) => {
      void qc.invalidateQueries({ queryKey: ["developer", ws, "execution", id] });
      void qc.invalidateQueries({ queryKey: ["developer", ws, "executions"] });
    },
  });
}

/** Re-runs every failed execution of one workflow from its failed step. */
export function useRerunFailed(ws: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (workflowId: string) => api.workflows.rerunFailed(ws, workflowId),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ["developer", ws, "executions"] }),
  });
}
