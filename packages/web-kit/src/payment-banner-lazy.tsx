/** `PaymentBanner` (payment-banner.tsx), loaded on demand so the shell's initial bundle does not carry it. */
import { lazy, Suspense } from "react";

const Banner = lazy(() => import("./payment-banner"));

/** The failed-payment banner of the workspace portals; `billingHref`: the Billing screen (default the project portal's). */
export function PaymentBanner(props: { billingHref?: string }) {
  return (
    <Suspense fallback={null}>
      <Banner {...props} />
    </Suspense>
  );
}
