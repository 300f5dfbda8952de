/**
 * Shows the "verify your e-mail" banner only to a signed-in person whose address is unverified;
 * the banner itself is fetched then (chunk `lazy-verify-banner`), so verified people — nearly
 * everyone — never download it.
 */
import { useSession } from "@nhood/web-kit";
import { lazy, Suspense } from "react";

const VerifyEmailBanner = lazy(() => import(/* webpackChunkName: "lazy-verify-banner" */ "./verify-email-banner"));

export function VerifyEmailNotice() {
  const unverified = useSession((s) => s.me?.kind === "user" && s.me.user.email_verified === false);
  if (!unverified) return null;
  return (
    <Suspense fallback={null}>
      <VerifyEmailBanner />
    </Suspense>
  );
}
