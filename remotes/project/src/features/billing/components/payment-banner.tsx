/** The banner every screen of the workspace portal shows while a payment has failed (grace period). */
import { formatDateTime, useActiveWorkspaceId } from "@nhood/web-kit";
import { Link } from "react-router-dom";
import { useBillingStatus } from "../api/use-billing";

export function PaymentBanner({ billingPath }: { billingPath: string }) {
  const status = useBillingStatus(useActiveWorkspaceId() ?? "");
  const s = status.data;
  if (!s?.enabled || s.payment_state !== "grace") return null;
  return (
    <div role="alert" className="mb-4 rounded-lg border border-danger/40 bg-danger-soft px-4 py-3 text-sm text-danger">
      <strong>Your last payment failed.</strong> Update your payment method before{" "}
      {s.grace_until ? formatDateTime(s.grace_until) : "the end of the grace period"}, or the workspace will be suspended.{" "}
      <Link to={billingPath} className="font-medium underline">
        Go to Billing
      </Link>
    </div>
  );
}
