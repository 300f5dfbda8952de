/** The person's confirmed factors, each removable after a confirmation. */
import { Badge, Button, Dialog } from "@nhood/design-system";
import type { MfaFactor } from "@nhood/contracts";
import { formatDate, formatDateTime, ProblemMessage } from "@nhood/web-kit";
import { useState } from "react";
import { useRemoveFactor } from "../api/use-my-mfa";

export function FactorList({ factors }: { factors: MfaFactor[] }) {
  const [removing, setRemoving] = useState<MfaFactor | null>(null);
  const remove = useRemoveFactor();
  const close = () => {
    setRemoving(null);
    remove.reset();
  };
  return (
    <>
      <ul aria-label="Second factors" className="divide-y divide-line">
        {factors.map((f) => (
          <li key={f.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
            <div>
              <p className="font-medium text-fg">
                {f.label} <Badge tone="info">{f.kind === "totp" ? "Authenticator app" : "Passkey"}</Badge>
              </p>
              <p className="text-xs text-fg-muted">
                Added {formatDate(f.created_at)} · {f.last_used_at ? `last used ${formatDateTime(f.last_used_at)}` : "not used yet"}
              </p>
            </div>
            <Button variant="secondary" size="sm" aria-label={`Remove ${f.label}`} onClick={() => setRemoving(f)}>
              Remove
            </Button>
          </li>
        ))}
      </ul>
      <Dialog
        open={removing !== null}
        onClose={close}
        title={`Remove ${removing?.label ?? "this factor"}?`}
        description="You won't be able to sign in with it any more."
        footer={
          <>
            <Button variant="secondary" onClick={close}>
              Keep it
            </Button>
            <Button variant="danger" loading={remove.isPending} onClick={() => removing && remove.mutate(removing.id, { onSuccess: close })}>
              Remove
            </Button>
          </>
        }
      >
        {remove.error ? <ProblemMessage error={remove.error} title="Couldn't remove it" /> : null}
      </Dialog>
    </>
  );
}
