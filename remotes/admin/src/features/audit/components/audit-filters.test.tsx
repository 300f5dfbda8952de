import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { AuditFilters } from "./audit-filters";

describe("AuditFilters", () => {
  it("applies the trimmed filters, times as ISO instants, and leaves empty ones out", async () => {
    const onApply = vi.fn();
    render(<AuditFilters onApply={onApply} />);
    await userEvent.type(screen.getByLabelText("Action"), " workspace. ");
    await userEvent.type(screen.getByLabelText("From"), "2026-11-01T09:30");
    await userEvent.click(screen.getByRole("button", { name: "Apply filters" }));
    expect(onApply).toHaveBeenCalledWith({
      workspace_id: undefined,
      actor_id: undefined,
      action: "workspace.",
      from: new Date("2026-11-01T09:30").toISOString(),
      to: undefined,
    });
  });

  it("starts from the given filter (a workspace's detail page links here with its id)", async () => {
    const onApply = vi.fn();
    const id = "7d1c2f4e-8a5b-4c3d-9e2f-1a2b3c4d5e6f";
    render(<AuditFilters initial={{ workspace_id: id }} onApply={onApply} />);
    expect(screen.getByLabelText("Workspace id")).toHaveValue(id);
    await userEvent.click(screen.getByRole("button", { name: "Apply filters" }));
    expect(onApply).toHaveBeenCalledWith(expect.objectContaining({ workspace_id: id }));
  });
});
