import { api, type UpdateBillingContactRequest } from "@nhood/web-kit";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

/** Who gets quota warnings by e-mail (`GET …/billing-contact`). */
export function useBillingContact(ws: string) {
  return useQuery({ queryKey: ["project", ws, "billing-contact"], queryFn: () => api.workspaces.billingContact(ws), enabled: ws !== "" });
}

/** Sets or clears the billing e-mail (`PUT …/billing-contact`); the card shows the saved answer at once. */
export function useUpdateBillingContact(ws: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (b: UpdateBillingContactRequest) => api.workspaces.updateBillingContact(ws, b),
    onSuccess: (saved) => client.setQueryData(["project", ws, "billing-contact"], saved),
  });
}
