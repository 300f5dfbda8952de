/**
 * Normalises a DSL definition (seed 001) into the graph the engine runs: every step gets a
 * stable id and explicit dependencies (rules in @nhood/contracts workflow-graph.ts, shared with
 * the editor):
 *
 * - A step without `id` is named `<provider>_<action>` (conditions: `condition`), with `_2`, `_3`
 *   appended on collisions, so ids are stable across saves of the same definition.
 * - A step listed in a condition's `then`/`else` depends on that condition and runs only on that
 *   branch; its `depends_on` adds to that.
 * - A step without `depends_on` (and not gated by a condition) follows the step before it, so the
 *   seed's "Welcome New Customer" runs Slack, then Salesforce. `depends_on: []` starts a branch at
 *   the trigger (parallel with the others).
 */
import { type ConnectionChoice, durationMs, stepLinks, type WorkflowDefinition } from "@nhood/contracts";

export interface ActionNode {
  kind: "action";
  id: string;
  index: number;
  provider: string;
  action: string;
  config: Record<string, unknown>;
  /** whose connection the step uses: its own choice, else the workflow's (engine/connection.ts) */
  connection?: ConnectionChoice;
  retry: { maxAttempts: number; backoff: "exponential" | "fixed"; initialDelayMs: number; maxDelayMs: number };
  timeoutMs: number;
  deps: string[];
  /** condition steps whose branch gates this step: `{condition, branch}` */
  gates: { condition: string; branch: "then" | "else" }[];
}

export interface ConditionNode {
  kind: "condition";
  id: string;
  index: number;
  condition: string;
  then: string[];
  else: string[];
  deps: string[];
  gates: { condition: string; branch: "then" | "else" }[];
}

export type StepNode = ActionNode | ConditionNode;

export interface WorkflowGraph {
  steps: StepNode[];
  byId: Map<string, StepNode>;
  timeoutMs: number;
}

export const DEFAULT_STEP_TIMEOUT_MS = 30_000;
export const DEFAULT_EXECUTION_TIMEOUT_MS = 3_600_000;

function durationToMs(d: number | string | undefined, fallback: number): number {
  return d === undefined ? fallback : durationMs(d as number);
}

/** Builds the graph; ids in `depends_on`/`then`/`else` that do not exist are kept (validation reports them). */
export function buildGraph(def: WorkflowDefinition): WorkflowGraph {
  const links = stepLinks(def.steps);
  const steps: StepNode[] = def.steps.map((s, i) => {
    const { id, deps, gates: g } = links[i]!;
    if (s.type === "condition") {
      return { kind: "condition", id, index: i, condition: s.condition, then: s.then, else: s.else, deps, gates: g };
    }
    const r = s.retry;
    return {
      kind: "action",
      id,
      index: i,
      provider: s.provider,
      action: s.action,
      config: s.config ?? {},
      deps,
      gates: g,
      connection: s.connection ?? def.connection,
      retry: {
        maxAttempts: r?.max_attempts ?? 1,
        backoff: r?.backoff ?? "exponential",
        initialDelayMs: r?.initial_delay_ms ?? 1000,
        maxDelayMs: r?.max_delay_ms ?? 300_000,
      },
      timeoutMs: durationToMs(s.timeout, DEFAULT_STEP_TIMEOUT_MS),
    };
  });
  return { steps, byId: new Map(steps.map((s) => [s.id, s])), timeoutMs: durationToMs(def.timeout, DEFAULT_EXECUTION_TIMEOUT_MS) };
}

/** Every step that must finish before `id` can start (transitive dependencies). */
export function ancestorsOf(graph: WorkflowGraph, id: string): Set<string> {
  const seen = new Set<string>();
  const stack = [...(graph.byId.get(id)?.deps ?? [])];
  while (stack.length) {
    const d = stack.pop()!;
    if (seen.has(d)) continue;
    seen.add(d);
    stack.push(...(graph.byId.get(d)?.deps ?? []));
  }
  return seen;
}

/** A dependency cycle as a list of ids, or null. */
export function findCycle(graph: WorkflowGraph): string[] | null {
  const state = new Map<string, 1 | 2>();
  const path: string[] = [];
  const visit = (id: string): string[] | null => {
    if (state.get(id) === 2) return null;
    if (state.get(id) === 1) return [...path.slice(path.indexOf(id)), id];
    state.set(id, 1);
    path.push(id);
    for (const d of graph.byId.get(id)?.deps ?? []) {
      if (!graph.byId.has(d)) continue;
      const c = visit(d);
      if (c) return c;
    }
    path.pop();
    state.set(id, 2);
    return null;
  };
  for (const s of graph.steps) {
    const c = visit(s.id);
    if (c) return c;
  }
  return null;
}
