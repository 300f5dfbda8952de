/** Which members have a second factor, and the owner's reset for a member who lost theirs. */
import { Badge, Button, Card, Dialog, EmptyState, Table, TBody, Td, Th, THead, Tr } from "@nhood/design-system";
import type { MemberMfa } from "@nhood/contracts";
import { AsyncContent, ProblemMessage } from "@nhood/web-kit";
import { useState } from "react";
import { useMemberMfa, useResetMemberMfa } from "../api/use-workspace-security";

const kindLabel = { totp: "Authenticator app", passkey: "Passkey" } as const;

export function MemberMfaTable({ ws, canEdit }: { ws: string; canEdit: boolean }) {
  const query = useMemberMfa(ws);
  const reset = useResetMemberMfa(ws);
  const [target, setTarget] = useState<MemberMfa | null>(null);
  const members = query.data?.items ?? [];
  const withMfa = members.filter((m) => m.factors.length > 0).length;
  const close = () => {
    setTarget(null);
    reset.reset();
  };
  return (
    <Card title="Members' second factors" description={query.data ? `${withMfa} of ${members.length} members use a second factor.` : undefined}>
      <AsyncContent
        status={query.status}
        error={query.error}
        onRetry={() => void query.refetch()}
        errorTitle="Couldn't load the members"
        loadingLabel="Loading members…"
        isEmpty={members.length === 0}
        empty={<EmptyState title="No members">Members appear here once they join.</EmptyState>}
      >
        <Table caption="Members and their second factors">
          <THead>
            <Tr>
              <Th>Name</Th>
              <Th>Role</Th>
              <Th>Second factor</Th>
              {canEdit ? <Th>Reset</Th> : null}
            </Tr>
          </THead>
          <TBody>
            {members.map((m) => (
              <Tr key={m.membership_id}>
                <Td>
                  <span className="font-medium">{m.name}</span>
                  <span className="block text-xs text-fg-muted">{m.email}</span>
                </Td>
                <Td>{m.role.replace("_", " ")}</Td>
                <Td>
                  {m.factors.length ? (
                    <span className="flex flex-wrap gap-1">
                      {m.factors.map((k) => (
                        <Badge key={k} tone="success">
                          {kindLabel[k]}
                        </Badge>
                      ))}
                    </span>
                  ) : (
                    <Badge tone="warning">None</Badge>
                  )}
                </Td>
                {canEdit ? (
                  <Td>
                    {m.factors.length && m.role !== "owner" ? (
                      <Button size="sm" variant="danger-subtle" aria-label={`Reset MFA of ${m.name}`} onClick={() => setTarget(m)}>
                        Reset MFA
                      </Button>
                    ) : null}
                  </Td>
                ) : null}
              </Tr>
            ))}
          </TBody>
        </Table>
      </AsyncContent>
      <Dialog
        open={target !== null}
        onClose={close}
        title={`Reset the second factors of ${target?.name ?? "this member"}?`}
        description="Their authenticator apps, passkeys and recovery codes stop working. If the workspace requires MFA, they add a new factor at their next sign-in."
        footer={
          <>
            <Button variant="secondary" onClick={close}>
              Cancel
            </Button>
            <Button variant="danger" loading={reset.isPending} onClick={() => target && reset.mutate(target.membership_id, { onSuccess: close })}>
              Reset MFA
            </Button>
          </>
        }
      >
        {reset.error ? <ProblemMessage error={reset.error} title="Couldn't reset" /> : null}
      </Dialog>
    </Card>
  );
}
