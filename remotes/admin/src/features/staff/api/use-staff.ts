import { api, type CreateStaffRequest, type UpdateStaffRequest } from "@nhood/web-kit";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

const key = ["admin", "staff"] as const;

/** Platform staff accounts with their roles. */
export function useStaff() {
  return useQuery({ queryKey: key, queryFn: () => api.admin.staff() });
}

export function useCreateStaff() {
  const client = useQueryClient();
  return useMutation({ mutationFn: (b: CreateStaffRequest) => api.admin.createStaff(b), onSuccess: () => client.invalidateQueries({ queryKey: key }) });
}

/** Changes a role or disables/enables an account. */
export function useUpdateStaff() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, changes }: { id: string; changes: UpdateStaffRequest }) => api.admin.updateStaff(id, changes),
    onSuccess: () => client.invalidateQueries({ queryKey: key }),
  });
}
