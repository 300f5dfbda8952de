/**
 * The side panel for one step: id, action, input fields, retry and timeout, or a condition;
 * dependencies; delete. Its expression fields complete from the trigger's sample payload and the
 * last outputs of the steps that run before this one.
 */
import { Button, Input, Select } from "@nhood/design-system";
import { stepLinks } from "@nhood/contracts";
import type { ActionInfo } from "@nhood/web-kit";
import type { Draft, DraftStep } from "../model/definition";
import type { ExpressionScope } from "../model/expression-scope";
import { ConfigFields } from "./config-fields";
import { ExpressionInput } from "./expression-input";

export interface StepPanelProps {
  draft: Draft;
  stepId: string;
  actions: ActionInfo[];
  problems: Map<string, string[]>;
  /** the trigger payload sample (pinned, else the last test run's); null when there is none */
  samplePayload: unknown;
  /** step id → its output in the last test run */
  outputs: Record<string, unknown>;
  onChange: (patch: (s: DraftStep) => DraftStep) => void;
  onDelete: () => void;
}

function ancestors(draft: Draft, id: string): string[] {
  const links = new Map(stepLinks(draft.steps).map((l) => [l.id, l.deps]));
  const seen = new Set<string>();
  const stack = [...(links.get(id) ?? [])];
  while (stack.length) {
    const d = stack.pop()!;
    if (!seen.has(d)) {
      seen.add(d);
      stack.push(...(links.get(d) ?? []));
    }
  }
  return [...seen];
}

export function StepPanel({ draft, stepId, actions, problems, samplePayload, outputs, onChange, onDelete }: StepPanelProps) {
  const step = draft.steps.find((s) => s.id === stepId);
  if (!step) return null;
  const err = (f: string) => problems.get(f)?.join("; ");
  const before = new Set(ancestors(draft, stepId));
  const scope: ExpressionScope = {
    trigger: samplePayload,
    steps: Object.fromEntries(draft.steps.filter((s) => before.has(s.id!)).map((s) => [s.id!, outputs[s.id!]])),
  };
  const others = draft.steps.map((s) => s.id!).filter((x) => x !== stepId);
  const deps = step.depends_on;
  const toggleDep = (d: string, on: boolean) =>
    onChange((s) => ({ ...s, depends_on: on ? [...new Set([...(s.depends_on ?? []), d])] : (s.depends_on ?? []).filter((x) => x !== d) }));
  const actionOptions =
    step.type === "condition"
      ? []
      : [
          ...(actions.some((a) => a.provider === step.provider && a.action === step.action)
            ? []
            : [{ value: `${step.provider}.${step.action}`, label: `${step.provider}.${step.action} (not installed)` }]),
          ...actions.map((a) => ({ value: `${a.provider}.${a.action}`, label: `${a.provider}.${a.action} — ${a.title}` })),
        ];
  return (
    <section aria-label={`Step ${stepId}`} className="flex flex-col gap-3">
      <h3 className="text-sm font-semibold">Step</h3>
      <Input
        label="Step id"
        value={stepId}
        error={err("id")}
        hint="Later steps read this step's output as steps.<id>.output"
        onChange={(e) => onChange((s) => ({ ...s, id: e.target.value.replace(/[^A-Za-z0-9_]/g, "_") }))}
      />
      {step.type === "condition" ? (
        <>
          <ExpressionInput
            label="Condition (CEL)"
            value={step.condition}
            scope={scope}
            error={err("condition")}
            hint="e.g. {{ticket.priority}} == 'high'; connect the then / else handles to steps"
            onChange={(t) => onChange((s) => ({ ...s, condition: t }))}
          />
          <p className="text-xs text-fg-muted">
            then: {(step.then ?? []).join(", ") || "—"} · else: {(step.else ?? []).join(", ") || "—"}
          </p>
        </>
      ) : (
        <>
          <Select
            label="Action"
            value={`${step.provider}.${step.action}`}
            error={err("action")}
            options={actionOptions}
            onChange={(e) => {
              const [provider, ...rest] = e.target.value.split(".");
              onChange((s) => ({ ...s, provider: provider!, action: rest.join(".") }));
            }}
          />
          <ConfigFields
            schema={actions.find((a) => a.provider === step.provider && a.action === step.action)?.input_schema}
            config={(step.config ?? {}) as Record<string, unknown>}
            scope={scope}
            problems={problems}
            onChange={(config) => onChange((s) => ({ ...s, config }))}
          />
          <div className="grid grid-cols-2 gap-2">
            <Input
              label="Max attempts"
              type="number"
              min={1}
              max={10}
              value={step.retry?.max_attempts ?? 1}
              error={err("retry/max_attempts")}
              onChange={(e) => onChange((s) => (s.type === "condition" ? s : { ...s, retry: { ...s.retry, max_attempts: Number(e.target.value) || 1 } }))}
            />
            <Input
              label="Timeout"
              placeholder="30s"
              value={String(step.timeout ?? "")}
              error={err("timeout")}
              onChange={(e) => onChange((s) => (s.type === "condition" ? s : { ...s, timeout: e.target.value || undefined }))}
            />
          </div>
        </>
      )}
      <fieldset className="flex flex-col gap-1">
        <legend className="text-sm font-semibold">Runs after</legend>
        {deps === undefined && <p className="text-xs text-fg-muted">the step listed before it (tick steps to choose explicitly)</p>}
        {others.map((o) => (
          <label key={o} className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={(deps ?? []).includes(o)} onChange={(e) => toggleDep(o, e.target.checked)} /> <span className="font-mono">{o}</span>
          </label>
        ))}
        {err("depends_on") && <p className="text-xs font-medium text-danger">{err("depends_on")}</p>}
      </fieldset>
      {problems.get("") && <p className="text-xs font-medium text-danger">{problems.get("")!.join("; ")}</p>}
      <Button variant="danger-subtle" onClick={onDelete}>
        Delete step
      </Button>
    </section>
  );
}
