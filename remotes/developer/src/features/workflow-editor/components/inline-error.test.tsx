import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { EditorView } from "@codemirror/view";
import { act, render, screen, waitFor } from "@testing-library/react";
import { useState } from "react";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { useLiveValidation } from "../api/use-live-validation";
import { type Draft, updateStep, withExplicitIds } from "../model/definition";
import { groupProblems } from "../model/errors";
import { loadExpressionEditor } from "./expression-input";
import { StepPanel } from "./step-panel";

beforeAll(async () => {
  await loadExpressionEditor();
});
afterEach(() => vi.unstubAllGlobals());

/**
 * Plays `POST /api/v1/workspaces/{id}/workflows/validate` as the BFF answers it: a template that
 * reads a step that does not exist is a publish problem at its field's pointer.
 */
function stubValidate() {
  const calls: unknown[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init: RequestInit) => {
      expect(url).toBe("/api/v1/workspaces/ws_1/workflows/validate");
      const def = JSON.parse(String(init.body)) as { steps: { config: { text?: string } }[] };
      calls.push(def);
      const text = def.steps[0]!.config.text ?? "";
      const errors = text.includes("steps.nope") ? [{ pointer: "#/steps/0/config/text", detail: 'unknown step id "nope" in {{ steps.nope.output }}' }] : [];
      return new Response(JSON.stringify({ errors, warnings: [] }), { status: 200, headers: { "content-type": "application/json" } });
    }),
  );
  return calls;
}

/** The editor's wiring for one step: the working copy, live validation, problems grouped per field. */
function OneStepEditor() {
  const [draft, setDraft] = useState<Draft>(() =>
    withExplicitIds({ name: "Greet", trigger: { type: "manual" }, steps: [{ id: "greet", provider: "core", action: "transform", config: { text: "Hello" } }] }),
  );
  const problems = groupProblems(useLiveValidation("ws_1", draft), draft);
  return (
    <StepPanel
      draft={draft}
      stepId="greet"
      actions={[]}
      problems={problems.steps.get("greet") ?? new Map()}
      samplePayload={{ customer: { name: "Ada" } }}
      outputs={{}}
      onChange={(patch) => setDraft((d) => updateStep(d, "greet", patch))}
      onDelete={() => {}}
    />
  );
}

describe("the publish-time error of a field, inline while typing", () => {
  it("checks the working copy (debounced) and shows the problem under the field that has it, then clears it", async () => {
    const calls = stubValidate();
    render(
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <OneStepEditor />
      </QueryClientProvider>,
    );
    const box = await screen.findByRole("textbox", { name: "text" });
    const view = EditorView.findFromDOM(box)!;
    await waitFor(() => expect(calls).toHaveLength(1));
    const retype = (t: string) => act(() => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: t }, userEvent: "input.type" }));
    retype("{{ steps.no");
    retype("{{ steps.nope.output }}");
    await waitFor(() => expect(box).toHaveAccessibleDescription('unknown step id "nope" in {{ steps.nope.output }}'), { timeout: 3000 });
    expect(box).toHaveAttribute("aria-invalid", "true");
    expect(calls).toHaveLength(2); // the two keystrokes made one check
    retype("{{ customer.name }}");
    await waitFor(() => expect(box).not.toHaveAttribute("aria-invalid"), { timeout: 3000 });
    expect(screen.queryByText(/unknown step id/)).toBeNull();
  });
});
