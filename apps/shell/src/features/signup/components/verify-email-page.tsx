/**
 * `/verify-email?token=…`: the link e-mailed at sign-up. Verifies the address once
 * (`POST /api/v1/auth/verify-email`) and says so; a used or expired link says how to get a new one.
 */
import { ProblemMessage } from "@nhood/web-kit";
import { useMutation } from "@tanstack/react-query";
import { useEffect } from "react";
import { Link, useSearchParams } from "react-router-dom";
import { FullPageMessage } from "../../../components/full-page-message";
import { onboardingApi } from "../api/onboarding-api";

export default function VerifyEmailPage() {
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
  const verify = useMutation({ mutationFn: onboardingApi.verifyEmail });
  useEffect(() => {
    if (token) verify.mutate(token);
  }, [token]);
  return (
    <FullPageMessage>
      <div className="rounded-xl border border-line bg-surface p-6 shadow-sm">
        <h1 className="text-xl font-semibold text-fg">Verify your e-mail</h1>
        <div className="mt-4">
          {!token ? (
            <p className="text-sm text-fg">This link has no token. Open the link from the e-mail we sent you.</p>
          ) : verify.isSuccess ? (
            <p role="status" className="text-sm text-fg">
              Thanks — <span className="font-medium">{verify.data.email}</span> is verified.
            </p>
          ) : verify.isError ? (
            <ProblemMessage error={verify.error} title="Couldn't verify your e-mail" />
          ) : (
            <p role="status" className="text-sm text-fg-muted">
              Verifying…
            </p>
          )}
        </div>
        <Link to="/" className="mt-6 inline-block text-sm font-medium text-brand-text underline">
          Continue to NeighbourHood
        </Link>
      </div>
    </FullPageMessage>
  );
}
