import { Badge, Table, TBody, Td, Th, THead, Tr } from "@nhood/design-system";
import { Link } from "react-router-dom";
import { formatDate, usePortalPath, type LeadSummary } from "@nhood/web-kit";

/** Leads with contact details, source, stage, owner and arrival date. */
export function LeadsTable({ leads }: { leads: LeadSummary[] }) {
  const base = usePortalPath("leads");
  return (
    <Table caption="Leads">
      <THead>
        <Tr>
          <Th>Lead</Th>
          <Th>Source</Th>
          <Th>Stage</Th>
          <Th>Owner</Th>
          <Th>Created</Th>
        </Tr>
      </THead>
      <TBody>
        {leads.map((l) => (
          <Tr key={l.id}>
            <Td>
              <Link to={`${base}/${l.id}`} className="font-medium text-brand-text hover:underline">
                {l.name ?? "Unnamed lead"}
              </Link>
              <p className="text-xs text-fg-muted">{[l.email, l.phone].filter(Boolean).join(" · ")}</p>
            </Td>
            <Td className="text-fg-muted">{l.source.replace(/[_-]+/g, " ")}</Td>
            <Td>
              <Badge tone="info">{l.stage}</Badge>
            </Td>
            <Td>{l.owner?.name ?? <span className="text-fg-muted">Unassigned</span>}</Td>
            <Td className="whitespace-nowrap text-fg-muted">{formatDate(l.created_at)}</Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
