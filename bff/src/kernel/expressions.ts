/**
 * The expression language: CEL (https://github.com/google/cel-spec) evaluated by
 * `@marcbachmann/cel-js` — sandboxed, side-effect free, no `eval`/`Function`/`vm`. Shared by
 * workflow templates and conditions (workflows/engine/expressions.ts adds the engine's scope) and
 * notification rules (notifications/conditions.ts).
 *
 * - A config string `"{{ expr }}"` (nothing else) renders to the expression's value (any JSON
 *   type); a string mixing text and `{{ … }}` renders each expression to text.
 * - A condition is CEL with `{{ … }}` allowed around sub-expressions (`"{{ticket.priority}} ==
 *   'high'"` is `(ticket.priority) == 'high'`) and must yield a bool.
 * JSON integers enter CEL as `int` (so `x + 1` works) and leave as numbers (`celActivation`).
 */
import { Environment, parse } from "@marcbachmann/cel-js";

export class ExpressionError extends Error {
  constructor(
    message: string,
    readonly expression: string,
  ) {
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

/** The CEL activation (variables) for plain JSON values: integers become CEL ints. */
export function celActivation(vars: Record<string, unknown>): Record<string, unknown> {
  return toCel(vars) as Record<string, unknown>;
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

const checkers = new Map<string, Environment>();

/**
 * Checks a condition before it is stored (e.g. a trigger's filter at publish): its syntax, that it
 * reads only `variables` (each a map of JSON values), and that it can yield a bool. Answers the
 * problem as one sentence, or null when the condition is fine. `{{ … }}` is allowed around
 * sub-expressions as in `evaluateCondition`.
 */
export function conditionProblem(condition: string, variables: readonly string[]): string | null {
  const key = variables.join(",");
  let env = checkers.get(key);
  if (!env) {
    env = new Environment({ homogeneousAggregateLiterals: false });
    for (const v of variables) env.registerVariable(v, "map");
    checkers.set(key, env);
  }
  const result = env.check(conditionExpression(condition));
  if (!result.valid) {
    const message = firstLine(result.error);
    const unknown = /^Unknown variable: (\S+)/.exec(message);
    if (unknown) return `reads ${unknown[1]}, which is not defined: the condition sees ${variables.join(" and ")} (e.g. ${variables[0]}.${unknown[1]})`;
    return result.error?.name === "ParseError" ? `syntax error: ${message}` : message;
  }
  return result.type === "bool" || result.type === "dyn" ? null : `yields ${result.type}, not a bool`;
}
