import { render, screen, within } from "@testing-library/react";
import { MemoryRouter } from "react-router-dom";
import { describe, expect, it } from "vitest";
import { WorkspacesTable } from "./workspaces-table";

describe("WorkspacesTable", () => {
  it("shows name, plan, status, member count and creation date of each workspace", () => {
    render(
      <MemoryRouter>
        <WorkspacesTable
          workspaces={[
            {
              id: "7d1c2f4e-8a5b-4c3d-9e2f-1a2b3c4d5e6f",
              name: "Acme",
              plan: "professional",
              status: "active",
              member_count: 4,
              created_at: "2025-01-15T10:00:00Z",
            },
            {
              id: "8e2d3a5f-9b6c-4d4e-8f3a-2b3c4d5e6f70",
              name: "Globex",
              plan: "free",
              status: "suspended",
              member_count: 1,
              created_at: "2025-03-01T10:00:00Z",
            },
          ]}
        />
      </MemoryRouter>,
    );
    const rows = screen.getAllByRole("row").slice(1);
    expect(rows).toHaveLength(2);
    const acme = within(rows[0]!);
    expect(acme.getByText("Acme")).toBeInTheDocument();
    expect(acme.getByText("professional")).toBeInTheDocument();
    expect(acme.getByText("active")).toBeInTheDocument();
    expect(acme.getByText("4")).toBeInTheDocument();
    expect(acme.getByText(/2025/)).toHaveAttribute("datetime", "2025-01-15T10:00:00Z");
    expect(within(rows[1]!).getByText("suspended")).toBeInTheDocument();
    expect(acme.getByRole("link", { name: "Acme" })).toHaveAttribute("href", "/workspaces/7d1c2f4e-8a5b-4c3d-9e2f-1a2b3c4d5e6f");
  });
});
