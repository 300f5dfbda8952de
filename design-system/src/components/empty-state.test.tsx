import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { Button } from "./button";
import { EmptyState } from "./empty-state";

describe("EmptyState", () => {
  it("renders its title, explanation and a working action", async () => {
    const onCreate = vi.fn();
    render(
      <EmptyState title="No API keys yet" action={<Button onClick={onCreate}>Create API key</Button>}>
        Your backend uses an API key to call NeighbourHood.
      </EmptyState>,
    );
    expect(screen.getByRole("heading", { name: "No API keys yet" })).toBeInTheDocument();
    expect(screen.getByText(/Your backend uses an API key/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Create API key" }));
    expect(onCreate).toHaveBeenCalledOnce();
  });
});
