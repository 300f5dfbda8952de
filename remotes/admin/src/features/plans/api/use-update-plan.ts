import { api, type UpdatePlanRequest } from "@nhood/web-kit";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

const key = ["admin", "plans"] as const;

/** The plan tiers with their quotas and how many workspaces use each. */
export function usePlans() {
  return useQuery({ queryKey: key, queryFn: () => api.admin.plans() });
}

/** Edits one plan's quotas (super_admin, billing). */
export function useUpdatePlan() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, changes }: { id: string; changes: UpdatePlanRequest }) => api.admin.updatePlan(id, changes),
    onSuccess: () => client.invalidateQueries({ queryKey: key }),
  });
}
