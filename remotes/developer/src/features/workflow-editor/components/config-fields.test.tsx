import { EditorView } from "@codemirror/view";
import { act, fireEvent, render, screen } from "@testing-library/react";
import { useState } from "react";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { ConfigFields } from "./config-fields";
import { loadExpressionEditor } from "./expression-input";

// text and number fields are CodeMirror editors, loaded on first use: load them before rendering
beforeAll(async () => {
  await loadExpressionEditor();
});

/** Replaces an expression editor's text as typing would (React commits before the next event, as in a browser). */
function retype(el: HTMLElement, text: string) {
  const view = EditorView.findFromDOM(el)!;
  act(() => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text }, userEvent: "input.type" }));
}

/** What the BFF answers for an action like `z.object({ channel, text, priority: enum, notify?: boolean, count?: int, meta?: record })`. */
const schema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  type: "object",
  properties: {
    channel: { type: "string", description: "e.g. #sales" },
    text: { type: "string" },
    priority: { type: "string", enum: ["low", "high"] },
    notify: { type: "boolean" },
    count: { type: "integer" },
    meta: { type: "object", additionalProperties: {} },
  },
  required: ["channel", "text", "priority"],
};

function Harness({ initial, onConfig }: { initial: Record<string, unknown>; onConfig: (c: Record<string, unknown>) => void }) {
  const [config, setConfig] = useState(initial);
  return (
    <ConfigFields
      config={config}
      schema={schema}
      scope={{ trigger: { channel: "#vip" }, steps: {} }}
      problems={new Map([["config/text", ["text is required"]]])}
      onChange={(c) => {
        setConfig(c);
        onConfig(c);
      }}
    />
  );
}

/** a field by its label text, with or without the visible required marker `*` */
const box = (name: string) => screen.getByLabelText(new RegExp(`^${name}( \\*)?$`));

describe("ConfigFields generated from an input schema", () => {
  it("labels every schema field, marks the required ones and shows validation problems", () => {
    render(<Harness initial={{ extra: "kept" }} onConfig={() => {}} />);
    for (const name of ["channel", "text", "priority"]) expect(box(name)).toHaveAttribute("aria-required", "true");
    for (const name of ["count", "meta"]) expect(box(name)).not.toHaveAttribute("aria-required");
    expect(screen.getByRole("checkbox", { name: "notify" })).not.toHaveAttribute("aria-required");
    expect(document.getElementById(box("channel").getAttribute("aria-labelledby")!)).toHaveTextContent("channel *"); // the visible marker
    expect(screen.getByRole("textbox", { name: "channel" })).toBe(box("channel")); // not part of the accessible name
    expect(box("channel")).toHaveClass("cm-content"); // an expression editor
    expect(box("channel")).toHaveAccessibleDescription("e.g. #sales");
    expect(box("text")).toHaveAccessibleDescription("text is required");
    expect(screen.getByLabelText("extra")).toHaveTextContent("kept"); // a key the schema does not name stays a free field
    expect(screen.getByRole("button", { name: "Add field" })).toBeInTheDocument();
  });

  it("renders an enum as a select and a boolean as a checkbox", () => {
    render(<Harness initial={{}} onConfig={() => {}} />);
    const select = screen.getByRole("combobox", { name: "priority" });
    expect([...(select as HTMLSelectElement).options].map((o) => o.value)).toEqual(["", "low", "high"]);
    expect(screen.getByRole("checkbox", { name: "notify" })).not.toBeChecked();
  });

  it("updates the step config as fields are edited", () => {
    const onConfig = vi.fn();
    render(<Harness initial={{ channel: "#old" }} onConfig={onConfig} />);
    retype(box("channel"), "{{ trigger.channel }}");
    expect(onConfig).toHaveBeenLastCalledWith({ channel: "{{ trigger.channel }}" });
    fireEvent.change(screen.getByRole("combobox", { name: "priority" }), { target: { value: "high" } });
    fireEvent.click(screen.getByRole("checkbox", { name: "notify" }));
    retype(box("count"), "3");
    expect(onConfig).toHaveBeenLastCalledWith({ channel: "{{ trigger.channel }}", priority: "high", notify: true, count: 3 });
    retype(box("count"), "{{ steps.a.output.n }}");
    expect(onConfig.mock.lastCall![0]).toMatchObject({ count: "{{ steps.a.output.n }}" });
    retype(box("channel"), "");
    expect(onConfig.mock.lastCall![0]).not.toHaveProperty("channel");
  });

  it("edits objects as JSON and shows parse errors inline without losing the last valid value", () => {
    const onConfig = vi.fn();
    render(<Harness initial={{}} onConfig={onConfig} />);
    const meta = box("meta");
    fireEvent.change(meta, { target: { value: '{"a": 1}' } });
    expect(onConfig).toHaveBeenLastCalledWith({ meta: { a: 1 } });
    fireEvent.change(meta, { target: { value: '{"a": ' } });
    expect(meta).toHaveAttribute("aria-invalid", "true");
    expect(meta).toHaveAccessibleDescription(/Invalid JSON/);
    expect(meta).toHaveValue('{"a": ');
    expect(onConfig).toHaveBeenCalledTimes(1);
  });
});
