/** The person's confirmed factors: each can be renamed in place, or removed after a confirmation. */
import { Badge, Button, Dialog, Input } from "@nhood/design-system";
import type { MfaFactor } from "@nhood/contracts";
import { formatDate, formatDateTime, ProblemMessage } from "@nhood/web-kit";
import { useState } from "react";
import { useRemoveFactor, useRenameFactor } from "../api/use-my-mfa";

export function FactorList({ factors }: { factors: MfaFactor[] }) {
  const [removing, setRemoving] = useState<MfaFactor | null>(null);
  const [renaming, setRenaming] = useState<{ id: string; label: string } | null>(null);
  const remove = useRemoveFactor();
  const rename = useRenameFactor();
  const close = () => {
    setRemoving(null);
    remove.reset();
  };
  return (
    <>
      <ul aria-label="Second factors" className="divide-y divide-line">
        {factors.map((f) =>
          renaming?.id === f.id ? (
            <li key={f.id} className="py-3">
              <form
                className="flex flex-wrap items-end gap-2"
                noValidate
                onSubmit={(e) => {
                  e.preventDefault();
                  rename.mutate({ factorId: f.id, label: renaming.label.trim() }, { onSuccess: () => setRenaming(null) });
                }}
              >
                <Input
                  label={`New name for ${f.label}`}
                  maxLength={80}
                  value={renaming.label}
                  onChange={(e) => setRenaming({ id: f.id, label: e.target.value })}
                />
                <Button type="submit" size="sm" loading={rename.isPending} disabled={!renaming.label.trim()}>
                  Save name
                </Button>
                <Button size="sm" variant="ghost" onClick={() => setRenaming(null)}>
                  Cancel
                </Button>
              </form>
              {rename.error ? <ProblemMessage error={rename.error} title="Couldn't rename it" /> : null}
            </li>
          ) : (
            <li key={f.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
              <div>
                <p className="font-medium text-fg">
                  {f.label} <Badge tone="info">{f.kind === "totp" ? "Authenticator app" : "Passkey"}</Badge>
                </p>
                <p className="text-xs text-fg-muted">
                  Added {formatDate(f.created_at)} · {f.last_used_at ? `last used ${formatDateTime(f.last_used_at)}` : "not used yet"}
                </p>
              </div>
              <div className="flex gap-2">
                <Button
                  variant="ghost"
                  size="sm"
                  aria-label={`Rename ${f.label}`}
                  onClick={() => {
                    rename.reset();
                    setRenaming({ id: f.id, label: f.label });
                  }}
                >
                  Rename
                </Button>
                <Button variant="secondary" size="sm" aria-label={`Remove ${f.label}`} onClick={() => setRemoving(f)}>
                  Remove
                </Button>
              </div>
            </li>
          ),
        )}
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
