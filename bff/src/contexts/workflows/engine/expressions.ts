/**
 * The workflow engine's templates and conditions: CEL through the kernel's expression language
 * (kernel/expressions.ts: `{{ expr }}` rendering, conditions, caching), plus the engine's scope.
 * - Scope: `trigger` (the payload), `steps.<id>.output`, `end_user`, `vars`, and every top-level
 *   field of the payload as a bare root (`customer.name` = `trigger.customer.name`).
 * JSON integers enter CEL as `int` (so `x + 1` works) and leave as numbers.
 */
import { celActivation, compile } from "../../../kernel/expressions";

export { compile, conditionExpression, evaluate, evaluateCondition, ExpressionError, render, templateExpressions } from "../../../kernel/expressions";

export const RESERVED_ROOTS = ["trigger", "steps", "end_user", "vars"] as const;

export interface ExpressionScope {
  trigger: unknown;
  steps: Record<string, { output: unknown }>;
  end_user: Record<string, unknown> | null;
  vars: Record<string, unknown>;
}

/** The CEL activation for a scope (bare payload roots first, reserved roots win). */
export function activation(scope: ExpressionScope): Record<string, unknown> {
  const payload = scope.trigger && typeof scope.trigger === "object" && !Array.isArray(scope.trigger) ? (scope.trigger as Record<string, unknown>) : {};
  return celActivation({ ...payload, trigger: scope.trigger ?? {}, steps: scope.steps, end_user: scope.end_user ?? {}, vars: scope.vars });
}

interface AstNode {
  op: string;
  args: unknown;
}

/** The step ids an expression reads through `steps.<id>` (from its syntax tree). */
export function referencedSteps(expr: string): string[] {
  const out = new Set<string>();
  const walk = (n: unknown): void => {
    if (!n || typeof n !== "object") return;
    if (Array.isArray(n)) {
      for (const item of n) walk(item);
      return;
    }
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
