import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { ApiError } from "@nhood/web-kit";
import { RuleFormDialog } from "./rule-form-dialog";

describe("RuleFormDialog", () => {
  it("builds the CEL condition visually and sends the rule", async () => {
    const onSave = vi.fn(async () => undefined);
    render(<RuleFormDialog open rule={null} sounds={[]} onClose={vi.fn()} onSave={onSave} />);
    await userEvent.type(screen.getByLabelText("Name"), "Big orders");
    await userEvent.type(screen.getByLabelText("Value 1"), "order.completed");
    await userEvent.click(screen.getByRole("button", { name: "Add condition" }));
    await userEvent.type(screen.getByLabelText("Field 2"), "amount");
    await userEvent.selectOptions(screen.getByLabelText("Operator 2"), ">");
    await userEvent.type(screen.getByLabelText("Value 2"), "1000");
    await userEvent.type(screen.getByLabelText("Title"), "Order {{{{ event.payload.id }}");
    await userEvent.click(screen.getByRole("checkbox", { name: /e-mail/ }));
    await userEvent.click(screen.getByRole("button", { name: "Create rule" }));
    expect(onSave).toHaveBeenCalledWith(
      expect.objectContaining({
        name: "Big orders",
        condition: 'event.type == "order.completed" && event.payload.amount > 1000',
        target_roles: ["owner", "admin"],
        title_template: "Order {{ event.payload.id }}",
        channels: ["email"],
      }),
    );
  });

  it("shows the BFF's CEL error on the condition and keeps the form open", async () => {
    const onClose = vi.fn();
    const onSave = vi.fn(async () => {
      throw new ApiError(400, {
        type: "about:blank",
        title: "Your request is not valid",
        status: 400,
        errors: [{ pointer: "#/condition", detail: "Unexpected end of input" }],
      });
    });
    render(<RuleFormDialog open rule={null} sounds={[]} onClose={onClose} onSave={onSave} />);
    await userEvent.type(screen.getByLabelText("Name"), "Broken");
    await userEvent.click(screen.getByRole("tab", { name: "Code (CEL)" }));
    await userEvent.clear(screen.getByLabelText("Condition (CEL)"));
    await userEvent.type(screen.getByLabelText("Condition (CEL)"), "event.type ==");
    await userEvent.type(screen.getByLabelText("Title"), "x");
    await userEvent.click(screen.getByRole("button", { name: "Create rule" }));
    expect(await screen.findByText("Unexpected end of input")).toBeInTheDocument();
    expect(onClose).not.toHaveBeenCalled();
  });
});
