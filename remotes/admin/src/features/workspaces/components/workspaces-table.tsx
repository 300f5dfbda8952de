import { Badge, Table, TBody, Td, Th, THead, Tr, type BadgeTone } from "@nhood/design-system";
import { formatDate, usePortalPath, type WorkspaceSummary } from "@nhood/web-kit";
import { Link } from "react-router-dom";

const planTone: Record<string, BadgeTone> = { free: "neutral", starter: "info", professional: "info", enterprise: "brand" };

/** Workspaces with plan, status, member count and creation date; the name opens the detail. */
export function WorkspacesTable({ workspaces }: { workspaces: WorkspaceSummary[] }) {
  const base = usePortalPath("workspaces");
  return (
    <Table caption="Workspaces">
      <THead>
        <Tr>
          <Th>Name</Th>
          <Th>Plan</Th>
          <Th>Status</Th>
          <Th className="text-right">Members</Th>
          <Th>Created</Th>
        </Tr>
      </THead>
      <TBody>
        {workspaces.map((w) => (
          <Tr key={w.id}>
            <Td className="font-medium">
              <Link className="text-brand-text hover:underline" to={`${base}/${w.id}`}>
                {w.name}
              </Link>
            </Td>
            <Td>
              <Badge tone={planTone[w.plan] ?? "neutral"}>{w.plan}</Badge>
            </Td>
            <Td>
              <Badge tone={w.status === "active" ? "success" : "warning"}>{w.status}</Badge>
            </Td>
            <Td className="text-right tabular-nums">{w.member_count}</Td>
            <Td className="whitespace-nowrap text-fg-muted">
              <time dateTime={w.created_at}>{formatDate(w.created_at)}</time>
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
