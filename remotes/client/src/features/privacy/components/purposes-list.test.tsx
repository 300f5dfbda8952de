import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import type { EndUserPurpose } from "@nhood/web-kit";
import { PurposesList } from "./purposes-list";

const purpose = (over: Partial<EndUserPurpose>): EndUserPurpose => ({
  id: "6e5d4c3b-2a19-4807-b6f5-e4d3c2b1a090",
  key: "workflow_automation",
  title: "Workflow automation",
  notice: "Let Acme run automations.",
  version: 2,
  providers: [],
  updated_at: "2025-11-02T08:00:00Z",
  granted: null,
  consented_version: null,
  consent_updated_at: null,
  ...over,
});

describe("PurposesList", () => {
  it("shows the notice and lets the end user grant an undecided purpose", async () => {
    const onChange = vi.fn();
    render(<PurposesList purposes={[purpose({})]} company="Acme" busy={null} onChange={onChange} />);
    expect(screen.getByText("Let Acme run automations.")).toBeInTheDocument();
    expect(screen.getByText("Not decided")).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Grant" }));
    expect(onChange).toHaveBeenCalledWith("workflow_automation", true);
  });

  it("revokes as easily as it grants, and flags consent given to an earlier notice", async () => {
    const onChange = vi.fn();
    render(
      <PurposesList
        purposes={[purpose({ granted: true, consented_version: 1, consent_updated_at: "2025-11-01T08:00:00Z" })]}
        company="Acme"
        busy={null}
        onChange={onChange}
      />,
    );
    expect(screen.getByText(/an earlier notice/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Revoke" }));
    expect(onChange).toHaveBeenCalledWith("workflow_automation", false);
  });

  it("explains an empty list", () => {
    render(<PurposesList purposes={[]} company="Acme" busy={null} onChange={() => {}} />);
    expect(screen.getByRole("heading", { name: "Nothing to decide" })).toBeInTheDocument();
  });
});
