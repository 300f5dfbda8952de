import { api, type WorkspaceRole } from "@nhood/web-kit";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

/** The role → permission mapping (`GET/PUT …/permissions`). */
export function usePermissions(ws: string) {
  const qc = useQueryClient();
  const key = ["employee", ws, "permissions"];
  return {
    list: useQuery({ queryKey: key, queryFn: () => api.crm.permissions(ws) }),
    set: useMutation({
      mutationFn: (b: { permission: string; role: WorkspaceRole; effect: "default" | "allow" | "deny" }) =>
        api.crm.setPermission(ws, b.permission, b.role, b.effect),
      onSuccess: () => qc.invalidateQueries({ queryKey: key }),
    }),
  };
}
