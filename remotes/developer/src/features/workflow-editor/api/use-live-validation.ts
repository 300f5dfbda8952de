/** Validates the working copy as you type (debounced `POST …/workflows/validate`), like publishing would. */
import { api, isApiError, useDebouncedValue, type WorkflowDefinition } from "@nhood/web-kit";
import { useQuery } from "@tanstack/react-query";
import type { Draft } from "../model/definition";
import type { FieldProblem } from "../model/errors";

export function useLiveValidation(ws: string, draft: Draft): FieldProblem[] {
  const debounced = useDebouncedValue(draft, 400);
  const q = useQuery({
    queryKey: ["developer", ws, "validate", debounced],
    queryFn: async () => {
      try {
        return (await api.workflows.validate(ws, debounced as WorkflowDefinition)).errors;
      } catch (e) {
        if (isApiError(e) && e.status === 400) return e.problem.errors ?? [{ pointer: "#", detail: e.problem.detail ?? e.problem.title }];
        throw e;
      }
    },
    placeholderData: (prev) => prev,
    staleTime: Infinity,
  });
  return q.data ?? [];
}
