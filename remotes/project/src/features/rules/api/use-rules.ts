import { api, type RuleInput } from "@nhood/web-kit";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

const key = (ws: string) => ["project", ws, "rules"];

/** The workspace's rules in evaluation order (`GET /rules`). */
export function useRules(ws: string) {
  return useQuery({ queryKey: key(ws), queryFn: () => api.notify.rules.list() });
}

/** Creates (no id) or updates a rule. */
export function useSaveRule(ws: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id?: string; input: RuleInput }) => (id ? api.notify.rules.update(id, input) : api.notify.rules.create(input)),
    onSuccess: () => client.invalidateQueries({ queryKey: key(ws) }),
  });
}

export function useDeleteRule(ws: string) {
  const client = useQueryClient();
  return useMutation({ mutationFn: (id: string) => api.notify.rules.remove(id), onSuccess: () => client.invalidateQueries({ queryKey: key(ws) }) });
}

/** Evaluates a rule against a sample event (`POST /rules/{id}/test`). */
export function useTestRule() {
  return useMutation({
    mutationFn: ({ id, type, payload }: { id: string; type: string; payload: Record<string, unknown> }) => api.notify.rules.test(id, { type, payload }),
  });
}
