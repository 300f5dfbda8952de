/**
 * Templates and conditions in CEL (https://github.com/google/cel-spec), evaluated by
 * `@marcbachmann/cel-js`: sandboxed, side-effect free, no `eval`/`Function`/`vm`.
 *
 * - A config string `"{{ expr }}"` (nothing else) renders to the expression's value (any JSON
 *   type); a string mixing text and `{{ … }}` renders each expression to text.
 * - A condition is CEL with `{{ … }}` allowed around sub-expressions (seed:
 *   `"{{ticket.priority}} == 'high'"` is `(ticket.priority) == 'high'`) and must yield a bool.
 * - Scope: `trigger` (the payload), `steps.<id>.output`, `end_user`, `vars`, and every top-level
 *   field of the payload as a bare root (`customer.name` = `trigger.customer.name`).
 * JSON integers enter CEL as `int` (so `x + 1` works) and leave as numbers.
 */
import { parse } from "@marcbachmann/cel-js";

export const RESERVED_ROOTS = ["trigger", "steps", "end_user", "vars"] as const;

export interface ExpressionScope {
  trigger: unknown;
  steps: Record<string, { output: unknown }>;
  end_user: Record<string, unknown> | null;
  vars: Record<string, unknown>;
}

export class ExpressionError extends Error {
  constructor(message: string, readonly expression: string) {
    super(message);
    this.name = "ExpressionError";
  }
}

const TEMPLATE = /\{\{([\s\S]*?)\}\}/g;
const WHOLE = /^\s*\{\{([\s\S]*?)\}\}\s*$/;

type Compiled = ReturnType<typeof parse>;
const cache = new Map<string, Compiled>();

/** Parses (and caches) one CEL expression; throws ExpressionError on a syntax error. */
export function compile(expr: string): Compiled {
  let c = cache.get(expr);
  if (!c) {
    try {
      c = parse(expr);
    } catch (e) {
      throw new ExpressionError(firstLine(e), expr);
    }
    if (cache.size > 5000) cache.clear();
    cache.set(expr, c);
  }
  return c;
}

function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split("\n")[0]!;
}

/** The CEL expressions inside a template string (empty when it has no `{{ }}`). */
export function templateExpressions(text: string): string[] {
  return [...text.matchAll(TEMPLATE)].map((m) => m[1]!.trim());
}

/** A condition as one CEL expression (`{{ x }}` → `(x)`). */
export function conditionExpression(condition: string): string {
  return condition.replace(TEMPLATE, (_, e: string) => `(${e.trim()})`);
}

function toCel(v: unknown): unknown {
  if (typeof v === "number") return Number.isInteger(v) ? BigInt(v) : v;
  if (Array.isArray(v)) return v.map(toCel);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toCel(x)]));
  return v;
}

function fromCel(v: unknown): unknown {
  if (typeof v === "bigint") return Number(v);
  if (Array.isArray(v)) return v.map(fromCel);
  if (v instanceof Map) return Object.fromEntries([...v].map(([k, x]) => [String(k), fromCel(x)]));
  if (v && typeof v === "object" && !(v instanceof Uint8Array)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fromCel(x)]));
  return v;
}

/** The CEL activation for a scope (bare payload roots first, reserved roots win). */
export function activation(scope: ExpressionScope): Record<string, unknown> {
  const payload = scope.trigger && typeof scope.trigger === "object" && !Array.isArray(scope.trigger) ? (scope.trigger as Record<string, unknown>) : {};
  return toCel({ ...payload, trigger: scope.trigger ?? {}, steps: scope.steps, end_user: scope.end_user ?? {}, vars: scope.vars }) as Record<string, unknown>;
}

/** Evaluates one expression; throws ExpressionError naming the expression. */
export function evaluate(expr: string, act: Record<string, unknown>): unknown {
  try {
    return fromCel(compile(expr)(act));
  } catch (e) {
    if (e instanceof ExpressionError) throw e;
    throw new ExpressionError(`${firstLine(e)} in {{ ${expr} }}`, expr);
  }
}

function asText(v: unknown): string {
  if (v === null || v === undefined) return "";
  return typeof v === "string" ? v : typeof v === "object" ? JSON.stringify(v) : String(v);
}

/** Renders a config value: strings with templates are evaluated, objects and arrays recursively. */
export function render(value: unknown, act: Record<string, unknown>): unknown {
  if (typeof value === "string") {
    const whole = WHOLE.exec(value);
    if (whole && templateExpressions(value).length === 1) return evaluate(whole[1]!.trim(), act);
    return value.replace(TEMPLATE, (_, e: string) => asText(evaluate(e.trim(), act)));
  }
  if (Array.isArray(value)) return value.map((v) => render(v, act));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, render(v, act)]));
  return value;
}

/** Evaluates a condition; throws ExpressionError when it does not yield a bool. */
export function evaluateCondition(condition: string, act: Record<string, unknown>): boolean {
  const expr = conditionExpression(condition);
  const v = evaluate(expr, act);
  if (typeof v !== "boolean") throw new ExpressionError(`the condition yields ${typeof v}, not a bool`, expr);
  return v;
}

interface AstNode { op: string; args: unknown }

/** The step ids an expression reads through `steps.<id>` (from its syntax tree). */
export function referencedSteps(expr: string): string[] {
  const out = new Set<string>();
  const walk = (n: unknown): void => {
    if (!n || typeof n !== "object") return;
    if (Array.isArray(n)) return n.forEach(walk);
    const node = n as AstNode;
    if ((node.op === "." || node.op === "?.") && Array.isArray(node.args)) {
      const [target, field] = node.args as [AstNode, unknown];
      if (target?.op === "id" && target.args === "steps" && typeof field === "string") out.add(field);
    }
    if (node.op === "[]" && Array.isArray(node.args)) {
      const [target, key] = node.args as [AstNode, AstNode];
      if (target?.op === "id" && target.args === "steps" && key?.op === "value" && typeof key.args === "string") out.add(key.args);
    }
    walk(node.args);
  };
  walk((compile(expr) as unknown as { ast: unknown }).ast);
  return [...out];
}
