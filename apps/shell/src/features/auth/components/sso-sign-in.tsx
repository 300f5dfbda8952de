/**
 * "Sign in with SSO" (issue 18 part 3, decision 035): the work e-mail finds the workspace whose
 * verified domain it is (`POST /auth/sso/start`), and the browser goes to that workspace's identity
 * provider. When the provider's redirect back fails, the BFF sends the browser to
 * `/?sso_error=<detail>`, shown here. A lazy chunk: the shell's initial JS is at its budget.
 */
import { Button, Input } from "@nhood/design-system";
import { authApi, ProblemMessage } from "@nhood/web-kit";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router-dom";

export interface SsoSignInProps {
  /** the detail the SSO callback reported, if the browser came back from a failed sign-in */
  callbackError: string | null;
}

export default function SsoSignIn({ callbackError }: SsoSignInProps) {
  const [email, setEmail] = useState("");
  const start = useMutation({
    mutationFn: async () => {
      const { redirect_url } = await authApi.auth.ssoStart(email.trim());
      window.location.assign(redirect_url);
    },
  });
  return (
    <form
      className="flex flex-col gap-4"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        start.mutate();
      }}
    >
      {callbackError && !start.error ? (
        <div role="alert" className="rounded-md border border-danger/40 bg-danger-soft p-3 text-sm">
          <p className="font-semibold text-danger">Single sign-on didn't work</p>
          <p className="mt-1 text-fg">{callbackError}</p>
        </div>
      ) : null}
      {start.error ? <ProblemMessage error={start.error} title="Couldn't start single sign-on" /> : null}
      <Input
        label="Work e-mail"
        type="email"
        name="sso-email"
        autoComplete="username"
        hint="Your workspace's identity provider signs you in."
        value={email}
        onChange={(e) => setEmail(e.target.value)}
      />
      <Button type="submit" loading={start.isPending} disabled={!email.includes("@")}>
        Continue with SSO
      </Button>
      <Link to="?" className="text-center text-sm text-brand-text underline">
        Use your password instead
      </Link>
    </form>
  );
}
