/**
 * Runs the live version with a trigger payload (prefilled with the pinned sample payload, else the
 * last test run's, else an example customer); the canvas then shows each step's status as it runs.
 */
import { Button, Dialog } from "@nhood/design-system";
import { ProblemMessage } from "@nhood/web-kit";
import { useEffect, useRef, useState } from "react";

export interface TestRunDialogProps {
  open: boolean;
  pending: boolean;
  error: unknown;
  liveVersion: number;
  dirty: boolean;
  /** the payload to start from: the pinned sample payload, else the last test run's */
  initialPayload?: Record<string, unknown> | null;
  onClose: () => void;
  onRun: (payload: Record<string, unknown>) => void;
}

const EXAMPLE = '{\n  "customer": { "name": "Ada Lovelace", "first_name": "Ada", "last_name": "Lovelace", "email": "ada@example.com" }\n}';

export function TestRunDialog({ open, pending, error, liveVersion, dirty, initialPayload, onClose, onRun }: TestRunDialogProps) {
  const [text, setText] = useState(EXAMPLE);
  const [parseError, setParseError] = useState<string | null>(null);
  const initial = useRef(initialPayload);
  initial.current = initialPayload;
  // each opening starts from the payload of that moment; later refetches do not overwrite edits
  useEffect(() => {
    if (!open) return;
    setText(initial.current ? JSON.stringify(initial.current, null, 2) : EXAMPLE);
    setParseError(null);
  }, [open]);
  const run = () => {
    try {
      const payload = JSON.parse(text) as unknown;
      if (!payload || typeof payload !== "object" || Array.isArray(payload)) throw new Error("The payload must be a JSON object.");
      setParseError(null);
      onRun(payload as Record<string, unknown>);
    } catch (e) {
      setParseError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Test run"
      description={`Runs live version v${liveVersion} with this trigger payload.${dirty ? " Unsaved or unpublished edits are not part of it: publish first to test them." : ""}`}
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button loading={pending} onClick={run}>
            Run
          </Button>
        </>
      }
    >
      <label htmlFor="test-payload" className="text-sm font-medium">
        Trigger payload (JSON)
      </label>
      <textarea
        id="test-payload"
        className="mt-1 h-40 w-full rounded-md border border-line bg-surface p-2 font-mono text-xs"
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      {parseError && <p className="text-xs font-medium text-danger">{parseError}</p>}
      {error ? <ProblemMessage error={error} title="Couldn't start the run" /> : null}
    </Dialog>
  );
}
