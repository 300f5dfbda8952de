import { Badge } from "@nhood/design-system";
import type { Team, TeamMember } from "@nhood/web-kit";
import { buildTeamTree, type TeamNode } from "./build-team-tree";

function roleLabel(role: TeamMember["role"]): string {
  return role.replace("_", " ");
}

function Person({ member, you, open }: { member: TeamMember; you?: boolean; open?: number }) {
  return (
    <div className="flex items-center gap-3 rounded-md border border-line bg-surface px-3 py-2">
      <span aria-hidden="true" className="flex size-8 items-center justify-center rounded-full bg-brand-soft text-sm font-semibold text-brand-text">
        {member.name.slice(0, 1).toUpperCase()}
      </span>
      <div className="min-w-0 flex-1">
        <p className="truncate text-sm font-medium text-fg">
          {member.name}
          {you && <span className="text-fg-muted"> (you)</span>}
        </p>
        <p className="truncate text-xs text-fg-muted">
          {member.email}
          {open !== undefined && ` · ${open} open lead${open === 1 ? "" : "s"}`}
        </p>
      </div>
      <Badge tone={member.role === "sales_manager" ? "brand" : "neutral"}>{roleLabel(member.role)}</Badge>
    </div>
  );
}

function Branch({ nodes, open }: { nodes: TeamNode[]; open?: Record<string, number> }) {
  if (nodes.length === 0) return null;
  return (
    <ul className="mt-2 ml-4 flex flex-col gap-2 border-l-2 border-line pl-4">
      {nodes.map((n) => (
        <li key={n.member.membership_id}>
          <Person member={n.member} open={open && (open[n.member.membership_id] ?? 0)} />
          <Branch nodes={n.children} open={open} />
        </li>
      ))}
    </ul>
  );
}

/** The manager above, the signed-in person, and everyone reporting to them, as an indented tree; `open` adds each person's open leads. */
export function TeamTree({ team, open }: { team: Team; open?: Record<string, number> }) {
  const tree = buildTeamTree(team.me, team.reports);
  return (
    <div className="flex flex-col gap-4">
      <section aria-labelledby="team-manager">
        <h2 id="team-manager" className="mb-2 text-xs font-semibold tracking-wide text-fg-muted uppercase">
          Reports to
        </h2>
        {team.manager ? <Person member={team.manager} /> : <p className="text-sm text-fg-muted">Nobody: you're at the top of this team.</p>}
      </section>
      <section aria-labelledby="team-tree">
        <h2 id="team-tree" className="mb-2 text-xs font-semibold tracking-wide text-fg-muted uppercase">
          You and your reports ({team.reports.length})
        </h2>
        <ul className="flex flex-col gap-2">
          <li>
            <Person member={tree.member} you open={open && (open[tree.member.membership_id] ?? 0)} />
            <Branch nodes={tree.children} open={open} />
          </li>
        </ul>
        {team.reports.length === 0 && (
          <p className="mt-3 text-sm text-fg-muted">Nobody reports to you yet. A workspace admin sets who reports to whom when adding members.</p>
        )}
      </section>
    </div>
  );
}
