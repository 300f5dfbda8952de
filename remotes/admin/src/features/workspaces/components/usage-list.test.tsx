import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { UsageList } from "./usage-list";

describe("UsageList", () => {
  it("shows used against the quota with a meter, and 'unlimited' without one", () => {
    render(
      <UsageList
        usage={[
          { metric: "events", period: "2026-11", used: 850, limit: 1000 },
          { metric: "users", period: "current", used: 5, limit: null },
        ]}
      />,
    );
    expect(screen.getByText(/850 \/ 1,000/)).toBeInTheDocument();
    const meter = screen.getByRole("meter", { name: "Events this month" });
    expect(meter).toHaveAttribute("aria-valuenow", "850");
    expect(meter.firstElementChild).toHaveClass("bg-warning");
    expect(screen.getByText(/5 \/ unlimited/)).toBeInTheDocument();
    expect(screen.getAllByRole("meter")).toHaveLength(1);
  });
});
