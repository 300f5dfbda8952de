import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { UsageHistorySection } from "./usage-history";

const request = vi.fn();
vi.mock("@nhood/web-kit", async (original) => ({
  ...(await original<typeof import("@nhood/web-kit")>()),
  api: { request: (...args: unknown[]) => request(...args) },
}));

const history = (days: number, busy: boolean) => ({
  items: Array.from({ length: days }, (_, i) => ({
    day: `2026-12-${String(i + 1).padStart(2, "0")}`,
    events: busy ? i + 1 : 0,
    notifications: busy ? 2 * i : 0,
    executions: busy ? 3 : 0,
    api_calls: busy ? 10 * i : 0,
  })),
  kept_days: 400,
});

function renderSection() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <UsageHistorySection ws="ws-1" />
    </QueryClientProvider>,
  );
}

describe("UsageHistorySection", () => {
  beforeEach(() => request.mockReset());

  it("shows each day's figures and asks for another period", async () => {
    request.mockImplementation(async (...args: unknown[]) => history(String(args[1]).endsWith("days=7") ? 7 : 30, true));
    renderSection();
    const table = await screen.findByRole("table", { name: "Usage per day" });
    expect(within(table).getAllByRole("row")).toHaveLength(31);
    expect(within(table).getByRole("row", { name: "2026-12-03 3 4 3 20" })).toBeInTheDocument();
    expect(request.mock.calls[0]![1]).toBe("/api/v1/workspaces/ws-1/usage/history?days=30");
    await userEvent.selectOptions(screen.getByLabelText("Period"), "7");
    expect(await screen.findAllByRole("row")).toHaveLength(8);
    expect(request.mock.calls.at(-1)![1]).toBe("/api/v1/workspaces/ws-1/usage/history?days=7");
  });

  it("says when the period had no usage", async () => {
    request.mockResolvedValueOnce(history(30, false));
    renderSection();
    expect(await screen.findByText("No usage in this period")).toBeInTheDocument();
  });

  it("shows an error", async () => {
    const { ApiError } = await import("@nhood/web-kit");
    request.mockImplementation(async (...args: unknown[]) => {
      if (args.length) throw new ApiError(500, { type: "about:blank", title: "Server error", status: 500 });
    });
    renderSection();
    expect(await screen.findByText("Couldn't load the usage history")).toBeInTheDocument();
  });
});
