import { Badge, Table, TBody, Td, Th, THead, Tr } from "@nhood/design-system";
import { formatDateTime, type AuditEntry } from "@nhood/web-kit";

/** Audit entries: when, workspace, action, actor, subject and the event's detail. */
export function AuditTable({ entries }: { entries: AuditEntry[] }) {
  return (
    <Table caption="Audit log">
      <THead>
        <Tr>
          <Th>When</Th>
          <Th>Workspace</Th>
          <Th>Action</Th>
          <Th>Actor</Th>
          <Th>Subject</Th>
          <Th>Detail</Th>
        </Tr>
      </THead>
      <TBody>
        {entries.map((e) => (
          <Tr key={e.id}>
            <Td className="whitespace-nowrap text-fg-muted">
              <time dateTime={e.occurred_at}>{formatDateTime(e.occurred_at)}</time>
            </Td>
            <Td>{e.workspace_name ?? <span className="text-fg-muted">platform</span>}</Td>
            <Td>
              <Badge tone={e.action.includes("fail") || e.action.includes("refused") ? "warning" : "neutral"}>{e.action}</Badge>
            </Td>
            <Td className="text-xs">
              <span className="text-fg-muted">{e.actor_kind}</span> <code>{e.actor_id ?? ""}</code>
            </Td>
            <Td className="text-xs">
              <code>{e.subject_id ?? ""}</code>
            </Td>
            <Td className="max-w-xs truncate text-xs" title={JSON.stringify(e.detail)}>
              <code>{JSON.stringify(e.detail)}</code>
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
