/**
 * The CodeMirror 6 completion source of the expression fields: inside an unclosed `{{`, it offers
 * the paths `expressionCompletions` finds in the step's scope (the trigger's sample payload and
 * the earlier steps' outputs), through @codemirror/autocomplete's own popup and keys.
 */
import type { CompletionContext, CompletionResult, CompletionSource } from "@codemirror/autocomplete";
import { type ExpressionScope, expressionCompletions, openTemplate } from "./expression-scope";

/**
 * A completion source reading the scope through `getScope` at each request (so it follows the
 * latest sample payload and run without reconfiguring the editor). Answers null outside `{{ … }}`
 * and when no path fits; `validFor` keeps the list open while a word is typed.
 */
export function expressionCompletionSource(getScope: () => ExpressionScope): CompletionSource {
  return (ctx: CompletionContext): CompletionResult | null => {
    const inner = openTemplate(ctx.state.sliceDoc(0, ctx.pos));
    if (inner === null) return null;
    const found = expressionCompletions(getScope(), inner);
    if (!found) return null;
    return { from: ctx.pos - (inner.length - found.from), options: found.options, validFor: /^\w*$/ };
  };
}
