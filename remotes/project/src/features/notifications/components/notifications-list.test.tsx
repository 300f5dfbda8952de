import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { Notification } from "@nhood/web-kit";
import { NotificationsList } from "./notifications-list";

const base = { message: "Step slack.send_message failed after 3 attempts", acknowledged_at: null, created_at: "2025-11-20T12:00:00Z" };

describe("NotificationsList", () => {
  it("shows priority and marks unread notifications", () => {
    const items: Notification[] = [
      { ...base, id: "4d3c2b1a-0f9e-4d8c-8b7a-695847362514", title: "Execution failed", priority: "critical", read_at: null },
      { ...base, id: "5d3c2b1a-0f9e-4d8c-8b7a-695847362514", title: "New lead", priority: "low", read_at: "2025-11-20T12:05:00Z" },
    ];
    render(<NotificationsList notifications={items} />);
    const [failed, lead] = screen.getAllByRole("listitem");
    expect(failed).toHaveTextContent("Execution failed");
    expect(failed).toHaveTextContent("critical");
    expect(failed).toHaveTextContent("(unread)");
    expect(lead).not.toHaveTextContent("(unread)");
  });
});
