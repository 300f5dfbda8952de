import { acceptCompletion, currentCompletions } from "@codemirror/autocomplete";
import { EditorView } from "@codemirror/view";
import { act, render, screen, waitFor } from "@testing-library/react";
import { useState } from "react";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { ExpressionScope } from "../model/expression-scope";
import { ExpressionInput, loadExpressionEditor } from "./expression-input";

beforeAll(async () => {
  await loadExpressionEditor();
});

const scope: ExpressionScope = {
  trigger: { customer: { name: "Ada Lovelace", email: "ada@example.com" } },
  steps: { greet: { text: "Hello Ada" } },
};

function Field({ initial = "", error, onText }: { initial?: string; error?: string; onText?: (t: string) => void }) {
  const [value, setValue] = useState(initial);
  return (
    <ExpressionInput
      label="text"
      value={value}
      scope={scope}
      error={error}
      hint="What the message says"
      onChange={(t) => {
        setValue(t);
        onText?.(t);
      }}
    />
  );
}

/** Types `text` at the end, as a keyboard would (a user "input.type" transaction). */
function typeAtEnd(el: HTMLElement, text: string) {
  const view = EditorView.findFromDOM(el)!;
  const end = view.state.doc.length;
  act(() => view.dispatch({ changes: { from: end, insert: text }, selection: { anchor: end + text.length }, userEvent: "input.type" }));
  return view;
}

describe("ExpressionInput (CodeMirror 6)", () => {
  it("is a labelled, described editor that reports each edit", () => {
    const onText = vi.fn();
    render(<Field initial="Hi" onText={onText} />);
    const box = screen.getByRole("textbox", { name: "text" });
    expect(box).toHaveClass("cm-content");
    expect(box).toHaveTextContent("Hi");
    expect(box).toHaveAccessibleDescription("What the message says");
    typeAtEnd(box, " there");
    expect(onText).toHaveBeenLastCalledWith("Hi there");
  });

  it("completes {{ paths from the sample payload and earlier outputs in CodeMirror's popup, and inserts the chosen one", async () => {
    const onText = vi.fn();
    render(<Field onText={onText} />);
    const box = screen.getByRole("textbox", { name: "text" });
    const view = typeAtEnd(box, "Dear {{ ");
    await waitFor(() => expect(currentCompletions(view.state).map((c) => c.label)).toEqual(expect.arrayContaining(["customer", "steps", "trigger"])));
    const popup = document.querySelector(".cm-tooltip-autocomplete");
    expect(popup).toHaveTextContent("customer");
    typeAtEnd(box, "customer.na");
    await waitFor(() => expect(currentCompletions(view.state).map((c) => c.label)).toEqual(["name"]));
    expect(document.querySelector(".cm-tooltip-autocomplete")).toHaveTextContent('"Ada Lovelace"');
    acceptCompletion(view);
    expect(onText).toHaveBeenLastCalledWith("Dear {{ customer.name");
    typeAtEnd(box, " }} from {{ steps.");
    await waitFor(() => expect(currentCompletions(view.state).map((c) => c.label)).toEqual(["greet"]));
  });

  it("shows the field's problem under it while typing, marks the editor invalid and adds a lint diagnostic", async () => {
    const { rerender } = render(<Field initial="{{ steps.nope.output }}" error='unknown step id "nope"' />);
    const box = screen.getByRole("textbox", { name: "text" });
    expect(screen.getByText('unknown step id "nope"')).toBeVisible();
    expect(box).toHaveAttribute("aria-invalid", "true");
    expect(box).toHaveAccessibleDescription('unknown step id "nope"');
    await waitFor(() => expect(document.querySelector(".cm-lintRange-error")).not.toBeNull());
    rerender(<Field initial="{{ steps.nope.output }}" />);
    expect(screen.queryByText('unknown step id "nope"')).toBeNull();
    expect(box).not.toHaveAttribute("aria-invalid");
    await waitFor(() => expect(document.querySelector(".cm-lintRange-error")).toBeNull());
  });

  it("keeps to one line: a pasted line break becomes a space", () => {
    const onText = vi.fn();
    render(<Field initial="a" onText={onText} />);
    typeAtEnd(screen.getByRole("textbox", { name: "text" }), "\nb");
    expect(onText).toHaveBeenLastCalledWith("a b");
  });
});
