import { fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { SamplePayloadPanel, type SamplePayloadPanelProps } from "./sample-payload-panel";

const props = (p: Partial<SamplePayloadPanelProps> = {}): SamplePayloadPanelProps => ({
  saved: true,
  pinned: null,
  pinnedAt: null,
  lastRunPayload: null,
  pending: false,
  error: null,
  onPin: vi.fn(),
  ...p,
});

describe("Sample payload panel", () => {
  it("says what to do when nothing is pinned, and pins the JSON object typed", () => {
    const p = props();
    render(<SamplePayloadPanel {...p} />);
    expect(screen.getByText(/Nothing pinned yet\. Paste the JSON object the trigger receives/)).toBeVisible();
    expect(screen.getByRole("button", { name: "Pin the last run's payload" })).toBeDisabled();
    fireEvent.change(screen.getByLabelText("Sample payload (JSON)"), { target: { value: '{"customer": {"email": "ada@example.com"}}' } });
    fireEvent.click(screen.getByRole("button", { name: "Pin sample payload" }));
    expect(p.onPin).toHaveBeenCalledWith({ customer: { email: "ada@example.com" } });
  });

  it("refuses text that is not a JSON object, naming why, without calling the API", () => {
    const p = props();
    render(<SamplePayloadPanel {...p} />);
    const box = screen.getByLabelText("Sample payload (JSON)");
    for (const [text, why] of [
      ["[1, 2]", /must be a JSON object/],
      ['{"a": ', /Invalid JSON/],
    ] as const) {
      fireEvent.change(box, { target: { value: text } });
      fireEvent.click(screen.getByRole("button", { name: "Pin sample payload" }));
      expect(box).toHaveAccessibleDescription(why);
    }
    expect(p.onPin).not.toHaveBeenCalled();
  });

  it("pins the last run's trigger payload in one click, shows the pinned one and unpins it", () => {
    const p = props({ pinned: { order: { id: 7 } }, pinnedAt: "2026-12-07T09:30:00.000Z", lastRunPayload: { customer: { name: "Grace" } } });
    render(<SamplePayloadPanel {...p} />);
    expect(screen.getByLabelText("Sample payload (JSON)")).toHaveValue('{\n  "order": {\n    "id": 7\n  }\n}');
    expect(screen.getByText(/^Pinned .*test runs start with it/)).toBeVisible();
    fireEvent.click(screen.getByRole("button", { name: "Pin the last run's payload" }));
    expect(p.onPin).toHaveBeenLastCalledWith({ customer: { name: "Grace" } });
    fireEvent.click(screen.getByRole("button", { name: "Unpin" }));
    expect(p.onPin).toHaveBeenLastCalledWith(null);
  });

  it("asks to save a new workflow first", () => {
    render(<SamplePayloadPanel {...props({ saved: false })} />);
    expect(screen.getByText(/Save the draft first/)).toBeVisible();
    expect(screen.queryByRole("button", { name: "Pin sample payload" })).toBeNull();
  });
});
