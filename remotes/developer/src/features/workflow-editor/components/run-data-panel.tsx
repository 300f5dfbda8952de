/**
 * The inspector's "Last test run" section for the selected node: its status, attempts and
 * duration, error, and its input and output as JSON (the trigger's output is the payload it
 * received). Says what to do when there is no run yet, or when the run did not reach the step.
 */
import { Badge, type BadgeTone } from "@nhood/design-system";
import type { NodeRun } from "../model/run-data";

export interface RunDataPanelProps {
  /** `trigger` or a step id */
  nodeId: string;
  /** the node's part of the last test run; undefined when the run has none for it */
  run: NodeRun | undefined;
  /** whether there is a test run at all */
  hasRun: boolean;
}

const tone: Record<string, BadgeTone> = { succeeded: "success", triggered: "success", failed: "danger", running: "info", retrying: "warning" };
const json = (v: unknown) => JSON.stringify(v, null, 2) ?? "null";

function Json({ title, value }: { title: string; value: unknown }) {
  return (
    <div role="group" aria-label={title}>
      <p className="text-xs font-medium">{title}</p>
      <pre className="mt-1 max-h-56 overflow-auto rounded bg-slate-900 p-2 text-xs text-slate-100">{json(value)}</pre>
    </div>
  );
}

export function RunDataPanel({ nodeId, run, hasRun }: RunDataPanelProps) {
  return (
    <section aria-label="Last test run" className="flex flex-col gap-2 border-t border-line pt-4">
      <h3 className="flex items-center justify-between text-sm font-semibold">
        Last test run
        {run && <Badge tone={tone[run.status] ?? "neutral"}>{run.status}</Badge>}
      </h3>
      {!hasRun ? (
        <p className="text-xs text-fg-muted">No test run yet. Publish, then press Test run: each step's input and output will show here and on the canvas.</p>
      ) : !run ? (
        <p className="text-xs text-fg-muted">
          The last test run did not reach this step (a condition skipped it, or it was added since). Publish and run a test again to see its data.
        </p>
      ) : nodeId === "trigger" ? (
        <Json title="Trigger payload" value={run.output} />
      ) : (
        <>
          {(run.attempts ?? 0) > 1 || run.durationMs != null ? (
            <p className="text-xs text-fg-muted">
              {run.attempts && run.attempts > 1 ? `${run.attempts} attempts · ` : ""}
              {run.durationMs != null ? `${run.durationMs} ms` : ""}
            </p>
          ) : null}
          {run.error && (
            <p role="alert" className="rounded bg-red-50 p-2 text-xs text-red-800">
              {run.error}
            </p>
          )}
          <Json title="Input" value={run.input ?? null} />
          <Json title="Output" value={run.output ?? null} />
        </>
      )}
    </section>
  );
}
