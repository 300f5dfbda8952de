import { render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { Team, TeamMember } from "@nhood/web-kit";
import { TeamTree } from "./team-tree";

const member = (n: number, name: string, role: TeamMember["role"], reports_to: string | null, depth: number): TeamMember => ({
  membership_id: `00000000-0000-4000-8000-00000000000${n}`,
  user_id: `10000000-0000-4000-8000-00000000000${n}`,
  name,
  email: `${name.toLowerCase()}@acme.test`,
  role,
  reports_to,
  depth,
});

const boss = member(1, "Boss", "owner", null, -1);
const me = member(2, "Mia", "sales_manager", boss.user_id, 0);
const rep = member(3, "Rey", "sales_rep", me.user_id, 1);
const junior = member(4, "Jun", "sales_rep", rep.user_id, 2);

describe("TeamTree", () => {
  it("shows the manager and nests reports under whoever they report to", () => {
    const team: Team = { me, manager: boss, reports: [junior, rep] };
    render(<TeamTree team={team} />);
    expect(within(screen.getByRole("region", { name: "Reports to" })).getByText("Boss")).toBeInTheDocument();
    const reyItem = screen.getByText("Rey").closest("li")!;
    expect(within(reyItem).getByText("Jun")).toBeInTheDocument();
    const miaItem = screen.getByText(/Mia/).closest("li")!;
    expect(within(miaItem).getByText("Rey")).toBeInTheDocument();
    expect(screen.getByText("(you)")).toBeInTheDocument();
    expect(screen.getByText("You and your reports (2)")).toBeInTheDocument();
  });

  it("says so when the person has no manager and no reports", () => {
    render(<TeamTree team={{ me, manager: null, reports: [] }} />);
    expect(screen.getByText(/you're at the top of this team/)).toBeInTheDocument();
    expect(screen.getByText(/Nobody reports to you yet/)).toBeInTheDocument();
  });
});
