/**
 * Rule conditions and templates in CEL, through the kernel's expression language (the same
 * language and library as workflows). Scope: `event` ({type, payload, source, timestamp})
 * plus the bare root `payload` (`type` is a CEL built-in, so the type is `event.type`). Templates use `{{ expr }}`.
 */
import { celActivation, evaluate, evaluateCondition, ExpressionError, compile, conditionExpression } from "../../kernel/expressions";

export interface EventFacts {
  type: string;
  payload: Record<string, unknown>;
  source: string;
  timestamp: string;
}

function scopeOf(event: EventFacts): Record<string, unknown> {
  // the roots rules have always had (the engine's scope shape, with the event as the trigger)
  return celActivation({ event, payload: event.payload, trigger: { event, payload: event.payload }, steps: {}, end_user: {}, vars: {} });
}

/** Throws ExpressionError when `condition` is not valid CEL (for 400 answers on save). */
export function checkCondition(condition: string): void {
  compile(conditionExpression(condition));
}

export interface RuleOutcome {
  matched: boolean;
  /** why the condition or a template could not be evaluated */
  error: string | null;
  title: string | null;
  message: string | null;
}

/** Fills each `{{ expr }}`; one that cannot be evaluated (a missing field) renders empty rather than losing the notification. */
export function renderText(template: string, act: Record<string, unknown>): string {
  return template.replace(/\{\{([\s\S]*?)\}\}/g, (_, e: string) => {
    try {
      const v = evaluate(e.trim(), act);
      return v === null || v === undefined ? "" : typeof v === "object" ? JSON.stringify(v) : String(v);
    } catch {
      return "";
    }
  });
}

/** Evaluates a rule's condition and, when it matches, renders its title and message. */
export function evaluateRule(rule: { condition: string; titleTemplate: string; messageTemplate: string }, event: EventFacts): RuleOutcome {
  const act = scopeOf(event);
  try {
    if (!evaluateCondition(rule.condition, act)) return { matched: false, error: null, title: null, message: null };
    return { matched: true, error: null, title: renderText(rule.titleTemplate, act), message: renderText(rule.messageTemplate, act) };
  } catch (e) {
    return { matched: false, error: e instanceof ExpressionError ? e.message : String(e), title: null, message: null };
  }
}

export { ExpressionError };
