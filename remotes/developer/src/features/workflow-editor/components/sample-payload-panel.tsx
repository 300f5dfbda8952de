/**
 * The inspector's "Sample payload" section: edit and pin the JSON object the trigger would
 * receive (test runs without a payload start with it, and step fields complete `{{ … }}` from it),
 * pin the last test run's trigger payload in one click, or unpin. A new workflow is saved first.
 */
import { Button } from "@nhood/design-system";
import { ProblemMessage } from "@nhood/web-kit";
import { useEffect, useId, useState } from "react";

export interface SamplePayloadPanelProps {
  /** false for a workflow not saved yet (nothing to pin to) */
  saved: boolean;
  /** the pinned payload, null when none */
  pinned: Record<string, unknown> | null;
  pinnedAt: string | null;
  /** the last test run's trigger payload, when there is a run */
  lastRunPayload: Record<string, unknown> | null;
  pending: boolean;
  error: unknown;
  onPin: (payload: Record<string, unknown> | null) => void;
}

const pretty = (v: unknown) => JSON.stringify(v, null, 2);

/** Parses the text as a JSON object; answers the object or an error message. */
export function parsePayload(text: string): { payload: Record<string, unknown> } | { error: string } {
  try {
    const v = JSON.parse(text) as unknown;
    if (!v || typeof v !== "object" || Array.isArray(v)) return { error: 'The sample payload must be a JSON object, like { "customer": { … } }.' };
    return { payload: v as Record<string, unknown> };
  } catch (e) {
    return { error: `Invalid JSON: ${(e as Error).message}` };
  }
}

export function SamplePayloadPanel({ saved, pinned, pinnedAt, lastRunPayload, pending, error, onPin }: SamplePayloadPanelProps) {
  const id = useId();
  const [text, setText] = useState(() => (pinned ? pretty(pinned) : ""));
  const [parseError, setParseError] = useState<string | null>(null);
  useEffect(() => {
    setText(pinned ? pretty(pinned) : "");
    setParseError(null);
  }, [pinned]);
  const pin = () => {
    const r = parsePayload(text);
    if ("error" in r) return setParseError(r.error);
    setParseError(null);
    onPin(r.payload);
  };
  return (
    <section aria-label="Sample payload" className="flex flex-col gap-2 border-t border-line pt-4">
      <h3 className="text-sm font-semibold">Sample payload</h3>
      {!saved ? (
        <p className="text-xs text-fg-muted">Save the draft first; then pin a sample trigger payload for completions and test runs.</p>
      ) : (
        <>
          <p className="text-xs text-fg-muted" id={`${id}-hint`}>
            {pinned
              ? `Pinned${pinnedAt ? ` ${new Date(pinnedAt).toLocaleString()}` : ""}: test runs start with it and step fields complete {{ … }} from it.`
              : "Nothing pinned yet. Paste the JSON object the trigger receives, or pin the last test run's payload: step fields then complete {{ … }} from it and test runs start with it."}
          </p>
          <label htmlFor={id} className="text-xs font-medium">
            Sample payload (JSON)
          </label>
          <textarea
            id={id}
            rows={6}
            spellCheck={false}
            value={text}
            placeholder={'{\n  "customer": { "email": "ada@example.com" }\n}'}
            aria-invalid={parseError ? true : undefined}
            aria-describedby={parseError ? `${id}-error` : `${id}-hint`}
            className={`w-full rounded-md border bg-surface p-2 font-mono text-xs ${parseError ? "border-danger" : "border-line-strong"}`}
            onChange={(e) => setText(e.target.value)}
          />
          {parseError && (
            <p id={`${id}-error`} className="text-xs font-medium text-danger">
              {parseError}
            </p>
          )}
          {error ? <ProblemMessage error={error} title="Couldn't pin the sample payload" /> : null}
          <div className="flex flex-wrap gap-2">
            <Button size="sm" loading={pending} disabled={!text.trim()} onClick={pin}>
              Pin sample payload
            </Button>
            <Button size="sm" variant="secondary" disabled={!lastRunPayload || pending} onClick={() => lastRunPayload && onPin(lastRunPayload)}>
              Pin the last run's payload
            </Button>
            {pinned && (
              <Button size="sm" variant="ghost" disabled={pending} onClick={() => onPin(null)}>
                Unpin
              </Button>
            )}
          </div>
        </>
      )}
    </section>
  );
}
