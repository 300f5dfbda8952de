import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { AuditLogPage } from "./audit-log-page";

const request = vi.fn();
vi.mock("@nhood/web-kit", async (original) => ({
  ...(await original<typeof import("@nhood/web-kit")>()),
  api: { request: (...args: unknown[]) => request(...args) },
  useActiveWorkspaceId: () => "ws-1",
  useMarkPortalReady: () => {},
}));

const entry = (id: string, action: string) => ({
  id,
  action,
  actor_kind: "user",
  actor_id: "00000000-0000-4000-8000-0000000000aa",
  actor_name: "Ada <owner@acme.test>",
  subject_id: "00000000-0000-4000-8000-0000000000bb",
  detail: {},
  ip: "203.0.113.7",
  occurred_at: "2026-12-07T10:15:00.000Z",
});

function renderPage() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <AuditLogPage />
    </QueryClientProvider>,
  );
}

describe("AuditLogPage", () => {
  beforeEach(() => request.mockReset());

  it("lists the workspace's entries, filters them and exports the same filters as CSV", async () => {
    request.mockImplementation(async (...args: unknown[]) => {
      const path = String(args[1]);
      return path.includes("action=rule.")
        ? { items: [entry("00000000-0000-4000-8000-000000000002", "rule.created")], next_cursor: null }
        : { items: [entry("00000000-0000-4000-8000-000000000001", "auth.signed_in")], next_cursor: null };
    });
    renderPage();
    expect(await screen.findByText("auth.signed_in")).toBeInTheDocument();
    expect(screen.getByText(/Ada <owner@acme.test>/)).toBeInTheDocument();
    expect(request.mock.calls[0]![1]).toBe("/api/v1/workspaces/ws-1/audit?limit=50");

    await userEvent.type(screen.getByLabelText("Action"), "rule.");
    await userEvent.click(screen.getByRole("button", { name: "Apply filters" }));
    expect(await screen.findByText("rule.created")).toBeInTheDocument();
    expect(request.mock.calls.at(-1)![1]).toBe("/api/v1/workspaces/ws-1/audit?action=rule.&limit=50");
    expect(screen.getByRole("link", { name: "Export CSV" })).toHaveAttribute("href", "/api/v1/workspaces/ws-1/audit/export?action=rule.");
  });

  it("says when nothing matches and loads more pages", async () => {
    request.mockImplementation(async (...args: unknown[]) => {
      const path = String(args[1]);
      return path.includes("cursor=c1")
        ? { items: [entry("00000000-0000-4000-8000-000000000004", "member.added")], next_cursor: null }
        : path.includes("target=")
          ? { items: [], next_cursor: null }
          : { items: [entry("00000000-0000-4000-8000-000000000003", "api_key.created")], next_cursor: "c1" };
    });
    renderPage();
    expect(await screen.findByText("api_key.created")).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Load more" }));
    expect(await screen.findByText("member.added")).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText("Target id"), "nothing");
    await userEvent.click(screen.getByRole("button", { name: "Apply filters" }));
    expect(await screen.findByText("Nothing matches these filters")).toBeInTheDocument();
  });

  it("shows the error with a retry", async () => {
    const { ApiError } = await import("@nhood/web-kit");
    request.mockRejectedValue(new ApiError(403, { type: "about:blank", title: "Forbidden", status: 403, detail: "Owners and admins only." }));
    renderPage();
    expect(await screen.findByText("Couldn't load the audit log")).toBeInTheDocument();
    request.mockResolvedValue({ items: [], next_cursor: null });
    await userEvent.click(screen.getByRole("button", { name: /retry|try again/i }));
    await waitFor(() => expect(screen.getByText("No audit entries yet")).toBeInTheDocument());
  });
});
