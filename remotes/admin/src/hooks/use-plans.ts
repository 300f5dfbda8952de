/** The plan tiers, read by the plans screen and by the workspaces screens (plan pickers). */
import { api } from "@nhood/web-kit";
import { useQuery } from "@tanstack/react-query";

/** The react-query key of the plan list; a plan edit invalidates it. */
export const plansQueryKey = ["admin", "plans"] as const;

/** The plan tiers with their quotas and how many workspaces use each. */
export function usePlans() {
  return useQuery({ queryKey: plansQueryKey, queryFn: () => api.admin.plans() });
}
