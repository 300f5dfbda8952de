import { CompletionContext, type CompletionResult } from "@codemirror/autocomplete";
import { EditorState } from "@codemirror/state";
import { describe, expect, it } from "vitest";
import { expressionCompletionSource } from "./expression-completion";
import { type ExpressionScope, expressionCompletions, openTemplate, previewValue } from "./expression-scope";

/** The seeded Welcome New Customer's sample payload, and its first step's output in the sandbox. */
const scope: ExpressionScope = {
  trigger: { customer: { name: "Ada Lovelace", email: "ada@example.com", tags: ["vip"] }, amount: 42 },
  steps: {
    slack_send_message: { ok: true, channel: "C2353414C65", message: { text: "New customer: Ada Lovelace" } },
    not_run_yet: undefined,
  },
};
const labels = (typed: string, s: ExpressionScope = scope) => expressionCompletions(s, typed)?.options.map((o) => o.label) ?? null;

describe("expressionCompletions (sample payload + earlier outputs → options)", () => {
  it("offers the payload's top-level fields and the reserved roots at the start of an expression", () => {
    expect(labels(" ")).toEqual(["customer", "amount", "trigger", "steps", "end_user", "vars"]);
    expect(labels("cu")).toEqual(["customer"]);
    expect(labels("st")).toEqual(["steps"]);
    expect(expressionCompletions(scope, " cu")).toMatchObject({ from: 1, options: [{ label: "customer", type: "variable", detail: "trigger · {3 fields}" }] });
  });

  it("offers a value's fields after a dot, through bare roots, trigger. and nested objects", () => {
    expect(labels(" customer.")).toEqual(["name", "email", "tags"]);
    expect(labels("trigger.customer.em")).toEqual(["email"]);
    expect(expressionCompletions(scope, "customer.na")).toEqual({ from: 9, options: [{ label: "name", type: "property", detail: '"Ada Lovelace"' }] });
    expect(labels("customer.tags.")).toBeNull(); // an array has no fields
    expect(labels("amount.")).toBeNull();
  });

  it("offers the earlier steps after steps., then output, then the fields of its last output", () => {
    expect(labels("steps.")).toEqual(["slack_send_message", "not_run_yet"]);
    expect(expressionCompletions(scope, "steps.not")!.options[0]).toMatchObject({ label: "not_run_yet", detail: "step · no run yet" });
    expect(labels("steps.slack_send_message.")).toEqual(["output"]);
    expect(labels("steps.slack_send_message.output.")).toEqual(["ok", "channel", "message"]);
    expect(labels("steps.slack_send_message.output.message.")).toEqual(["text"]);
    expect(labels("steps.not_run_yet.output.")).toBeNull();
    expect(labels("steps.later_step.")).toBeNull(); // not a step before this one
  });

  it("works inside a larger CEL expression, and not inside a string literal", () => {
    expect(labels("customer.name + ' ' + customer.e")).toEqual(["email"]);
    expect(labels("size(steps.")).toEqual(["slack_send_message", "not_run_yet"]);
    expect(labels("customer.name == 'cu")).toBeNull();
  });

  it("offers only the reserved roots without a sample payload, and nothing already typed in full", () => {
    expect(labels("", { trigger: null, steps: {} })).toEqual(["trigger", "steps", "end_user", "vars"]);
    expect(labels("trigger.", { trigger: null, steps: {} })).toBeNull();
    expect(labels("customer")).toBeNull();
  });

  it("previews values in one short line", () => {
    expect(previewValue("x".repeat(60))).toHaveLength(40);
    expect(previewValue([1, 2])).toBe("[2 items]");
    expect(previewValue({ a: 1 })).toBe("{1 field}");
    expect(previewValue(true)).toBe("true");
  });

  it("finds the open template before the cursor", () => {
    expect(openTemplate("Hello {{ customer.na")).toBe(" customer.na");
    expect(openTemplate("Hello {{ customer.name }} and ")).toBeNull();
    expect(openTemplate("{{ a }} {{")).toBe("");
    expect(openTemplate("plain text")).toBeNull();
  });
});

describe("the CodeMirror completion source", () => {
  const complete = (doc: string, pos = doc.length) => {
    const state = EditorState.create({ doc });
    return expressionCompletionSource(() => scope)(new CompletionContext(state, pos, false)) as CompletionResult | null;
  };

  it("answers the options with the document position where the typed word starts", () => {
    const r = complete("Hi {{ customer.na");
    expect(r).toMatchObject({ from: 15, options: [{ label: "name" }] });
    expect(r!.validFor).toBeInstanceOf(RegExp);
    expect(complete("Hi {{ ")!.from).toBe(6);
  });

  it("stays quiet outside {{ … }} and after a closed template", () => {
    expect(complete("Hi customer.")).toBeNull();
    expect(complete("{{ customer.name }} cu")).toBeNull();
    expect(complete("{{ customer.na }}", 14)).toMatchObject({ from: 12 }); // the cursor inside a closed template
  });
});
