import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { ApiError } from "@nhood/web-kit";
import type { UserRole } from "@nhood/contracts/users";
import { RuleFormDialog } from "./rule-form-dialog";

const role = (key: string, name: string): UserRole => ({
  id: "00000000-0000-4000-8000-000000000001",
  key,
  name,
  description: "",
  user_count: 2,
  created_at: "2026-12-01T00:00:00.000Z",
  updated_at: "2026-12-01T00:00:00.000Z",
});
const noUserRoles = { items: [] };
const invalid = (errors: { pointer: string; detail: string }[]) =>
  new ApiError(400, { type: "about:blank", title: "Your request is not valid", status: 400, errors });

describe("RuleFormDialog", () => {
  it("builds the CEL condition visually and sends the rule", async () => {
    const onSave = vi.fn(async () => undefined);
    render(<RuleFormDialog open rule={null} sounds={[]} onClose={vi.fn()} onSave={onSave} userRoles={noUserRoles} />);
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
        target_user_roles: [],
        target_event_users: false,
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
    render(<RuleFormDialog open rule={null} sounds={[]} onClose={onClose} onSave={onSave} userRoles={noUserRoles} />);
    await userEvent.type(screen.getByLabelText("Name"), "Broken");
    await userEvent.click(screen.getByRole("tab", { name: "Code (CEL)" }));
    await userEvent.clear(screen.getByLabelText("Condition (CEL)"));
    await userEvent.type(screen.getByLabelText("Condition (CEL)"), "event.type ==");
    await userEvent.type(screen.getByLabelText("Title"), "x");
    await userEvent.click(screen.getByRole("button", { name: "Create rule" }));
    expect(await screen.findByText("Unexpected end of input")).toBeInTheDocument();
    expect(onClose).not.toHaveBeenCalled();
  });

  it("sends the chosen user roles and the event's users as targets", async () => {
    const onSave = vi.fn(async () => undefined);
    const userRoles = { items: [role("finance", "Finance"), role("managers", "Managers")] };
    render(<RuleFormDialog open rule={null} sounds={[]} onClose={vi.fn()} onSave={onSave} userRoles={userRoles} />);
    const group = screen.getByRole("group", { name: "Notify users (your app's users) with these roles" });
    expect(group).toHaveTextContent("Finance");
    await userEvent.type(screen.getByLabelText("Name"), "Invoices");
    await userEvent.click(screen.getByRole("checkbox", { name: "Finance" }));
    await userEvent.click(screen.getByRole("checkbox", { name: "owner" }));
    await userEvent.click(screen.getByRole("checkbox", { name: "admin" }));
    await userEvent.click(screen.getByRole("checkbox", { name: /Notify the users the event names/ }));
    await userEvent.type(screen.getByLabelText("Title"), "Invoice due");
    await userEvent.click(screen.getByRole("button", { name: "Create rule" }));
    expect(onSave).toHaveBeenCalledWith(expect.objectContaining({ target_roles: [], target_user_roles: ["finance"], target_event_users: true }));
  });

  it("says how to create user roles when the workspace has none", () => {
    render(<RuleFormDialog open rule={null} sounds={[]} onClose={vi.fn()} onSave={vi.fn()} userRoles={noUserRoles} />);
    expect(screen.getByText(/This workspace has no user roles yet/)).toHaveTextContent("POST /api/v1/roles");
    expect(screen.getByText(/This workspace has no user roles yet/)).toHaveTextContent("developer portal");
  });

  it("shows the BFF's unknown user role and its at-least-one-target problem", async () => {
    const onSave = vi
      .fn<(input: unknown) => Promise<unknown>>()
      .mockRejectedValueOnce(invalid([{ pointer: "#/target_user_roles/0", detail: 'no user role "finance" in this workspace' }]))
      .mockRejectedValueOnce(
        invalid([{ pointer: "#/target_roles", detail: "a rule notifies someone: set target_roles, target_user_roles or target_event_users" }]),
      );
    render(<RuleFormDialog open rule={null} sounds={[]} onClose={vi.fn()} onSave={onSave} userRoles={{ items: [role("finance", "Finance")] }} />);
    await userEvent.type(screen.getByLabelText("Name"), "x");
    await userEvent.type(screen.getByLabelText("Title"), "x");
    await userEvent.click(screen.getByRole("button", { name: "Create rule" }));
    expect(await screen.findByText('no user role "finance" in this workspace')).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Create rule" }));
    expect(await screen.findByText("a rule notifies someone: set target_roles, target_user_roles or target_event_users")).toBeInTheDocument();
  });
});
