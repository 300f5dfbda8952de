import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { WorkspaceSwitcher } from "./workspace-switcher";

const memberships = [
  { workspace_id: "11111111-1111-4111-8111-111111111111", workspace_name: "Acme", role: "developer" as const },
  { workspace_id: "22222222-2222-4222-8222-222222222222", workspace_name: "Globex", role: "owner" as const },
];

describe("WorkspaceSwitcher", () => {
  it("shows the active workspace and switches to another one", async () => {
    const onSwitch = vi.fn();
    render(<WorkspaceSwitcher memberships={memberships} activeId={memberships[0]!.workspace_id} pending={false} error={null} onSwitch={onSwitch} />);
    const select = screen.getByLabelText("Workspace");
    expect(select).toHaveDisplayValue("Acme (developer)");
    await userEvent.selectOptions(select, "Globex (owner)");
    expect(onSwitch).toHaveBeenCalledWith(memberships[1]!.workspace_id);
  });
});
