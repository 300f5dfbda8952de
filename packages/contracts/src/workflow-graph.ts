/**
 * The DSL's graph rules, shared by the engine and the visual editor so both draw the same DAG:
 * - a step without `id` is named `<provider>_<action>` (conditions: `condition`), `_2`, `_3`… on
 *   collisions;
 * - a step listed in a condition's `then`/`else` depends on that condition and runs only on
 *   that branch;
 * - a step without `depends_on` (and not on a branch) follows the step before it; `depends_on: []`
 *   starts a branch at the trigger.
 */
/** The fields of a step (as sent or as parsed) that the graph rules read. */
export interface StepShape {
  id?: string;
  type?: "action" | "condition";
  provider?: string;
  action?: string;
  depends_on?: string[];
  then?: string[];
  else?: string[];
}

export interface StepLinks {
  id: string;
  deps: string[];
  gates: { condition: string; branch: "then" | "else" }[];
}

/** The ids the engine uses for `steps`, in order (explicit ids kept, missing ones derived). */
export function stepIds(steps: readonly StepShape[]): string[] {
  const taken = new Set(steps.map((s) => s.id).filter((x): x is string => !!x));
  return steps.map((s) => {
    if (s.id) return s.id;
    const base = (s.type === "condition" ? "condition" : `${s.provider ?? "step"}_${s.action ?? ""}`).replace(/[^A-Za-z0-9_]/g, "_").replace(/^(\d)/, "_$1");
    let id = base;
    for (let n = 2; taken.has(id); n++) id = `${base}_${n}`;
    taken.add(id);
    return id;
  });
}

/** Each step's id, dependencies (explicit, implicit and branch) and branch gates. */
export function stepLinks(steps: readonly StepShape[]): StepLinks[] {
  const ids = stepIds(steps);
  const gates = new Map<string, StepLinks["gates"]>();
  steps.forEach((s, i) => {
    if (s.type !== "condition") return;
    for (const branch of ["then", "else"] as const) {
      for (const target of s[branch] ?? []) gates.set(target, [...(gates.get(target) ?? []), { condition: ids[i]!, branch }]);
    }
  });
  return steps.map((s, i) => {
    const id = ids[i]!;
    const g = gates.get(id) ?? [];
    const implicit = s.depends_on === undefined && g.length === 0 && i > 0 ? [ids[i - 1]!] : [];
    return { id, deps: [...new Set([...(s.depends_on ?? implicit), ...g.map((x) => x.condition)])], gates: g };
  });
}
