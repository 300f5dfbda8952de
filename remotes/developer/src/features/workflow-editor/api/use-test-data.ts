/**
 * The editor's test data: the workflow's pinned sample payload and its last test run (GET
 * `…/workflows/{id}/test-data`), and pinning or unpinning a sample payload (PUT `…/sample-payload`).
 * Called through `api.request` with the contracts' schemas (the shell's shared client stays as it is).
 */
import { samplePayloadSchema, workflowTestDataSchema, type WorkflowTestData } from "@nhood/contracts/workflow-test-data";
import { api } from "@nhood/web-kit";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";

const path = (ws: string, id: string) => `/api/v1/workspaces/${encodeURIComponent(ws)}/workflows/${id}`;
const key = (ws: string, id: string | null) => ["developer", ws, "workflow", id, "test-data"] as const;

export const testDataApi = {
  get: (ws: string, id: string) => api.request("GET", `${path(ws, id)}/test-data`, workflowTestDataSchema),
  pin: (ws: string, id: string, payload: Record<string, unknown> | null) =>
    api.request("PUT", `${path(ws, id)}/sample-payload`, samplePayloadSchema, { payload }),
};

/** The pinned sample payload and the last test run of a saved workflow (`id` null: nothing to load). */
export function useTestData(ws: string, id: string | null) {
  return useQuery({ queryKey: key(ws, id), queryFn: () => testDataApi.get(ws, id!), enabled: !!id });
}

/** Pins a sample payload (null unpins it); the cached test data follows. */
export function usePinSamplePayload(ws: string, id: string | null) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (payload: Record<string, unknown> | null) => testDataApi.pin(ws, id!, payload),
    onSuccess: (sample) => qc.setQueryData<WorkflowTestData>(key(ws, id), (old) => ({ last_run: old?.last_run ?? null, sample_payload: sample })),
  });
}

/** A stable function that marks the test data stale (a test run has just finished). */
export function useRefreshTestData(ws: string, id: string | null) {
  const qc = useQueryClient();
  return useCallback(() => void qc.invalidateQueries({ queryKey: key(ws, id) }), [qc, ws, id]);
}
