import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import type { EndUser } from "@nhood/web-kit";
import { EndUsersTable } from "./end-users-table";

const user: EndUser = {
  id: "3c2b1a09-8f7e-4d6c-9b5a-493827161504",
  external_user_id: "user_xyz",
  email: null,
  name: "Jo Doe",
  created_at: "2025-11-01T09:00:00Z",
};

describe("EndUsersTable", () => {
  it("opens the client portal for the chosen end user", async () => {
    const onOpenPortal = vi.fn();
    render(<EndUsersTable endUsers={[user]} openingId={null} onOpenPortal={onOpenPortal} />);
    expect(screen.getByText("user_xyz")).toBeInTheDocument();
    expect(screen.getByText("Not given")).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: /Open client portal as Jo Doe/ }));
    expect(onOpenPortal).toHaveBeenCalledWith(user);
  });

  it("shows progress on the row being opened", () => {
    render(<EndUsersTable endUsers={[user]} openingId={user.id} onOpenPortal={vi.fn()} />);
    expect(screen.getByRole("button", { name: /Open client portal/ })).toHaveAttribute("aria-busy", "true");
  });
});
