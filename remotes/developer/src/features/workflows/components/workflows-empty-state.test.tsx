import { render, screen } from "@testing-library/react";
import { MemoryRouter } from "react-router-dom";
import { describe, expect, it } from "vitest";
import { WorkflowsEmptyState } from "./workflows-empty-state";

describe("WorkflowsEmptyState", () => {
  it("explains workflows and shows the API call with the workspace id", () => {
    render(
      <MemoryRouter>
        <WorkflowsEmptyState workspaceId="5a1b2c3d-0000-4000-8000-000000000001" />
      </MemoryRouter>,
    );
    expect(screen.getByRole("heading", { name: "No workflows yet" })).toBeInTheDocument();
    expect(screen.getByText(/a trigger .* plus the steps/)).toBeInTheDocument();
    expect(screen.getByText("POST /api/v1/workspaces/5a1b2c3d-0000-4000-8000-000000000001/workflows")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Create an API key first" })).toBeInTheDocument();
  });
});
