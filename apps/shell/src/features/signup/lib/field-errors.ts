/** Field errors of a problem+json answer, by field name (`#/email` → `email`), for inline messages. */
import { isApiError, pointerToField } from "@nhood/web-kit";

export function fieldErrorsOf(error: unknown): Record<string, string> {
  if (!isApiError(error)) return {};
  const out: Record<string, string> = {};
  for (const e of error.problem.errors ?? []) {
    const field = pointerToField(e.pointer);
    out[field] ??= e.detail;
  }
  return out;
}
