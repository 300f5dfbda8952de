import { fireEvent, render, screen } from "@testing-library/react";
import { useState } from "react";
import { describe, expect, it, vi } from "vitest";
import { ConfigFields } from "./config-fields";

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
      stepId="s"
      config={config}
      schema={schema}
      suggestions={["{{ trigger }}"]}
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
    expect((box("channel") as HTMLInputElement).labels![0]).toHaveTextContent("channel *"); // the visible marker
    expect(screen.getByRole("combobox", { name: "channel" })).toBe(box("channel")); // not part of the accessible name
    expect(box("channel")).toHaveAttribute("list", "expr-s");
    expect(box("channel")).toHaveAccessibleDescription("e.g. #sales");
    expect(box("text")).toHaveAccessibleDescription("text is required");
    expect(screen.getByLabelText("extra")).toHaveValue("kept"); // a key the schema does not name stays a free field
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
    fireEvent.change(box("channel"), { target: { value: "{{ trigger.channel }}" } });
    expect(onConfig).toHaveBeenLastCalledWith({ channel: "{{ trigger.channel }}" });
    fireEvent.change(screen.getByRole("combobox", { name: "priority" }), { target: { value: "high" } });
    fireEvent.click(screen.getByRole("checkbox", { name: "notify" }));
    fireEvent.change(box("count"), { target: { value: "3" } });
    expect(onConfig).toHaveBeenLastCalledWith({ channel: "{{ trigger.channel }}", priority: "high", notify: true, count: 3 });
    fireEvent.change(box("count"), { target: { value: "{{ steps.a.output.n }}" } });
    expect(onConfig.mock.lastCall![0]).toMatchObject({ count: "{{ steps.a.output.n }}" });
    fireEvent.change(box("channel"), { target: { value: "" } });
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
