/** Data for the editor: the workflow, the action palette, versions, and the editor's writes. */
import { api, type WorkflowDefinition } from "@nhood/web-kit";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Draft } from "../model/definition";

const key = (ws: string, id: string | null) => ["developer", ws, "workflow", id] as const;

export function useWorkflow(ws: string, id: string | null) {
  return useQuery({ queryKey: key(ws, id), queryFn: () => api.workflows.get(ws, id!), enabled: !!id });
}

export function useActionPalette(ws: string) {
  return useQuery({ queryKey: ["developer", ws, "workflow-actions"], queryFn: () => api.workflows.actions(ws), staleTime: 5 * 60_000 });
}

export function useVersions(ws: string, id: string | null) {
  return useQuery({ queryKey: [...key(ws, id), "versions"], queryFn: () => api.workflows.versions(ws, id!), enabled: !!id });
}

export function useCompare(ws: string, id: string | null, from: number | null, to: number | null) {
  return useQuery({
    queryKey: [...key(ws, id), "compare", from, to],
    queryFn: () => api.workflows.compare(ws, id!, from!, to!),
    enabled: !!id && !!from && !!to && from !== to,
  });
}

/** Saves the draft (creating the workflow as a draft the first time); answers the workflow. */
export function useSaveDraft(ws: string, id: string | null) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (d: Draft) =>
      id ? api.workflows.saveDraft(ws, id, d as WorkflowDefinition) : api.workflows.create(ws, { ...(d as WorkflowDefinition), draft: true }),
    onSuccess: (wf) => {
      qc.setQueryData(key(ws, wf.id), wf);
      void qc.invalidateQueries({ queryKey: ["developer", ws, "workflows"] });
    },
  });
}

export function usePublish(ws: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.workflows.publish(ws, id),
    onSuccess: (wf) => {
      qc.setQueryData(key(ws, wf.id), wf);
      void qc.invalidateQueries({ queryKey: [...key(ws, wf.id), "versions"] });
      void qc.invalidateQueries({ queryKey: ["developer", ws, "workflows"] });
    },
  });
}

export function useRollback(ws: string, id: string | null) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (version: number) => api.workflows.rollback(ws, id!, version),
    onSuccess: (wf) => {
      qc.setQueryData(key(ws, wf.id), wf);
      void qc.invalidateQueries({ queryKey: [...key(ws, wf.id), "versions"] });
    },
  });
}

export function useTestRun(ws: string, id: string | null) {
  return useMutation({ mutationFn: (payload: Record<string, unknown>) => api.workflows.run(ws, id!, payload) });
}

/** An execution, polled every second while it runs (the test run's live progress). */
export function useLiveExecution(ws: string, executionId: string | null) {
  return useQuery({
    queryKey: ["developer", ws, "execution", executionId],
    queryFn: () => api.executions.get(ws, executionId!),
    enabled: !!executionId,
    refetchInterval: (q) => (q.state.data && !["queued", "running"].includes(q.state.data.status) ? false : 1000),
  });
}
