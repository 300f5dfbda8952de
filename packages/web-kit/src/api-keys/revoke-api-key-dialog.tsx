import { Button, Dialog } from "@nhood/design-system";
import type { ApiKey } from "@nhood/contracts";
import { ProblemMessage } from "@nhood/web-kit";

export interface RevokeApiKeyDialogProps {
  apiKey: ApiKey | null;
  pending: boolean;
  error: unknown;
  onCancel: () => void;
  onConfirm: (key: ApiKey) => void;
}

/** Confirms revoking a key (it cannot be undone). */
export function RevokeApiKeyDialog({ apiKey, pending, error, onCancel, onConfirm }: RevokeApiKeyDialogProps) {
  return (
    <Dialog
      open={apiKey !== null}
      onClose={onCancel}
      title={`Revoke "${apiKey?.name ?? ""}"?`}
      description="Requests signed with this key will be refused right away. This can't be undone."
      footer={
        <>
          <Button variant="secondary" onClick={onCancel} data-autofocus>
            Cancel
          </Button>
          <Button variant="danger" loading={pending} onClick={() => apiKey && onConfirm(apiKey)}>
            Revoke key
          </Button>
        </>
      }
    >
      {error ? <ProblemMessage title="Couldn't revoke the key" error={error} /> : null}
    </Dialog>
  );
}
