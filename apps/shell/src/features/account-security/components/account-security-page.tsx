/**
 * /account/security (issue 18, decision 035): every signed-in person's own second factors —
 * authenticator apps (TOTP) and passkeys, listed, added and removed — and their recovery codes,
 * shown once after an enrolment or a regeneration. A lazy route: not in the shell's initial JS.
 */
import { Badge, Button, Card, EmptyState, PageHeader } from "@nhood/design-system";
import type { TotpEnrolment as Enrolment } from "@nhood/contracts";
import { AsyncContent, ProblemMessage } from "@nhood/web-kit";
import { useState } from "react";
import { useBeginTotp, useMyMfa, useRegenerateRecoveryCodes } from "../api/use-my-mfa";
import { FactorList } from "./factor-list";
import { PasskeyForm } from "./passkey-form";
import { RecoveryCodesPanel } from "./recovery-codes-panel";
import { TotpEnrolment } from "./totp-enrolment";

type Step = { kind: "idle" } | { kind: "totp"; enrolment: Enrolment } | { kind: "passkey" } | { kind: "codes"; codes: string[] };

export default function AccountSecurityPage() {
  const status = useMyMfa();
  const begin = useBeginTotp();
  const regenerate = useRegenerateRecoveryCodes();
  const [step, setStep] = useState<Step>({ kind: "idle" });
  const factors = status.data?.factors ?? [];
  const idle = step.kind === "idle";
  const error = begin.error ?? regenerate.error;

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title="Account security"
        description="A second factor keeps your account safe when your password is not: after your password, sign-in asks for a code from your app or your passkey."
        actions={status.data?.required ? <Badge tone="warning">Required for your account</Badge> : undefined}
      />
      {error ? <ProblemMessage error={error} title={begin.error ? "Couldn't start adding the app" : "Couldn't make new recovery codes"} /> : null}
      {step.kind === "totp" ? (
        <TotpEnrolment
          enrolment={step.enrolment}
          onConfirmed={(codes) => setStep(codes?.length ? { kind: "codes", codes } : { kind: "idle" })}
          onCancel={() => setStep({ kind: "idle" })}
        />
      ) : null}
      {step.kind === "passkey" ? <PasskeyForm onDone={() => setStep({ kind: "idle" })} onCancel={() => setStep({ kind: "idle" })} /> : null}
      {step.kind === "codes" ? <RecoveryCodesPanel codes={step.codes} onDone={() => setStep({ kind: "idle" })} /> : null}
      <Card
        title="Second factors"
        description="Authenticator apps and passkeys that can finish your sign-in."
        actions={
          idle ? (
            <>
              <Button
                size="sm"
                loading={begin.isPending}
                onClick={() => begin.mutate(undefined, { onSuccess: (enrolment) => setStep({ kind: "totp", enrolment }) })}
              >
                Add an authenticator app
              </Button>
              <Button size="sm" variant="secondary" onClick={() => setStep({ kind: "passkey" })}>
                Add a passkey
              </Button>
            </>
          ) : undefined
        }
      >
        <AsyncContent
          status={status.status}
          error={status.error}
          onRetry={() => void status.refetch()}
          errorTitle="Couldn't load your second factors"
          loadingLabel="Loading your second factors…"
          isEmpty={factors.length === 0}
          empty={<EmptyState title="No second factor yet — add an authenticator app or a passkey">Until then your password alone signs you in.</EmptyState>}
        >
          <FactorList factors={factors} />
        </AsyncContent>
      </Card>
      {status.data && factors.length > 0 ? (
        <Card
          title="Recovery codes"
          description={`${status.data.recovery_codes_left} of 10 left. Each signs you in once when you have neither your app nor your passkey.`}
          actions={
            <Button
              size="sm"
              variant="secondary"
              loading={regenerate.isPending}
              disabled={!idle}
              onClick={() => regenerate.mutate(undefined, { onSuccess: (r) => r.recovery_codes && setStep({ kind: "codes", codes: r.recovery_codes }) })}
            >
              Get new recovery codes
            </Button>
          }
        >
          <p className="text-sm text-fg-muted">New codes replace the old ones at once.</p>
        </Card>
      ) : null}
    </div>
  );
}
