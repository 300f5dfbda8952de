/**
 * Publish problems (RFC 9457 `errors` with JSON pointers into the definition, e.g.
 * `#/steps/2/config/text`) grouped for the canvas and the side panel.
 */
import { stepIds } from "@nhood/contracts";
import type { Draft } from "./definition";

export interface FieldProblem {
  pointer: string;
  detail: string;
}

export interface GroupedProblems {
  /** step id → field path inside the step (`config/text`, `action`, "") → details */
  steps: Map<string, Map<string, string[]>>;
  /** trigger field (`path`, `cron`…) → details */
  trigger: Map<string, string[]>;
  /** anything else (name, steps list) */
  other: FieldProblem[];
}

/** Decodes one JSON Pointer reference token (RFC 6901 §4: ~1 is "/", then ~0 is "~"). */
const unescapePointerToken = (s: string) => s.replace(/~1/g, "/").replace(/~0/g, "~");

export function groupProblems(errors: readonly FieldProblem[], d: Draft): GroupedProblems {
  const ids = stepIds(d.steps);
  const out: GroupedProblems = { steps: new Map(), trigger: new Map(), other: [] };
  const push = <K>(m: Map<K, string[]>, k: K, v: string) => m.set(k, [...(m.get(k) ?? []), v]);
  for (const e of errors) {
    const parts = e.pointer.replace(/^#\/?/, "").split("/").map(unescapePointerToken);
    if (parts[0] === "steps" && parts[1] !== undefined && ids[Number(parts[1])]) {
      const id = ids[Number(parts[1])]!;
      const fields = out.steps.get(id) ?? new Map<string, string[]>();
      push(fields, parts.slice(2).join("/"), e.detail);
      out.steps.set(id, fields);
    } else if (parts[0] === "trigger") push(out.trigger, parts.slice(1).join("/"), e.detail);
    else out.other.push(e);
  }
  return out;
}
