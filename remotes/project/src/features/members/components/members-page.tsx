/** Members and their roles (who a rule's target roles reach), and the workspace's invitations (listed, revocable). */
import { Badge, EmptyState, PageHeader, Table, TBody, Td, Th, THead, Tr } from "@nhood/design-system";
import { AsyncContent, useActiveWorkspaceId, useMarkPortalReady } from "@nhood/web-kit";
import { useMembers } from "../api/use-members";
import { InvitationsPanel } from "./invitations-panel";

export function MembersPage() {
  const ws = useActiveWorkspaceId() ?? "";
  const query = useMembers(ws);
  useMarkPortalReady(query.status !== "pending");
  const members = query.data?.items ?? [];
  const byRole: Record<string, number> = {};
  for (const m of members) byRole[m.role] = (byRole[m.role] ?? 0) + 1;
  return (
    <>
      <PageHeader
        title="Users and roles"
        description={`Rules notify members by role: ${
          Object.entries(byRole)
            .map(([r, n]) => `${n} ${r.replace("_", " ")}`)
            .join(", ") || "no members yet"
        }.`}
      />
      <AsyncContent
        status={query.status}
        error={query.error}
        onRetry={() => void query.refetch()}
        errorTitle="Couldn't load members"
        loadingLabel="Loading members…"
        isEmpty={members.length === 0}
        empty={<EmptyState title="No members">Invite people from the developer portal's team settings.</EmptyState>}
      >
        <Table caption="Members">
          <THead>
            <Tr>
              <Th>Name</Th>
              <Th>E-mail</Th>
              <Th>Role</Th>
            </Tr>
          </THead>
          <TBody>
            {members.map((m) => (
              <Tr key={m.membership_id}>
                <Td className="font-medium">{m.name}</Td>
                <Td>{m.email}</Td>
                <Td>
                  <Badge tone="info">{m.role.replace("_", " ")}</Badge>
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      </AsyncContent>
      <InvitationsPanel workspaceId={ws} />
    </>
  );
}
