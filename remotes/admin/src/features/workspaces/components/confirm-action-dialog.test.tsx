import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { ApiError } from "@nhood/web-kit";
import { describe, expect, it, vi } from "vitest";
import { ConfirmActionDialog } from "./confirm-action-dialog";

const props = {
  open: true,
  title: "Suspend Globex?",
  description: "Its API keys are refused.",
  confirmLabel: "Suspend workspace",
  pending: false,
  error: null,
};

describe("ConfirmActionDialog", () => {
  it("sends nothing until confirmed, then the trimmed reason", async () => {
    const onConfirm = vi.fn();
    const onCancel = vi.fn();
    render(<ConfirmActionDialog {...props} withReason onConfirm={onConfirm} onCancel={onCancel} />);
    expect(screen.getByRole("dialog", { name: "Suspend Globex?" })).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Cancel" }));
    expect(onCancel).toHaveBeenCalledOnce();
    expect(onConfirm).not.toHaveBeenCalled();
    await userEvent.type(screen.getByLabelText(/Reason/), "  unpaid invoices ");
    await userEvent.click(screen.getByRole("button", { name: "Suspend workspace" }));
    expect(onConfirm).toHaveBeenCalledWith("unpaid invoices");
  });

  it("sends no reason when none is given, and shows the BFF's problem", async () => {
    const onConfirm = vi.fn();
    const error = new ApiError(409, { type: "about:blank", title: "Conflict", status: 409, detail: "The workspace is already suspended." });
    render(<ConfirmActionDialog {...props} withReason error={error} onConfirm={onConfirm} onCancel={vi.fn()} />);
    expect(screen.getByRole("alert")).toHaveTextContent("already suspended");
    await userEvent.click(screen.getByRole("button", { name: "Suspend workspace" }));
    expect(onConfirm).toHaveBeenCalledWith(undefined);
  });

  it("renders nothing when closed", () => {
    render(<ConfirmActionDialog {...props} open={false} onConfirm={vi.fn()} onCancel={vi.fn()} />);
    expect(screen.queryByRole("dialog")).toBeNull();
  });
});
