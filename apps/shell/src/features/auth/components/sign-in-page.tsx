/** The sign-in screen: `POST /api/v1/auth/login`, then loads the session (me + portals). */
import { authApi, loadSession, setBearerToken } from "@nhood/web-kit";
import { useMutation } from "@tanstack/react-query";
import { FullPageMessage } from "./full-page-message";
import { SignInForm } from "./sign-in-form";

export function SignInPage() {
  const signIn = useMutation({
    mutationFn: async (credentials: { email: string; password: string }) => {
      setBearerToken(null); // a person's cookie session replaces any end-user session of this tab
      await authApi.auth.login(credentials);
      await loadSession();
    },
  });
  return (
    <FullPageMessage>
      <div className="rounded-xl border border-line bg-surface p-6 shadow-sm">
        <h1 className="text-xl font-semibold text-fg">Sign in</h1>
        <p className="mt-1 mb-6 text-sm text-fg-muted">Use the email and password of your NeighbourHood account.</p>
        <SignInForm onSubmit={(c) => signIn.mutate(c)} pending={signIn.isPending} error={signIn.error} />
      </div>
    </FullPageMessage>
  );
}
