/**
 * The banner every workspace portal shows while a payment has failed (decision 032: the grace
 * period before suspension), from `GET /api/v1/workspaces/{id}/billing/status`, refreshed every
 * five minutes. Renders nothing while billing is off, the payment state is fine, or it loads.
 * Loaded on demand (payment-banner-lazy.tsx), outside the shell's budgeted initial bundle.
 */
import { billingStatusSchema } from "@nhood/contracts/billing";
import { useQuery } from "@tanstack/react-query";
import { api } from "./api";
import { formatDateTime } from "./format";
import { useActiveWorkspaceId } from "./session-store";

export default function PaymentBannerContent({ billingHref = "/project/billing" }: { billingHref?: string }) {
  const ws = useActiveWorkspaceId() ?? "";
  const status = useQuery({
    queryKey: ["workspace", ws, "billing-status"],
    queryFn: () => api.request("GET", `/api/v1/workspaces/${encodeURIComponent(ws)}/billing/status`, billingStatusSchema),
    enabled: ws !== "",
    refetchInterval: 300_000,
    retry: false,
  });
  const s = status.data;
  if (!s?.enabled || s.payment_state !== "grace") return null;
  return (
    <div role="alert" className="mb-4 rounded-lg border border-danger/40 bg-danger-soft px-4 py-3 text-sm text-danger">
      <strong>Your last payment failed.</strong> Update the payment method before{" "}
      {s.grace_until ? formatDateTime(s.grace_until) : "the end of the grace period"}, or the workspace will be suspended.{" "}
      <a href={billingHref} className="font-medium underline">
        Go to Billing
      </a>
    </div>
  );
}
