/** Adding a passkey on this device: a name for it, then the browser's own prompt. */
import { Button, Card, Input } from "@nhood/design-system";
import { ProblemMessage } from "@nhood/web-kit";
import { useState } from "react";
import { useRegisterPasskey } from "../api/use-my-mfa";

export function PasskeyForm({ onDone, onCancel }: { onDone: () => void; onCancel: () => void }) {
  const [label, setLabel] = useState("Passkey on this device");
  const register = useRegisterPasskey();
  const supported = typeof window !== "undefined" && "PublicKeyCredential" in window;
  return (
    <Card title="Add a passkey" description="Your device or security key keeps the passkey; you confirm with its fingerprint, face, PIN or touch.">
      <form
        className="flex flex-col gap-4"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          register.mutate(label.trim(), { onSuccess: onDone });
        }}
      >
        {supported ? null : <p className="text-sm text-danger">This browser cannot create passkeys.</p>}
        {register.error ? <ProblemMessage error={register.error} title="Couldn't add the passkey" /> : null}
        <Input label="Passkey name" name="label" maxLength={80} value={label} onChange={(e) => setLabel(e.target.value)} />
        <div className="flex gap-2">
          <Button type="submit" loading={register.isPending} disabled={!supported || !label.trim()}>
            Create passkey
          </Button>
          <Button type="button" variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
        </div>
      </form>
    </Card>
  );
}
