/**
 * "Verify your e-mail" while the signed-in person's address is unverified (decision 031: until
 * then they may not invite teammates), with a button that sends the link again. Its answer is not
 * parsed: the banner is in the shell's initial bundle, the onboarding contracts are not.
 */
import { authApi, useSession } from "@nhood/web-kit";
import { useMutation } from "@tanstack/react-query";

export default function VerifyEmailBanner() {
  const user = useSession((s) => (s.me?.kind === "user" ? s.me.user : null));
  const resend = useMutation({ mutationFn: () => authApi.request("POST", "/api/v1/auth/verify-email/resend", null, {}) });
  if (user?.email_verified !== false) return null;
  return (
    <div role="status" className="flex flex-wrap items-center gap-3 border-b border-warning/40 bg-warning-soft px-4 py-2 text-sm text-fg">
      <span>
        <span className="font-semibold">Verify your e-mail.</span> We sent a link to {user.email}; until you open it you can't invite teammates.
      </span>
      <button
        type="button"
        className="font-medium text-brand-text underline disabled:opacity-60"
        disabled={resend.isPending || resend.isSuccess}
        onClick={() => resend.mutate()}
      >
        {resend.isSuccess ? "Sent — check your inbox" : "Send the link again"}
      </button>
    </div>
  );
}
