/** One step run: status, attempts, duration, and its rendered input, output or error. */
import type { StepRun } from "@nhood/web-kit";
import { formatDuration, StatusBadge } from "./execution-status";

const json = (v: unknown) => JSON.stringify(v, null, 2);

export function StepRunItem({ stepId, label, run }: { stepId: string; label: string; run: StepRun | undefined }) {
  return (
    <li className="rounded-lg border border-line bg-surface p-3" data-testid={`step-run-${stepId}`}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm">
          <span className="font-mono font-semibold">{stepId}</span> <span className="text-fg-muted">{label}</span>
        </p>
        <p className="flex items-center gap-3 text-xs text-fg-muted">
          {run && run.attempts > 1 && <span>{run.attempts} attempts</span>}
          {run?.reused && <span>reused from the earlier run</span>}
          <span className="tabular-nums">{formatDuration(run?.duration_ms)}</span>
          <StatusBadge status={run?.status ?? "pending"} />
        </p>
      </div>
      {run?.error && (
        <p className="mt-2 rounded bg-red-50 p-2 text-xs text-red-800" role="alert">
          {run.error}
        </p>
      )}
      {run && (run.input !== null || run.output !== null) && (
        <div className="mt-2 grid gap-2 md:grid-cols-2">
          <details open={run.status === "failed"}>
            <summary className="cursor-pointer text-xs font-medium">Input</summary>
            <pre className="mt-1 max-h-60 overflow-auto rounded bg-slate-900 p-2 text-xs text-slate-100">{json(run.input)}</pre>
          </details>
          <details open>
            <summary className="cursor-pointer text-xs font-medium">Output</summary>
            <pre className="mt-1 max-h-60 overflow-auto rounded bg-slate-900 p-2 text-xs text-slate-100">{json(run.output)}</pre>
          </details>
        </div>
      )}
    </li>
  );
}
