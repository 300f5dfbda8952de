import type { TeamMember } from "@nhood/web-kit";

export interface TeamNode {
  member: TeamMember;
  children: TeamNode[];
}

/**
 * Nests `reports` under `me` by `reports_to` (matched against a user id or a membership id).
 * Reports whose manager isn't in the list are kept, at the top level, ordered by depth.
 */
export function buildTeamTree(me: TeamMember, reports: TeamMember[]): TeamNode {
  const byManager = new Map<string, TeamMember[]>();
  for (const r of reports) {
    if (!r.reports_to) continue;
    byManager.set(r.reports_to, [...(byManager.get(r.reports_to) ?? []), r]);
  }
  const placed = new Set<string>();
  const grow = (member: TeamMember): TeamNode => {
    placed.add(member.membership_id);
    const direct = [...(byManager.get(member.user_id) ?? []), ...(byManager.get(member.membership_id) ?? [])]
      .filter((r) => !placed.has(r.membership_id))
      .sort((a, b) => a.name.localeCompare(b.name));
    return { member, children: direct.map(grow) };
  };
  const root = grow(me);
  const orphans = reports.filter((r) => !placed.has(r.membership_id)).sort((a, b) => a.depth - b.depth);
  root.children.push(...orphans.map((o) => ({ member: o, children: [] })));
  return root;
}
