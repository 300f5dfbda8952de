import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { PlanDialog } from "./plan-dialog";

const starter = {
  id: "starter",
  name: "Starter",
  events_per_month: 50000,
  notifications_per_month: 100000,
  users: 1000,
  rules: 25,
  sounds: 10,
  requests_per_hour: 5000,
  webhooks: true,
  custom_domain: false,
  price_cents: 4900,
  workspace_count: 3,
};

describe("PlanDialog", () => {
  it("sends only the changed quotas; an emptied field means unlimited", async () => {
    const onSave = vi.fn();
    render(<PlanDialog plan={starter} pending={false} error={null} onCancel={vi.fn()} onSave={onSave} />);
    const rules = screen.getByLabelText("Rules");
    await userEvent.clear(rules);
    await userEvent.type(rules, "40");
    await userEvent.clear(screen.getByLabelText("Sounds"));
    await userEvent.click(screen.getByRole("button", { name: "Save plan" }));
    expect(onSave).toHaveBeenCalledWith({ rules: 40, sounds: null });
  });

  it("passes non-numbers through as typed so the BFF names the field (never a silent 'unlimited')", async () => {
    const onSave = vi.fn();
    render(<PlanDialog plan={starter} pending={false} error={null} onCancel={vi.fn()} onSave={onSave} />);
    await userEvent.clear(screen.getByLabelText("Users"));
    await userEvent.type(screen.getByLabelText("Users"), "lots");
    await userEvent.click(screen.getByRole("button", { name: "Save plan" }));
    expect(onSave).toHaveBeenCalledWith({ users: "lots" });
  });
});
