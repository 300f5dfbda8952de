/**
 * The sign-up page (`/sign-up`, linked from sign-in; loaded on demand): creates the workspace
 * (`POST /api/v1/workspaces`), signs the owner in with the same e-mail and password, keeps the
 * new API key for the setup wizard (this tab's sessionStorage, cleared by the wizard) and opens
 * the wizard in the developer portal. A `checkout_url` in the answer (billing on, paid plan) is
 * opened instead.
 */
import { authApi, loadSession, setBearerToken } from "@nhood/web-kit";
import { useMutation, useQuery } from "@tanstack/react-query";
import { Link, useNavigate, useSearchParams } from "react-router-dom";
import { FullPageMessage } from "../../../components/full-page-message";
import { onboardingApi, SIGNUP_API_KEY_STORAGE } from "../api/onboarding-api";
import { SignUpForm, type SignUpValues } from "./sign-up-form";
import { ProblemMessage } from "@nhood/web-kit";

/** Where the wizard lives (developer portal, feature `setup`). */
export const SETUP_WIZARD_PATH = "/developer/setup";

export default function SignUpPage() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const plans = useQuery({ queryKey: ["public", "plans"], queryFn: onboardingApi.plans, staleTime: 5 * 60_000 });
  const signUp = useMutation({
    mutationFn: async (v: SignUpValues) => {
      const created = await onboardingApi.signUp(v);
      sessionStorage.setItem(SIGNUP_API_KEY_STORAGE, created.api_key);
      setBearerToken(null);
      await authApi.auth.login({ email: v.email, password: v.password });
      if (created.checkout_url) {
        window.location.assign(created.checkout_url);
        return;
      }
      await loadSession();
      void navigate(SETUP_WIZARD_PATH, { replace: true });
    },
  });
  return (
    <FullPageMessage>
      <div className="rounded-xl border border-line bg-surface p-6 shadow-sm">
        <h1 className="text-xl font-semibold text-fg">Create your workspace</h1>
        <p className="mt-1 mb-6 text-sm text-fg-muted">
          Already have an account?{" "}
          <Link to="/" className="font-medium text-brand-text underline">
            Sign in
          </Link>
        </p>
        {plans.status === "pending" ? (
          <p role="status" className="text-sm text-fg-muted">
            Loading plans…
          </p>
        ) : plans.status === "error" ? (
          <ProblemMessage error={plans.error} title="Couldn't load the plans" onRetry={() => void plans.refetch()} />
        ) : (
          <SignUpForm
            plans={plans.data.items}
            initialPlan={params.get("plan") ?? undefined}
            onSubmit={(v) => signUp.mutate(v)}
            pending={signUp.isPending}
            error={signUp.error}
          />
        )}
      </div>
    </FullPageMessage>
  );
}
