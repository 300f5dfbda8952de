import { Badge, Table, TBody, Td, Th, THead, Tr, type BadgeTone } from "@nhood/design-system";
import { formatDate, type Plan, type WorkspaceSummary } from "@nhood/web-kit";

const planTone: Record<Plan, BadgeTone> = { free: "neutral", professional: "info", enterprise: "brand" };

/** Workspaces with plan, status, member count and creation date. */
export function WorkspacesTable({ workspaces }: { workspaces: WorkspaceSummary[] }) {
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
            <Td className="font-medium">{w.name}</Td>
            <Td><Badge tone={planTone[w.plan]}>{w.plan}</Badge></Td>
            <Td>
              <Badge tone={w.status === "active" ? "success" : "warning"}>{w.status}</Badge>
            </Td>
            <Td className="text-right tabular-nums">{w.member_count}</Td>
            <Td className="whitespace-nowrap text-fg-muted"><time dateTime={w.created_at}>{formatDate(w.created_at)}</time></Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
