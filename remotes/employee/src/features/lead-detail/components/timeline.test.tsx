import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { Activity } from "@nhood/web-kit";
import { Timeline } from "./timeline";

const act = (n: number, kind: Activity["kind"], extra: Partial<Activity> = {}): Activity => ({
  id: `00000000-0000-4000-8000-00000000000${n}`,
  kind,
  body: null,
  data: {},
  actor: null,
  created_at: "2026-11-21T10:00:00.000Z",
  ...extra,
});

describe("Timeline", () => {
  it("shows notes with their author, stage changes as from → to, and the lead's arrival", () => {
    render(
      <Timeline
        items={[
          act(1, "note", { body: "Wants a viewing", actor: { membership_id: "00000000-0000-4000-8000-000000000009", name: "Morgan" } }),
          act(2, "stage_change", { data: { from: "new", to: "contacted" } }),
          act(3, "created", { data: { source: "web_form" } }),
        ]}
      />,
    );
    const items = screen.getAllByRole("listitem");
    expect(items[0]).toHaveTextContent("Note by Morgan");
    expect(items[0]).toHaveTextContent("Wants a viewing");
    expect(items[1]).toHaveTextContent("new → contacted");
    expect(items[2]).toHaveTextContent("Lead created");
  });

  it("says so when nothing happened yet", () => {
    render(<Timeline items={[]} />);
    expect(screen.getByText("Nothing has happened yet.")).toBeInTheDocument();
  });
});
