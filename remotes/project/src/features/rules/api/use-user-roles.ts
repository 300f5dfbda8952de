/**
 * The workspace's user roles (`GET /api/v1/roles`, seed 003 §5.7): the roles of the tenant's own
 * app users that a rule can target (`target_user_roles`). The BFF answers for the signed-in
 * member's active workspace when they are an owner, admin or developer (others get 403). Called
 * through `api.request` with the contract's schema (a separate contracts entry point, outside the
 * shell's initial bundle).
 */
import { userRoleListSchema } from "@nhood/contracts/users";
import { api } from "@nhood/web-kit";
import { useQuery } from "@tanstack/react-query";

/** `enabled`: fetch only while needed (the rule form is open; members who cannot write rules get 403). */
export function useUserRoles(ws: string, enabled = true) {
  return useQuery({
    queryKey: ["project", ws, "user-roles"],
    queryFn: () => api.request("GET", "/api/v1/roles", userRoleListSchema),
    enabled: enabled && ws !== "",
  });
}
