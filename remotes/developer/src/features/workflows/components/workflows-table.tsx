import { Badge, Table, TBody, Td, Th, THead, Tr } from "@nhood/design-system";
import { formatDateTime, type WorkflowSummary } from "@nhood/web-kit";

const statusTone = { active: "success", draft: "neutral", disabled: "warning" } as const;

/** Workflows with status, published version and last change. */
export function WorkflowsTable({ workflows }: { workflows: WorkflowSummary[] }) {
  return (
    <Table caption="Workflows">
      <THead>
        <Tr><Th>Name</Th><Th>Status</Th><Th>Version</Th><Th>Updated</Th></Tr>
      </THead>
      <TBody>
        {workflows.map((w) => (
          <Tr key={w.id}>
            <Td className="font-medium">{w.name}</Td>
            <Td><Badge tone={statusTone[w.status]}>{w.status}</Badge></Td>
            <Td className="tabular-nums">v{w.version}</Td>
            <Td className="whitespace-nowrap text-fg-muted">{formatDateTime(w.updated_at)}</Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
