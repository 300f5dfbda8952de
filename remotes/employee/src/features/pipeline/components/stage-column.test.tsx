import { fireEvent, render, screen, within } from "@testing-library/react";
import { MemoryRouter } from "react-router-dom";
import { DndContext } from "@dnd-kit/core";
import { describe, expect, it, vi } from "vitest";
import type { LeadListItem, Stage } from "@nhood/web-kit";
import { StageColumn } from "./stage-column";

const stages: Stage[] = [
  { key: "new", label: "New", closed: false },
  { key: "contacted", label: "Contacted", closed: false },
];
const lead: LeadListItem = {
  id: "00000000-0000-4000-8000-000000000001",
  name: "Grace Hopper",
  email: "grace@navy.test",
  phone: null,
  source: "web_form",
  stage: "new",
  owner: null,
  created_at: "2026-11-21T10:00:00.000Z",
  crm_client_id: "acme-homes",
  owner_membership_id: null,
};

function renderColumn(leads: LeadListItem[], onMove = vi.fn()) {
  render(
    <MemoryRouter>
      <DndContext>
        <StageColumn stage={stages[0]!} stages={stages} leads={leads} loading={false} more={false} onMove={onMove} />
      </DndContext>
    </MemoryRouter>,
  );
  return onMove;
}

describe("StageColumn", () => {
  it("lists its leads with a draggable handle and moves one with the accessible menu", () => {
    const onMove = renderColumn([lead]);
    const column = screen.getByRole("region", { name: "New stage" });
    expect(within(column).getByText("Grace Hopper")).toBeInTheDocument();
    expect(within(column).getByRole("button", { name: "Drag Grace Hopper" })).toBeInTheDocument();
    fireEvent.change(within(column).getByRole("combobox", { name: "Move Grace Hopper to" }), { target: { value: "contacted" } });
    expect(onMove).toHaveBeenCalledWith(lead, "contacted");
  });

  it("invites a drop when empty", () => {
    renderColumn([]);
    expect(screen.getByText("Drop a lead here.")).toBeInTheDocument();
  });
});
