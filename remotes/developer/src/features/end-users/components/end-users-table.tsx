import { Button, Table, TBody, Td, Th, THead, Tr } from "@nhood/design-system";
import { formatDate, type EndUser } from "@nhood/web-kit";

export interface EndUsersTableProps {
  endUsers: EndUser[];
  /** id of the end user whose portal is being opened */
  openingId: string | null;
  onOpenPortal: (endUser: EndUser) => void;
  /** shows the end user's connections and consents */
  onShowIntegrations?: (endUser: EndUser) => void;
}

/** End users with their external id; each row opens the client portal as that end user. */
export function EndUsersTable({ endUsers, openingId, onOpenPortal, onShowIntegrations }: EndUsersTableProps) {
  return (
    <Table caption="End users">
      <THead>
        <Tr>
          <Th>External id</Th>
          <Th>Name</Th>
          <Th>Email</Th>
          <Th>Created</Th>
          <Th>
            <span className="sr-only">Actions</span>
          </Th>
        </Tr>
      </THead>
      <TBody>
        {endUsers.map((u) => (
          <Tr key={u.id}>
            <Td>
              <code className="font-mono text-xs">{u.external_user_id}</code>
            </Td>
            <Td>{u.name ?? <span className="text-fg-muted">Not given</span>}</Td>
            <Td>{u.email ?? <span className="text-fg-muted">Not given</span>}</Td>
            <Td className="whitespace-nowrap text-fg-muted">{formatDate(u.created_at)}</Td>
            <Td className="whitespace-nowrap text-right">
              {onShowIntegrations && (
                <Button
                  variant="ghost"
                  size="sm"
                  className="mr-2"
                  onClick={() => onShowIntegrations(u)}
                  aria-label={`Connections and consents of ${u.name ?? u.external_user_id}`}
                >
                  Connections
                </Button>
              )}
              <Button
                variant="secondary"
                size="sm"
                loading={openingId === u.id}
                onClick={() => onOpenPortal(u)}
                aria-label={`Open client portal as ${u.name ?? u.external_user_id} (opens a new tab)`}
              >
                Open client portal
              </Button>
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
