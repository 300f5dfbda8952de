import { Button, Dialog, Input } from "@nhood/design-system";
import { ProblemMessage, type Rule } from "@nhood/web-kit";
import { useEffect, useState } from "react";
import { useTestRule } from "../api/use-rules";

/** Tries a rule against a sample event (type + JSON payload) and shows match, title, message, recipients. */
export function RuleTestDialog({ rule, onClose }: { rule: Rule | null; onClose: () => void }) {
  const test = useTestRule();
  const [type, setType] = useState("");
  const [payload, setPayload] = useState("{}");
  const [jsonError, setJsonError] = useState<string | null>(null);
  useEffect(() => {
    test.reset();
    setJsonError(null);
  }, [rule?.id]); // eslint-disable-line react-hooks/exhaustive-deps
  const run = () => {
    let parsed: Record<string, unknown>;
    try {
      parsed = JSON.parse(payload) as Record<string, unknown>;
    } catch {
      setJsonError("The payload is not valid JSON.");
      return;
    }
    setJsonError(null);
    test.mutate({ id: rule!.id, type: type.trim() || "test.event", payload: parsed });
  };
  const r = test.data;
  return (
    <Dialog
      open={rule !== null}
      onClose={onClose}
      title={`Test "${rule?.name ?? ""}"`}
      description="Evaluates the rule against a sample event. Nothing is stored or sent."
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            Close
          </Button>
          <Button onClick={run} loading={test.isPending}>
            Run test
          </Button>
        </>
      }
    >
      <div className="flex flex-col gap-3">
        <Input label="Event type" value={type} placeholder="order.completed" onChange={(e) => setType(e.target.value)} data-autofocus />
        <label className="flex flex-col gap-1 text-sm font-medium">
          Payload (JSON)
          <textarea
            value={payload}
            onChange={(e) => setPayload(e.target.value)}
            rows={4}
            className="rounded-md border border-line-strong p-2 font-mono text-sm"
          />
        </label>
        {jsonError && <p className="text-xs text-danger">{jsonError}</p>}
        {test.isError && <ProblemMessage title="Couldn't run the test" error={test.error} />}
        {r && (
          <div role="status" className="rounded-md border border-line bg-surface-muted p-3 text-sm">
            {r.error ? (
              <p className="text-danger">Condition error: {r.error}</p>
            ) : r.matched ? (
              <>
                <p className="font-semibold text-success">Matches — {r.recipients} member(s) would be notified.</p>
                <p className="mt-1">{r.title}</p>
                <p className="text-fg-muted">{r.message}</p>
              </>
            ) : (
              <p>Does not match this event.</p>
            )}
          </div>
        )}
      </div>
    </Dialog>
  );
}
