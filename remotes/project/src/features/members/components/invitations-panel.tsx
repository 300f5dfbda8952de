/**
 * Invitations to the workspace (issue 16 part 1): who was invited with which role, whether the
 * link is pending, accepted, revoked or expired, and a Revoke button for pending ones. Owners and
 * admins only; for other roles (403) the panel stays hidden.
 */
import { Badge, Button, Table, TBody, Td, Th, THead, Tr, type BadgeTone } from "@nhood/design-system";
import { isApiError, ProblemMessage } from "@nhood/web-kit";
import { useInvitations, useRevokeInvitation } from "../api/use-invitations";

const TONE: Record<string, BadgeTone> = { pending: "info", accepted: "success", revoked: "neutral", expired: "warning" };

export function InvitationsPanel({ workspaceId }: { workspaceId: string }) {
  const query = useInvitations(workspaceId);
  const revoke = useRevokeInvitation(workspaceId);
  if (query.isError && isApiError(query.error) && query.error.status === 403) return null;
  const items = query.data?.items ?? [];
  return (
    <section className="mt-8" aria-labelledby="invitations-heading">
      <h2 id="invitations-heading" className="mb-3 text-lg font-semibold text-fg">
        Invitations
      </h2>
      {query.isPending ? (
        <p role="status" className="text-sm text-fg-muted">
          Loading invitations…
        </p>
      ) : query.isError ? (
        <ProblemMessage error={query.error} title="Couldn't load invitations" onRetry={() => void query.refetch()} />
      ) : items.length === 0 ? (
        <p className="text-sm text-fg-muted">No invitations yet. Invite teammates from the developer portal's setup wizard.</p>
      ) : (
        <>
          {revoke.error ? <ProblemMessage error={revoke.error} title="Couldn't revoke the invitation" /> : null}
          <Table caption="Invitations">
            <THead>
              <Tr>
                <Th>E-mail</Th>
                <Th>Role</Th>
                <Th>Status</Th>
                <Th>Expires</Th>
                <Th>
                  <span className="sr-only">Actions</span>
                </Th>
              </Tr>
            </THead>
            <TBody>
              {items.map((i) => (
                <Tr key={i.id}>
                  <Td className="font-medium">{i.email}</Td>
                  <Td>{i.role.replace("_", " ")}</Td>
                  <Td>
                    <Badge tone={TONE[i.status] ?? "neutral"}>{i.status}</Badge>
                  </Td>
                  <Td>{new Date(i.expires_at).toLocaleDateString()}</Td>
                  <Td>
                    {i.status === "pending" ? (
                      <Button
                        size="sm"
                        variant="secondary"
                        loading={revoke.isPending && revoke.variables === i.id}
                        onClick={() => revoke.mutate(i.id)}
                        aria-label={`Revoke the invitation of ${i.email}`}
                      >
                        Revoke
                      </Button>
                    ) : null}
                  </Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        </>
      )}
    </section>
  );
}
