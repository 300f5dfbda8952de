/**
 * The canvas's node kinds: the trigger, an action step, and a condition with then/else handles.
 * After a test run each node shows its status (green succeeded, red failed, grey skipped) and a
 * one-line preview of its output (the trigger's: the payload it received).
 */
import { Handle, Position, type Node, type NodeProps } from "@xyflow/react";
import { cx } from "@nhood/design-system";

export interface StepNodeData extends Record<string, unknown> {
  title: string;
  subtitle: string;
  problems: number;
  /** a test run's step status, when one is shown (`triggered` for the trigger) */
  status?: string;
  /** one line of the run's output for this node */
  output?: string;
  selected?: boolean;
}
export type StepFlowNode = Node<StepNodeData>;

const statusClass: Record<string, string> = {
  succeeded: "bg-emerald-100 text-emerald-800",
  triggered: "bg-emerald-100 text-emerald-800",
  failed: "bg-red-100 text-red-800",
  running: "bg-sky-100 text-sky-800",
  queued: "bg-slate-100 text-slate-700",
  retrying: "bg-amber-100 text-amber-800",
  skipped: "bg-slate-100 text-slate-500",
  cancelled: "bg-slate-100 text-slate-500",
};

function Card({ data, kind, testId }: { data: StepNodeData; kind: string; testId: string }) {
  return (
    <div
      data-testid={testId}
      data-status={data.status}
      className={cx(
        "w-[240px] rounded-lg border bg-surface px-3 py-2 text-left shadow-sm",
        data.problems ? "border-red-500 ring-2 ring-red-200" : data.selected ? "border-brand ring-2 ring-brand/30" : "border-line",
      )}
    >
      <div className="flex items-center justify-between gap-2">
        <span className="text-[10px] font-semibold uppercase tracking-wide text-fg-muted">{kind}</span>
        {data.status && (
          <span data-testid="node-status" className={cx("rounded px-1.5 text-[10px] font-medium", statusClass[data.status] ?? "")}>
            {data.status}
          </span>
        )}
      </div>
      <p className="truncate text-sm font-semibold text-fg">{data.title}</p>
      <p className="truncate font-mono text-xs text-fg-muted">{data.subtitle}</p>
      {data.output && (
        <p data-testid="node-output" className="mt-1 truncate rounded bg-surface-muted px-1 font-mono text-[10px] text-fg" title={data.output}>
          <span className="text-fg-muted">{data.status === "triggered" ? "payload " : "output "}</span>
          {data.output}
        </p>
      )}
      {data.problems > 0 && (
        <p className="mt-1 text-xs font-medium text-red-700">
          {data.problems} problem{data.problems > 1 ? "s" : ""}
        </p>
      )}
    </div>
  );
}

export function TriggerNode({ data }: NodeProps<StepFlowNode>) {
  return (
    <>
      <Card data={data} kind="Trigger" testId="trigger-node" />
      <Handle type="source" position={Position.Bottom} />
    </>
  );
}

export function ActionNode({ id, data }: NodeProps<StepFlowNode>) {
  return (
    <>
      <Handle type="target" position={Position.Top} />
      <Card data={data} kind="Step" testId={`step-node-${id}`} />
      <Handle type="source" position={Position.Bottom} />
    </>
  );
}

export function ConditionNode({ id, data }: NodeProps<StepFlowNode>) {
  return (
    <>
      <Handle type="target" position={Position.Top} />
      <Card data={data} kind="Condition" testId={`step-node-${id}`} />
      <Handle type="source" id="then" position={Position.Bottom} style={{ left: "30%" }} />
      <Handle type="source" id="else" position={Position.Bottom} style={{ left: "70%" }} />
      <div className="pointer-events-none flex justify-between px-10 text-[10px] font-semibold text-fg-muted">
        <span>then</span>
        <span>else</span>
      </div>
    </>
  );
}

export const nodeTypes = { trigger: TriggerNode, action: ActionNode, condition: ConditionNode };
