import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import type { InboxNotification } from "@nhood/web-kit";
import { NotificationsList } from "./notifications-list";

const base = {
  message: "Step slack.send_message failed after 3 attempts",
  acknowledged_at: null,
  archived_at: null,
  created_at: "2025-11-20T12:00:00Z",
  rule_id: null,
  event_id: null,
  sound_id: null,
};

describe("NotificationsList", () => {
  it("shows priority, marks unread notifications and offers acknowledge only until acknowledged", async () => {
    const items: InboxNotification[] = [
      { ...base, seq: 2, id: "4d3c2b1a-0f9e-4d8c-8b7a-695847362514", title: "Execution failed", priority: "critical", read_at: null },
      {
        ...base,
        seq: 1,
        id: "5d3c2b1a-0f9e-4d8c-8b7a-695847362514",
        title: "New lead",
        priority: "low",
        read_at: "2025-11-20T12:05:00Z",
        acknowledged_at: "2025-11-20T12:05:00Z",
      },
    ];
    const onAction = vi.fn();
    render(<NotificationsList notifications={items} onAction={onAction} />);
    const [failed, lead] = screen.getAllByRole("listitem");
    expect(failed).toHaveTextContent("Execution failed");
    expect(failed).toHaveTextContent("critical");
    expect(failed).toHaveTextContent("(unread)");
    expect(lead).not.toHaveTextContent("(unread)");
    expect(lead).toHaveTextContent("acknowledged");
    expect(screen.queryByRole("button", { name: "Acknowledge New lead" })).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Acknowledge Execution failed" }));
    expect(onAction).toHaveBeenCalledWith(items[0], "acknowledge");
    await userEvent.click(screen.getByRole("button", { name: "Archive New lead" }));
    expect(onAction).toHaveBeenCalledWith(items[1], "archive");
  });
});
