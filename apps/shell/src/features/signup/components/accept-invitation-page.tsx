/**
 * `/invitations/accept?token=…`: the link of an invitation e-mail. Shows the workspace and role,
 * asks for a name and a new password (or the existing account's password), accepts once, then
 * signs the person in and opens their first portal.
 */
import { Button, Input } from "@nhood/design-system";
import { authApi, loadSession, ProblemMessage, setBearerToken } from "@nhood/web-kit";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useNavigate, useSearchParams } from "react-router-dom";
import { FullPageMessage } from "../../../components/full-page-message";
import { onboardingApi } from "../api/onboarding-api";
import { fieldErrorsOf } from "../lib/field-errors";
import { PasswordStrengthMeter } from "./password-strength-meter";

export default function AcceptInvitationPage() {
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
  const navigate = useNavigate();
  const preview = useQuery({ queryKey: ["invitation", token], queryFn: () => onboardingApi.previewInvitation(token), enabled: token !== "", retry: false });
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const accept = useMutation({
    mutationFn: async () => {
      const done = await onboardingApi.acceptInvitation({ token, password, ...(name.trim() ? { name: name.trim() } : {}) });
      setBearerToken(null);
      await authApi.auth.login({ email: done.email, password });
      await loadSession();
      void navigate("/", { replace: true });
    },
  });
  const fields = fieldErrorsOf(accept.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    accept.mutate();
  };
  const invite = preview.data;
  return (
    <FullPageMessage>
      <div className="rounded-xl border border-line bg-surface p-6 shadow-sm">
        <h1 className="text-xl font-semibold text-fg">{invite ? `Join ${invite.workspace_name}` : "Accept your invitation"}</h1>
        {!token ? (
          <p className="mt-4 text-sm text-fg">This link has no token. Open the link from your invitation e-mail.</p>
        ) : preview.isPending ? (
          <p role="status" className="mt-4 text-sm text-fg-muted">
            Loading your invitation…
          </p>
        ) : preview.isError ? (
          <div className="mt-4">
            <ProblemMessage error={preview.error} title="This invitation can't be used" />
          </div>
        ) : invite ? (
          <form onSubmit={submit} className="mt-4 flex flex-col gap-4" noValidate>
            <p className="text-sm text-fg-muted">
              You were invited as <span className="font-medium text-fg">{invite.role.replace("_", " ")}</span> with{" "}
              <span className="font-medium text-fg">{invite.email}</span>.{" "}
              {invite.account_exists ? "Enter the password of your existing account." : "Choose your name and a password."}
            </p>
            {accept.error ? <ProblemMessage error={accept.error} title="Couldn't accept the invitation" /> : null}
            {invite.account_exists ? null : (
              <Input label="Your name" name="name" autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} error={fields.name} />
            )}
            <Input
              label="Password"
              type="password"
              name="password"
              autoComplete={invite.account_exists ? "current-password" : "new-password"}
              hint={invite.account_exists ? undefined : "At least 12 characters."}
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              error={fields.password}
            />
            {invite.account_exists ? null : <PasswordStrengthMeter password={password} userInputs={[invite.email, name]} />}
            <Button type="submit" loading={accept.isPending} disabled={password.length < (invite.account_exists ? 1 : 12)}>
              Accept and sign in
            </Button>
          </form>
        ) : null}
      </div>
    </FullPageMessage>
  );
}
