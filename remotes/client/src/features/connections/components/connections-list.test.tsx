import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { ConnectionsList } from "./connections-list";

describe("ConnectionsList", () => {
  it("explains what to expect when nothing is connected", () => {
    render(<ConnectionsList connections={[]} company="Acme" />);
    expect(screen.getByRole("heading", { name: "You haven't connected any apps yet" })).toBeInTheDocument();
    expect(screen.getByText(/When Acme asks you to connect an app/)).toBeInTheDocument();
  });

  it("lists each connection with its status", () => {
    render(
      <ConnectionsList
        company="Acme"
        connections={[{ id: "6e5d4c3b-2a19-4807-b6f5-e4d3c2b1a090", provider: "slack", status: "active", scopes: ["chat:write"], created_at: "2025-11-02T08:00:00Z" }]}
      />,
    );
    expect(screen.getByText("Slack")).toBeInTheDocument();
    expect(screen.getByText("Connected")).toBeInTheDocument();
    expect(screen.getByText(/access: chat:write/)).toBeInTheDocument();
  });
});
