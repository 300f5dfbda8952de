/**
 * What a step's `{{ … }}` expressions can read, as data the editor knows: the trigger's sample
 * payload (pinned, else the last test run's) and the last outputs of the steps that run before
 * the step. `expressionCompletions` turns the path typed so far into completion options; it is
 * pure (no editor), so the CodeMirror source (expression-completion.ts) and tests share it.
 * The roots follow the engine's scope (bff engine/expressions.ts): `trigger`, `steps.<id>.output`,
 * `end_user`, `vars`, and each top-level field of the trigger payload as a bare root.
 */

/** The data behind one step's completions. */
export interface ExpressionScope {
  /** the trigger payload sample; null when there is none yet */
  trigger: unknown;
  /** id → last output of each step before this one; `undefined` when that step has not run yet */
  steps: Record<string, unknown>;
}

/** One completion: what to insert, its kind (CodeMirror's option types) and a short preview of the value. */
export interface ExpressionOption {
  label: string;
  type: "variable" | "property";
  detail: string;
}

/** Options for the text typed so far inside `{{ … }}`; `from` is where the replaced word starts in that text. */
export interface ExpressionCompletions {
  from: number;
  options: ExpressionOption[];
}

const RESERVED: Record<string, string> = {
  trigger: "the trigger payload",
  steps: "outputs of earlier steps",
  end_user: "the run's end user",
  vars: "workflow variables",
};

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v);

/** A short preview of a value for the option's detail: `"Ada Lovelace"`, `42`, `{3 fields}`, `[2 items]`. */
export function previewValue(v: unknown): string {
  if (v === undefined) return "no run yet";
  if (Array.isArray(v)) return `[${v.length} item${v.length === 1 ? "" : "s"}]`;
  if (isRecord(v)) {
    const n = Object.keys(v).length;
    return `{${n} field${n === 1 ? "" : "s"}}`;
  }
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 40 ? `${s.slice(0, 39)}…` : s;
}

/** The value at a root name, in the engine's order: reserved roots win over payload fields. */
function rootValue(scope: ExpressionScope, name: string): unknown {
  if (name === "trigger") return scope.trigger ?? {};
  if (name === "steps") return Object.fromEntries(Object.entries(scope.steps).map(([id, output]) => [id, { output }]));
  if (name === "end_user") return { id: "" };
  if (name === "vars") return {};
  return isRecord(scope.trigger) ? scope.trigger[name] : undefined;
}

/** Follows `customer.address`, `items[0].sku`, `steps.greet.output` from the scope; undefined when unknown. */
function valueAt(scope: ExpressionScope, path: string): unknown {
  const parts = path.match(/[A-Za-z_]\w*|\[\d+\]/g) ?? [];
  let v = rootValue(scope, parts[0] ?? "");
  for (const p of parts.slice(1)) {
    if (p.startsWith("[")) v = Array.isArray(v) ? v[Number(p.slice(1, -1))] : undefined;
    else v = isRecord(v) ? v[p] : undefined;
  }
  return v;
}

const PATH = String.raw`[A-Za-z_]\w*(?:\.[A-Za-z_]\w*|\[\d+\])*`;
/** `customer.address.ci` → base `customer.address`, partial `ci` */
const MEMBER = new RegExp(`(${PATH})\\.(\\w*)$`);
/** a root being typed (or nothing yet), not after a `.` or a closing bracket */
const ROOT = /(?:^|[^\w.\]])([A-Za-z_]\w*)?$/;

/**
 * Completion options for `typed`, the text between the innermost unclosed `{{` and the cursor:
 * after `a.b.` the fields of that value (the steps before this one after `steps.`, `output` after
 * `steps.<id>.`), otherwise the roots (`trigger`, `steps`, `end_user`, `vars` and the payload's
 * top-level fields). Options start with the partial word typed; null when nothing fits (inside a
 * string literal, or after a value that is not an object).
 */
export function expressionCompletions(scope: ExpressionScope, typed: string): ExpressionCompletions | null {
  if ((typed.match(/'/g)?.length ?? 0) % 2 === 1 || (typed.match(/"/g)?.length ?? 0) % 2 === 1) return null;
  const member = MEMBER.exec(typed);
  let options: ExpressionOption[];
  let partial: string;
  if (member) {
    const [, base, word] = member as unknown as [string, string, string];
    partial = word;
    const value = valueAt(scope, base);
    if (base === "steps")
      options = Object.entries(scope.steps).map(([id, output]) => ({ label: id, type: "property", detail: `step · ${previewValue(output)}` }));
    else if (/^steps\.[A-Za-z_]\w*$/.test(base) && base.slice(6) in scope.steps)
      options = [{ label: "output", type: "property", detail: previewValue(scope.steps[base.slice(6)]) }];
    else if (isRecord(value)) options = Object.entries(value).map(([k, v]) => ({ label: k, type: "property", detail: previewValue(v) }));
    else return null;
  } else {
    const root = ROOT.exec(typed);
    if (!root) return null;
    partial = root[1] ?? "";
    const payload = isRecord(scope.trigger) ? Object.entries(scope.trigger).filter(([k]) => !(k in RESERVED)) : [];
    options = [
      ...payload.map(([k, v]): ExpressionOption => ({ label: k, type: "variable", detail: `trigger · ${previewValue(v)}` })),
      ...Object.entries(RESERVED).map(([k, d]): ExpressionOption => ({ label: k, type: "variable", detail: d })),
    ];
  }
  const matching = options.filter((o) => o.label.startsWith(partial) && o.label !== partial);
  return matching.length ? { from: typed.length - partial.length, options: matching } : null;
}

/** The text between the innermost unclosed `{{` and the end of `before`; null when the cursor is not inside `{{ … }}`. */
export function openTemplate(before: string): string | null {
  const open = before.lastIndexOf("{{");
  if (open < 0 || before.lastIndexOf("}}") > open) return null;
  return before.slice(open + 2);
}
