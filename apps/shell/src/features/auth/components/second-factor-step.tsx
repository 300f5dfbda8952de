/**
 * The sign-in's second step (issue 18): after a right password the BFF answers `mfa_required`
 * with a 5-minute `mfa_token`. Here the person enters their authenticator app's code (or a
 * recovery code); someone who must use MFA but has no factor yet (platform staff, members of a
 * workspace that requires it) first adds an app from the QR code and sees their 10 recovery codes
 * once. Passkeys are offered when the person has one (`navigator.credentials.get`).
 */
import { Button, Input } from "@nhood/design-system";
import type { MfaChallenge } from "@nhood/contracts";
import { authApi, ProblemMessage } from "@nhood/web-kit";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { getPasskeyAssertion } from "../../../lib/webauthn";

export interface SecondFactorStepProps {
  challenge: MfaChallenge;
  /** called once a session is set (cookies): loads it */
  onSignedIn: () => Promise<void>;
  /** back to the password form (the step expired or the person wants to start over) */
  onCancel: () => void;
}

export function SecondFactorStep({ challenge, onSignedIn, onCancel }: SecondFactorStepProps) {
  return challenge.enrolment_required ? (
    <RequiredEnrolment token={challenge.mfa_token} onSignedIn={onSignedIn} onCancel={onCancel} />
  ) : (
    <VerifyFactor challenge={challenge} onSignedIn={onSignedIn} onCancel={onCancel} />
  );
}

function VerifyFactor({ challenge, onSignedIn, onCancel }: SecondFactorStepProps) {
  const [useRecovery, setUseRecovery] = useState(false);
  const [value, setValue] = useState("");
  const verify = useMutation({
    mutationFn: async () => {
      const token = challenge.mfa_token;
      await authApi.auth.mfa.verify(useRecovery ? { mfa_token: token, recovery_code: value.trim() } : { mfa_token: token, code: value.trim() });
      await onSignedIn();
    },
  });
  const passkey = useMutation({
    mutationFn: async () => {
      const options = await authApi.auth.mfa.passkeyOptions(challenge.mfa_token);
      await authApi.auth.mfa.passkeyVerify(challenge.mfa_token, await getPasskeyAssertion(options));
      await onSignedIn();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    verify.mutate();
  };
  const error = verify.error ?? passkey.error;
  return (
    <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
      <p className="text-sm text-fg-muted">
        {useRecovery ? "Enter one of your recovery codes. Each works once." : "Enter the 6-digit code from your authenticator app."}
      </p>
      {error ? <ProblemMessage error={error} title="Couldn't verify" /> : null}
      <Input
        label={useRecovery ? "Recovery code" : "Authentication code"}
        name="code"
        inputMode={useRecovery ? "text" : "numeric"}
        autoComplete="one-time-code"
        autoFocus
        value={value}
        onChange={(e) => setValue(e.target.value)}
      />
      <Button type="submit" loading={verify.isPending} disabled={!value.trim()}>
        Verify
      </Button>
      {challenge.methods.includes("passkey") ? (
        <Button type="button" variant="secondary" loading={passkey.isPending} onClick={() => passkey.mutate()}>
          Use a passkey
        </Button>
      ) : null}
      <div className="flex justify-between text-sm">
        <button
          type="button"
          className="text-brand-text underline"
          onClick={() => {
            setUseRecovery(!useRecovery);
            setValue("");
          }}
        >
          {useRecovery ? "Use the authenticator app" : "Use a recovery code"}
        </button>
        <button type="button" className="text-fg-muted underline" onClick={onCancel}>
          Start over
        </button>
      </div>
    </form>
  );
}

function RequiredEnrolment({ token, onSignedIn, onCancel }: { token: string; onSignedIn: () => Promise<void>; onCancel: () => void }) {
  const enrolment = useQuery({
    queryKey: ["mfa-enrolment", token],
    queryFn: () => authApi.auth.mfa.beginEnrolment(token),
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
  const [code, setCode] = useState("");
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const confirm = useMutation({
    mutationFn: () => authApi.auth.mfa.confirmEnrolment({ mfa_token: token, factor_id: enrolment.data!.factor_id, code: code.trim() }),
    onSuccess: async (s) => {
      if (s.recovery_codes?.length) setRecoveryCodes(s.recovery_codes);
      else await onSignedIn();
    },
  });
  if (recoveryCodes) return <RecoveryCodes codes={recoveryCodes} onDone={onSignedIn} />;
  if (enrolment.isPending) return <p className="text-sm text-fg-muted">Preparing your authenticator setup…</p>;
  if (enrolment.isError)
    return (
      <div className="flex flex-col gap-4">
        <ProblemMessage error={enrolment.error} title="Couldn't start the setup" />
        <Button onClick={onCancel}>Start over</Button>
      </div>
    );
  const e = enrolment.data;
  return (
    <form
      className="flex flex-col gap-4"
      noValidate
      onSubmit={(ev) => {
        ev.preventDefault();
        confirm.mutate();
      }}
    >
      <p className="text-sm text-fg">Your account must use a second factor. Scan this code with an authenticator app, then enter the code it shows.</p>
      <img src={e.qr_code} alt="QR code for your authenticator app" width={192} height={192} className="self-center rounded bg-white p-2" />
      <p className="text-xs text-fg-muted">
        Can't scan? Enter this key by hand: <code className="break-all font-mono">{e.secret}</code>
      </p>
      {confirm.error ? <ProblemMessage error={confirm.error} title="Couldn't confirm" /> : null}
      <Input
        label="Authentication code"
        name="code"
        inputMode="numeric"
        autoComplete="one-time-code"
        value={code}
        onChange={(ev) => setCode(ev.target.value)}
      />
      <Button type="submit" loading={confirm.isPending} disabled={!code.trim()}>
        Confirm and sign in
      </Button>
    </form>
  );
}

/** The recovery codes, shown this once. */
export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void | Promise<void> }) {
  return (
    <div className="flex flex-col gap-4">
      <p className="text-sm text-fg">
        Save these recovery codes somewhere safe. Each signs you in once if you lose your authenticator; they are not shown again.
      </p>
      <ul aria-label="Recovery codes" className="grid grid-cols-2 gap-2 rounded border border-line p-3 font-mono text-sm">
        {codes.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ul>
      <Button onClick={() => void onDone()}>I saved them — continue</Button>
    </div>
  );
}
