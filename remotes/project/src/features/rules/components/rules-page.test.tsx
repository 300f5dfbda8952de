import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { RulesPage } from "./rules-page";

const request = vi.fn();
vi.mock("@nhood/web-kit", async (original) => ({
  ...(await original<typeof import("@nhood/web-kit")>()),
  api: {
    request: (...args: unknown[]) => request(...args),
    notify: { rules: { list: async () => ({ items: [rule] }) }, sounds: { list: async () => ({ items: [] }) } },
  },
  useActiveWorkspaceId: () => "ws-1",
  useMarkPortalReady: () => {},
}));

const at = "2026-12-01T00:00:00.000Z";
const rule = {
  id: "00000000-0000-4000-8000-000000000010",
  name: "Invoices due",
  description: "",
  condition: 'event.type == "invoice.due"',
  target_roles: ["admin"],
  target_user_roles: ["finance"],
  target_event_users: true,
  priority: 100,
  severity: "normal",
  sound_id: null,
  title_template: "Invoice due",
  message_template: "",
  channels: [],
  active: true,
  created_at: at,
  updated_at: at,
};

function renderPage() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <RulesPage />
    </QueryClientProvider>,
  );
}

describe("RulesPage", () => {
  beforeEach(() => {
    request.mockReset();
    request.mockResolvedValue({
      items: [{ id: "00000000-0000-4000-8000-000000000001", key: "finance", name: "Finance", description: "", user_count: 3, created_at: at, updated_at: at }],
    });
  });

  it("lists user-role targets next to staff roles and offers the workspace's user roles from GET /roles in the form", async () => {
    renderPage();
    expect(await screen.findByText("staff: admin · users: finance · the event's users")).toBeInTheDocument();
    expect(request).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole("button", { name: "Edit Invoices due" }));
    expect(await screen.findByRole("checkbox", { name: "Finance" })).toBeChecked();
    expect(request).toHaveBeenCalledWith("GET", "/api/v1/roles", expect.anything());
    expect(screen.getByRole("checkbox", { name: /Notify the users the event names/ })).toBeChecked();
  });
});
