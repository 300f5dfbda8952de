/**
 * A test run's data as the editor shows it: each node's status and output (the trigger's is the
 * payload it received), a one-line preview for the canvas, and the outputs later steps' expressions
 * complete from. `run` is an execution with its step runs (GET …/executions/{id} or the test data).
 */
import type { ExecutionDetail, StepRun } from "@nhood/contracts";

/** What one canvas node shows of the run: `triggered` for the trigger, else its step run's status. */
export interface NodeRun {
  status: string;
  output: unknown;
  input?: unknown;
  error?: string | null;
  attempts?: number;
  durationMs?: number | null;
}

/** Node id (`trigger` or a step id) → its part of the run; empty without a run. Steps the run did not reach have no entry. */
export function nodeRuns(run: ExecutionDetail | null | undefined): Map<string, NodeRun> {
  const out = new Map<string, NodeRun>();
  if (!run) return out;
  out.set("trigger", { status: "triggered", output: run.trigger_payload });
  for (const r of run.step_runs as StepRun[])
    out.set(r.step_id, { status: r.status, input: r.input, output: r.output, error: r.error, attempts: r.attempts, durationMs: r.duration_ms });
  return out;
}

/** Step id → output of the steps that succeeded in the run (what `steps.<id>.output` held). */
export function runOutputs(run: ExecutionDetail | null | undefined): Record<string, unknown> {
  return Object.fromEntries((run?.step_runs ?? []).filter((r) => r.status === "succeeded").map((r) => [r.step_id, r.output]));
}

/** A value as one line of JSON of at most `max` characters (an ellipsis marks the cut), for a node. */
export function outputPreview(v: unknown, max = 60): string {
  const s = v === undefined ? "" : (JSON.stringify(v) ?? String(v));
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
