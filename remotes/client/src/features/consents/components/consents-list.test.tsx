import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { ConsentsList } from "./consents-list";

describe("ConsentsList", () => {
  it("shows each purpose with whether it is granted", () => {
    render(
      <ConsentsList
        company="Acme"
        consents={[
          { id: "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d", purpose: "marketing_emails", description: "Product news by email", granted: false, updated_at: "2025-11-03T08:00:00Z" },
        ]}
      />,
    );
    expect(screen.getByText("Marketing emails")).toBeInTheDocument();
    expect(screen.getByText("Not granted")).toBeInTheDocument();
  });

  it("explains consent when there is none", () => {
    render(<ConsentsList consents={[]} company="Acme" />);
    expect(screen.getByRole("heading", { name: "No consent requests yet" })).toBeInTheDocument();
  });
});
