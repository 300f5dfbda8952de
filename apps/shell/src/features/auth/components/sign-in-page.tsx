/**
 * The sign-in screen: `POST /api/v1/auth/login`, then loads the session (me + portals). On a
 * workspace's custom domain it speaks in that workspace's name (its logo is in the wordmark).
 */
import { authApi, loadSession, readHostBranding, setBearerToken } from "@nhood/web-kit";
import { useMutation } from "@tanstack/react-query";
import type { MfaChallenge } from "@nhood/contracts";
import { useState } from "react";
import { Link } from "react-router-dom";
import { FullPageMessage } from "../../../components/full-page-message";
import { SignInForm } from "./sign-in-form";
import { SecondFactorStep } from "./second-factor-step";

export function SignInPage() {
  // a right password may answer the second-factor step instead of a session (issue 18)
  const [challenge, setChallenge] = useState<MfaChallenge | null>(null);
  const signIn = useMutation({
    mutationFn: async (credentials: { email: string; password: string }) => {
      setBearerToken(null); // a person's cookie session replaces any end-user session of this tab
      const answer = await authApi.auth.login(credentials);
      if ("mfa_required" in answer) return setChallenge(answer);
      await loadSession();
    },
  });
  const brand = readHostBranding();
  return (
    <FullPageMessage>
      <div className="rounded-xl border border-line bg-surface p-6 shadow-sm">
        <h1 className="text-xl font-semibold text-fg">{brand ? `Sign in to ${brand.display_name}` : "Sign in"}</h1>
        <p className="mt-1 mb-6 text-sm text-fg-muted">
          {brand ? `Use the email and password of your ${brand.display_name} account.` : "Use the email and password of your NeighbourHood account."}
        </p>
        {challenge ? (
          <SecondFactorStep challenge={challenge} onSignedIn={loadSession} onCancel={() => setChallenge(null)} />
        ) : (
          <SignInForm onSubmit={(c) => signIn.mutate(c)} pending={signIn.isPending} error={signIn.error} />
        )}
        {brand ? null : (
          <p className="mt-6 text-center text-sm text-fg-muted">
            New to NeighbourHood?{" "}
            <Link to="/sign-up" className="font-medium text-brand-text underline">
              Create a workspace
            </Link>
          </p>
        )}
      </div>
    </FullPageMessage>
  );
}
