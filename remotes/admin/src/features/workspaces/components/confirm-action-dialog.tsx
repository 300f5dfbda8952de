import { Button, Dialog, Input } from "@nhood/design-system";
import { ProblemMessage } from "@nhood/web-kit";
import { useState } from "react";

export interface ConfirmActionDialogProps {
  open: boolean;
  title: string;
  description: string;
  confirmLabel: string;
  /** ask for a reason (kept in the audit log) */
  withReason?: boolean;
  pending: boolean;
  error: unknown;
  onCancel: () => void;
  onConfirm: (reason?: string) => void;
}

/** Confirms a consequential workspace action (suspend, delete) before it is sent. */
export function ConfirmActionDialog({ open, title, description, confirmLabel, withReason, pending, error, onCancel, onConfirm }: ConfirmActionDialogProps) {
  const [reason, setReason] = useState("");
  return (
    <Dialog
      open={open}
      onClose={onCancel}
      title={title}
      description={description}
      footer={
        <>
          <Button variant="secondary" onClick={onCancel} data-autofocus>
            Cancel
          </Button>
          <Button variant="danger" loading={pending} onClick={() => onConfirm(reason.trim() || undefined)}>
            {confirmLabel}
          </Button>
        </>
      }
    >
      {withReason && <Input label="Reason (kept in the audit log)" value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />}
      {error ? (
        <div className="mt-3">
          <ProblemMessage title={`Couldn't ${confirmLabel.toLowerCase()}`} error={error} />
        </div>
      ) : null}
    </Dialog>
  );
}
