/**
 * Pure edits of the editor's working copy of a workflow definition (the seed's DSL). Ids are
 * made explicit when a step is added, so edges (`depends_on`, `then`, `else`) can name them.
 */
import { stepIds, type WorkflowDefinitionInput, type WorkflowStepInput } from "@nhood/contracts";

export type Draft = WorkflowDefinitionInput;
export type DraftStep = WorkflowStepInput;

/** A new workflow: a webhook trigger and one transform step. */
export function blankDraft(): Draft {
  return {
    name: "Untitled workflow",
    trigger: { type: "webhook", path: `/hook-${Math.random().toString(36).slice(2, 8)}` },
    steps: [{ id: "prepare", provider: "core", action: "transform", config: { customer: "{{ trigger.customer }}" } }],
  };
}

/** Gives every step its (derived) id explicitly, so edges can refer to it. */
export function withExplicitIds(d: Draft): Draft {
  const ids = stepIds(d.steps);
  return { ...d, steps: d.steps.map((s, i) => ({ ...s, id: ids[i] })) };
}

function freshId(d: Draft, base: string): string {
  const taken = new Set(stepIds(d.steps));
  const clean = base.replace(/[^A-Za-z0-9_]/g, "_").replace(/^(\d)/, "_$1");
  let id = clean;
  for (let n = 2; taken.has(id); n++) id = `${clean}_${n}`;
  return id;
}

/** Adds an action step (or a condition when `provider` is "condition") after `after` (or as a root). */
export function addStep(d: Draft, kind: { provider: string; action: string } | "condition", after: string | null): { draft: Draft; id: string } {
  const base = withExplicitIds(d);
  const id = freshId(base, kind === "condition" ? "condition" : `${kind.provider}_${kind.action}`);
  const deps = after ? [after] : [];
  const step: DraftStep =
    kind === "condition"
      ? { id, type: "condition", condition: "{{ trigger.value }} == 'yes'", then: [], else: [], depends_on: deps }
      : { id, provider: kind.provider, action: kind.action, config: {}, depends_on: deps };
  return { draft: { ...base, steps: [...base.steps, step] }, id };
}

/** Removes a step and every reference to it. */
export function removeStep(d: Draft, id: string): Draft {
  const base = withExplicitIds(d);
  const drop = (l?: string[]) => l?.filter((x) => x !== id);
  return {
    ...base,
    steps: base.steps
      .filter((s) => s.id !== id)
      .map((s) =>
        s.type === "condition" ? { ...s, depends_on: drop(s.depends_on), then: drop(s.then), else: drop(s.else) } : { ...s, depends_on: drop(s.depends_on) },
      ),
  };
}

/** Replaces step `id` by `patch(step)`; renaming the id renames every reference. */
export function updateStep(d: Draft, id: string, patch: (s: DraftStep) => DraftStep): Draft {
  const base = withExplicitIds(d);
  const next = base.steps.map((s) => (s.id === id ? patch(s) : s));
  const renamed = next.find((_, i) => base.steps[i]!.id === id)?.id;
  if (!renamed || renamed === id) return { ...base, steps: next };
  const ren = (l?: string[]) => l?.map((x) => (x === id ? renamed : x));
  return {
    ...base,
    steps: next.map((s) =>
      s.type === "condition" ? { ...s, depends_on: ren(s.depends_on), then: ren(s.then), else: ren(s.else) } : { ...s, depends_on: ren(s.depends_on) },
    ),
  };
}

/**
 * Connects `source` → `target`: from a condition's `then`/`else` handle the target joins that
 * branch; otherwise `source` joins the target's `depends_on` ("trigger" as source makes it a root).
 */
export function connect(d: Draft, source: string, target: string, handle: "then" | "else" | null): Draft {
  if (source === target) return d;
  const base = withExplicitIds(d);
  if (handle) return updateStep(base, source, (s) => (s.type === "condition" ? { ...s, [handle]: [...new Set([...(s[handle] ?? []), target])] } : s));
  if (source === "trigger") return updateStep(base, target, (t) => ({ ...t, depends_on: t.depends_on ?? [] }));
  return updateStep(base, target, (t) => ({ ...t, depends_on: [...new Set([...(t.depends_on ?? []), source])] }));
}

/** Removes the edge `source` → `target` (from `depends_on`, `then` or `else`). */
export function disconnect(d: Draft, source: string, target: string): Draft {
  const base = withExplicitIds(d);
  const withoutBranch = updateStep(base, source, (s) =>
    s.type === "condition" ? { ...s, then: s.then?.filter((x) => x !== target), else: s.else?.filter((x) => x !== target) } : s,
  );
  return updateStep(withoutBranch, target, (t) => ({ ...t, depends_on: (t.depends_on ?? []).filter((x) => x !== source) }));
}
