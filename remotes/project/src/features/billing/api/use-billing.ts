/** The workspace's billing (decision 032): summary, Stripe Checkout and customer portal. */
import { billingRedirectSchema, billingSummarySchema } from "@nhood/contracts/billing";
import { api } from "@nhood/web-kit";
import { useMutation, useQuery } from "@tanstack/react-query";

const base = (ws: string) => `/api/v1/workspaces/${encodeURIComponent(ws)}/billing`;

/** Plan, payment state, next invoice, payment method and past invoices (owners and admins). */
export function useBilling(ws: string) {
  return useQuery({ queryKey: ["project", ws, "billing"], queryFn: () => api.request("GET", base(ws), billingSummarySchema), enabled: ws !== "" });
}

/** Sends the browser to Stripe: Checkout for `plan`, or the customer portal (plan undefined). */
export function useOpenStripe(ws: string) {
  return useMutation({
    mutationFn: async (plan?: string) => {
      const return_path = "/project/billing";
      const r = plan
        ? await api.request("POST", `${base(ws)}/checkout`, billingRedirectSchema, { plan, return_path })
        : await api.request("POST", `${base(ws)}/portal`, billingRedirectSchema, { return_path });
      window.location.assign(r.url);
      return r;
    },
  });
}
