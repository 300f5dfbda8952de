/**
 * Adding an authenticator app: the QR code the BFF made (an SVG data URL, so no script and no
 * library here) and the secret for typing in by hand, then the app's first code.
 */
import { Button, Card, Input } from "@nhood/design-system";
import type { TotpEnrolment as Enrolment } from "@nhood/contracts";
import { describeError, ProblemMessage } from "@nhood/web-kit";
import { useState } from "react";
import { useConfirmTotp } from "../api/use-my-mfa";

export interface TotpEnrolmentProps {
  enrolment: Enrolment;
  /** confirmed: the recovery codes when new ones were made (the person had none left), else null */
  onConfirmed: (recoveryCodes: string[] | null) => void;
  onCancel: () => void;
}

export function TotpEnrolment({ enrolment, onConfirmed, onCancel }: TotpEnrolmentProps) {
  const [code, setCode] = useState("");
  const confirm = useConfirmTotp();
  // a wrong code is a 400 naming #/code: said at the field; anything else above the form
  const codeError = confirm.error ? describeError(confirm.error).fields.find((f) => f.field === "code")?.detail : undefined;
  return (
    <Card
      title="Add an authenticator app"
      description="Scan the QR code with an app such as 1Password, Google Authenticator or Authy, then enter the code it shows."
    >
      <form
        className="flex flex-col gap-4 sm:flex-row sm:items-start sm:gap-8"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          confirm.mutate({ factorId: enrolment.factor_id, code: code.trim() }, { onSuccess: (r) => onConfirmed(r.recovery_codes) });
        }}
      >
        <img src={enrolment.qr_code} alt="QR code for your authenticator app" width={192} height={192} className="self-center rounded bg-white p-2" />
        <div className="flex flex-1 flex-col gap-4">
          <p className="text-sm text-fg-muted">
            Can't scan? Enter this key by hand:{" "}
            <code data-testid="totp-secret" className="break-all font-mono text-fg">
              {enrolment.secret}
            </code>
          </p>
          {confirm.error && !codeError ? <ProblemMessage error={confirm.error} title="Couldn't add the app" /> : null}
          <Input
            label="Code from the app"
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            error={codeError}
            value={code}
            onChange={(e) => setCode(e.target.value)}
          />
          <div className="flex gap-2">
            <Button type="submit" loading={confirm.isPending} disabled={!/^\d{6}$/.test(code.trim())}>
              Confirm
            </Button>
            <Button type="button" variant="secondary" onClick={onCancel}>
              Cancel
            </Button>
          </div>
        </div>
      </form>
    </Card>
  );
}
