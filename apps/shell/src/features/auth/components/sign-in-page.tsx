/**
 * The sign-in screen: `POST /api/v1/auth/login`, then loads the session (me + portals), or
 * "Sign in with SSO" (a lazy chunk) through the workspace's identity provider. On a
 * workspace's custom domain it speaks in that workspace's name (its logo is in the wordmark).
 */
import { authApi, loadSession, readHostBranding, setBearerToken } from "@nhood/web-kit";
import { useMutation } from "@tanstack/react-query";
import type { MfaChallenge } from "@nhood/contracts";
import { lazy, useState } from "react";
import { Link, useSearchParams } from "react-router-dom";
import { FullPageMessage } from "../../../components/full-page-message";
import { LazyPage } from "../../../components/lazy-page";
import { SignInForm } from "./sign-in-form";

// the second step and SSO load only when reached: most sign-ins need neither, and the shell's
// initial JS is at its budget (chunks `lazy-…` are not counted)
const SecondFactorStep = lazy(() => import(/* webpackChunkName: "lazy-second-factor" */ "./second-factor-step").then((m) => ({ default: m.SecondFactorStep })));
const SsoSignIn = lazy(() => import(/* webpackChunkName: "lazy-sso-sign-in" */ "./sso-sign-in"));

export function SignInPage() {
  // a right password may answer the second-factor step instead of a session (issue 18)
  const [challenge, setChallenge] = useState<MfaChallenge | null>(null);
  // ?sso opens "Sign in with SSO"; a failed SSO callback comes back as ?sso_error=… (decision 035)
  const [params] = useSearchParams();
  const ssoError = params.get("sso_error");
  const sso = params.has("sso") || ssoError !== null;
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
          <LazyPage>
            <SecondFactorStep challenge={challenge} onSignedIn={loadSession} onCancel={() => setChallenge(null)} />
          </LazyPage>
        ) : sso ? (
          <LazyPage>
            <SsoSignIn callbackError={ssoError} />
          </LazyPage>
        ) : (
          <>
            <SignInForm onSubmit={(c) => signIn.mutate(c)} pending={signIn.isPending} error={signIn.error} />
            <Link to="?sso" className="mt-4 block text-center text-sm font-medium text-brand-text underline">
              Sign in with SSO
            </Link>
          </>
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
