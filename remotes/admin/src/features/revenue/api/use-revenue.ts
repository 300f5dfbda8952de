/** Platform revenue (GET /api/v1/admin/revenue): MRR, paid workspaces, churn and failed payments from the billing records. */
import { platformRevenueSchema } from "@nhood/contracts/billing";
import { api } from "@nhood/web-kit";
import { useQuery } from "@tanstack/react-query";

export function useRevenue() {
  return useQuery({ queryKey: ["admin", "revenue"], queryFn: () => api.request("GET", "/api/v1/admin/revenue", platformRevenueSchema) });
}
