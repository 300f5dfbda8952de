import { Badge, Table, TBody, Td, Th, THead, Tr } from "@nhood/design-system";
import { formatDateTime, usePortalPath, type WorkflowSummary } from "@nhood/web-kit";
import { Link } from "react-router-dom";

const statusTone = { active: "success", draft: "neutral", disabled: "warning" } as const;

/** Workflows with status, published version and last change. */
export function WorkflowsTable({ workflows }: { workflows: WorkflowSummary[] }) {
  const editorPath = usePortalPath("workflows");
  const executionsPath = usePortalPath("executions");
  return (
    <Table caption="Workflows">
      <THead>
        <Tr>
          <Th>Name</Th>
          <Th>Status</Th>
          <Th>Version</Th>
          <Th>Updated</Th>
          <Th>
            <span className="sr-only">Links</span>
          </Th>
        </Tr>
      </THead>
      <TBody>
        {workflows.map((w) => (
          <Tr key={w.id}>
            <Td className="font-medium">
              <Link className="underline-offset-2 hover:underline" to={`${editorPath}/${w.id}`}>
                {w.name}
              </Link>
            </Td>
            <Td>
              <Badge tone={statusTone[w.status]}>{w.status}</Badge>
            </Td>
            <Td className="tabular-nums">v{w.version}</Td>
            <Td className="whitespace-nowrap text-fg-muted">{formatDateTime(w.updated_at)}</Td>
            <Td>
              <Link className="text-sm underline" to={`${executionsPath}?workflow_id=${w.id}`}>
                Executions
              </Link>
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
