/**
 * Publish-time checks of a definition: step ids, dependencies and branches, cycles, known
 * actions, built-in steps' configs against their input schemas, cron and time zone, an event
 * trigger's filter, and every CEL expression (syntax, unknown step id, a step read before it can
 * have run). Each problem
 * names its field as a JSON pointer into the definition, e.g. `#/steps/2/config/text` (RFC 6901).
 */
import type { WorkflowDefinition } from "@nhood/contracts";
import type { FieldError } from "../../../lib/errors";
import { findAction, type ActionDefinition } from "../../integrations";
import { ancestorsOf, buildGraph, findCycle, type StepNode, type WorkflowGraph } from "./definition";
import { conditionExpression, type ExpressionError, referencedSteps, templateExpressions, compile } from "./expressions";
import { scheduleProblem } from "./schedule";
import { conditionProblem } from "../../../kernel/expressions";

const esc = (k: string) => k.replace(/~/g, "~0").replace(/\//g, "~1");

function checkExpression(graph: WorkflowGraph, step: StepNode, expr: string, pointer: string, errors: FieldError[]): void {
  try {
    compile(expr);
  } catch (e) {
    errors.push({ pointer, detail: `step ${step.id}: syntax error in {{ ${expr} }}: ${(e as ExpressionError).message}` });
    return;
  }
  const before = ancestorsOf(graph, step.id);
  for (const ref of referencedSteps(expr)) {
    if (!graph.byId.has(ref)) errors.push({ pointer, detail: `step ${step.id}: unknown step id "${ref}" in {{ ${expr} }}` });
    else if (!before.has(ref)) errors.push({ pointer, detail: `step ${step.id}: reads steps.${ref} before it can have run (add it to depends_on)` });
  }
}

function walkConfig(value: unknown, pointer: string, visit: (text: string, pointer: string) => void): void {
  if (typeof value === "string") visit(value, pointer);
  else if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) walkConfig(v, `${pointer}/${i}`, visit);
  } else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) walkConfig(v, `${pointer}/${esc(k)}`, visit);
}

/** The value at `path` inside `value` (undefined when absent). */
function valueAt(value: unknown, path: PropertyKey[]): unknown {
  return path.reduce<unknown>((v, k) => (v && typeof v === "object" ? (v as Record<PropertyKey, unknown>)[k] : undefined), value);
}

/**
 * Checks a built-in step's config against its action's input schema. A value that is (or holds) a
 * `{{ … }}` template is only known once rendered, so problems at or under one are left to run
 * time; missing required fields and literal values of the wrong shape are publish errors.
 */
function checkConfig(action: ActionDefinition, stepId: string, config: unknown, pointer: string, errors: FieldError[]): void {
  const parsed = action.input.safeParse(config ?? {});
  if (parsed.success) return;
  for (const issue of parsed.error.issues) {
    const templated = issue.path.some((_, n) => {
      const v = valueAt(config, issue.path.slice(0, n + 1));
      return typeof v === "string" && v.includes("{{");
    });
    if (templated) continue;
    const field = issue.path.map((k) => esc(String(k))).join("/");
    errors.push({ pointer: field ? `${pointer}/${field}` : pointer, detail: `step ${stepId}: ${field || "config"}: ${issue.message}` });
  }
}

/** Every problem of `def` (empty when it can be published). */
export function validateDefinition(def: WorkflowDefinition): FieldError[] {
  const errors: FieldError[] = [];
  const graph = buildGraph(def);
  const seen = new Set<string>();
  for (const s of graph.steps) {
    const at = `#/steps/${s.index}`;
    if (seen.has(s.id)) errors.push({ pointer: `${at}/id`, detail: `step id "${s.id}" is used twice` });
    seen.add(s.id);
    (def.steps[s.index]!.depends_on ?? []).forEach((d, j) => {
      if (!graph.byId.has(d)) errors.push({ pointer: `${at}/depends_on/${j}`, detail: `step ${s.id}: unknown step id "${d}"` });
      else if (d === s.id) errors.push({ pointer: `${at}/depends_on/${j}`, detail: `step ${s.id} cannot depend on itself` });
    });
    if (s.kind === "condition") {
      for (const branch of ["then", "else"] as const) {
        s[branch].forEach((t, j) => {
          if (!graph.byId.has(t)) errors.push({ pointer: `${at}/${branch}/${j}`, detail: `step ${s.id}: unknown step id "${t}"` });
        });
      }
      checkExpression(graph, s, conditionExpression(s.condition), `${at}/condition`, errors);
    } else {
      const action = findAction(s.provider, s.action);
      if (!action) errors.push({ pointer: `${at}/action`, detail: `step ${s.id}: unknown action ${s.provider}.${s.action}` });
      else if (s.provider === "core") checkConfig(action, s.id, s.config, `${at}/config`, errors); // built-ins (builtins.ts); provider actions check at run time
      walkConfig(s.config, `${at}/config`, (text, pointer) => {
        for (const expr of templateExpressions(text)) checkExpression(graph, s, expr, pointer, errors);
      });
    }
  }
  const cycle = findCycle(graph);
  if (cycle) {
    const first = graph.byId.get(cycle[0]!)!;
    errors.push({ pointer: `#/steps/${first.index}/depends_on`, detail: `dependency cycle: ${cycle.join(" → ")}` });
  }
  if (def.trigger.type === "schedule") {
    const p = scheduleProblem(def.trigger.cron, def.trigger.timezone);
    if (p) errors.push({ pointer: `#/trigger/${p.field}`, detail: p.detail });
  }
  if (def.trigger.type === "event" && def.trigger.filter !== undefined) {
    // what the filter reads: engine/event-triggers.ts
    const p = conditionProblem(def.trigger.filter, ["payload", "event"]);
    if (p) errors.push({ pointer: "#/trigger/filter", detail: `trigger filter: ${p}` });
  }
  return errors;
}
