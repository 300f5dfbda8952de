/** The client portal's "Your data" card: export as JSON, and erasure behind a confirmation. */
import { Button, Card, Dialog, toast } from "@nhood/design-system";
import { describeError } from "@nhood/web-kit";
import { useState } from "react";
import { useExportMyData, useRequestErasure } from "../api/use-my-data";

export function MyDataSection({ company }: { company: string }) {
  const exportData = useExportMyData();
  const erase = useRequestErasure();
  const [confirming, setConfirming] = useState(false);
  return (
    <Card title="Your data" description={`Download what ${company} keeps about you through this portal, or ask for it to be erased.`}>
      <div className="flex flex-wrap gap-3">
        <Button
          variant="secondary"
          loading={exportData.isPending}
          onClick={() =>
            exportData.mutate(undefined, { onError: (e) => toast("Couldn't export your data", { tone: "danger", description: describeError(e).detail }) })
          }
        >
          Export my data
        </Button>
        <Button variant="danger-subtle" disabled={erase.isSuccess} onClick={() => setConfirming(true)}>
          {erase.isSuccess ? "Erasure requested" : "Erase my data"}
        </Button>
      </div>
      {erase.isSuccess && (
        <p role="status" className="mt-3 text-sm text-fg-muted">
          Your erasure request is being processed: your connections, tokens and choices will be deleted shortly.
        </p>
      )}
      <Dialog
        open={confirming}
        onClose={() => setConfirming(false)}
        title="Erase your data?"
        description="We disconnect every app, delete your tokens, consents and personal details, and remove your data from past automations. This cannot be undone."
        footer={
          <>
            <Button variant="secondary" onClick={() => setConfirming(false)}>
              Cancel
            </Button>
            <Button
              variant="danger"
              loading={erase.isPending}
              onClick={() =>
                erase.mutate(undefined, {
                  onSuccess: () => {
                    setConfirming(false);
                    toast("Erasure requested", { tone: "success" });
                  },
                  onError: (e) => toast("Couldn't request erasure", { tone: "danger", description: describeError(e).detail }),
                })
              }
            >
              Erase everything
            </Button>
          </>
        }
      />
    </Card>
  );
}
