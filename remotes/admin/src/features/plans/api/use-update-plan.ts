import { api, type UpdatePlanRequest } from "@nhood/web-kit";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { plansQueryKey } from "../../../hooks/use-plans";

/** Edits one plan's quotas (super_admin, billing). */
export function useUpdatePlan() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, changes }: { id: string; changes: UpdatePlanRequest }) => api.admin.updatePlan(id, changes),
    onSuccess: () => client.invalidateQueries({ queryKey: plansQueryKey }),
  });
}
