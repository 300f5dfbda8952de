/** Platform staff accounts: list, add, change role, disable or enable (super_admin; support reads). */
import { Badge, Button, EmptyState, PageHeader, Table, TBody, Td, Th, THead, Tr, toast } from "@nhood/design-system";
import { AsyncContent, ProblemMessage, formatDate, useMarkPortalReady, useSession, type PlatformRole } from "@nhood/web-kit";
import { useState } from "react";
import { canManageWorkspaces, usePlatformRole } from "../../../lib/permissions";
import { useCreateStaff, useStaff, useUpdateStaff } from "../api/use-staff";
import { CreateStaffDialog } from "./create-staff-dialog";
import { ROLE_OPTIONS } from "./roles";

export function StaffPage() {
  const query = useStaff();
  const create = useCreateStaff();
  const update = useUpdateStaff();
  const role = usePlatformRole();
  const myId = useSession((s) => (s.me?.kind === "user" ? s.me.user.id : null));
  const [adding, setAdding] = useState(false);
  useMarkPortalReady(query.status !== "pending");
  const manage = canManageWorkspaces(role);
  const staff = query.data?.items ?? [];
  const close = () => {
    setAdding(false);
    create.reset();
  };
  return (
    <>
      <PageHeader
        title="Staff"
        description="NeighbourHood's own people and what each may do in this portal."
        actions={manage ? <Button onClick={() => setAdding(true)}>Add staff member</Button> : undefined}
      />
      {update.error ? (
        <div className="mb-4">
          <ProblemMessage title="Couldn't change the account" error={update.error} />
        </div>
      ) : null}
      <AsyncContent
        status={query.status}
        error={query.error}
        onRetry={() => void query.refetch()}
        errorTitle="Couldn't load staff"
        loadingLabel="Loading staff…"
        isEmpty={staff.length === 0}
        empty={<EmptyState title="No staff accounts">Add the first one with "Add staff member".</EmptyState>}
      >
        <Table caption="Platform staff">
          <THead>
            <Tr>
              <Th>Name</Th>
              <Th>Email</Th>
              <Th>Role</Th>
              <Th>Status</Th>
              <Th>Since</Th>
              {manage && (
                <Th>
                  <span className="sr-only">Actions</span>
                </Th>
              )}
            </Tr>
          </THead>
          <TBody>
            {staff.map((s) => (
              <Tr key={s.id}>
                <Td className="font-medium">{s.name}</Td>
                <Td>{s.email}</Td>
                <Td>
                  {manage && s.id !== myId ? (
                    <select
                      aria-label={`Role of ${s.name}`}
                      className="rounded-md border border-line-strong bg-surface px-2 py-1 text-sm"
                      value={s.platform_role}
                      onChange={(e) =>
                        update.mutate(
                          { id: s.id, changes: { platform_role: e.target.value as PlatformRole } },
                          { onSuccess: () => toast(`${s.name} is now ${e.target.value}`, { tone: "success" }) },
                        )
                      }
                    >
                      {ROLE_OPTIONS.map((o) => (
                        <option key={o.value} value={o.value}>
                          {o.value}
                        </option>
                      ))}
                    </select>
                  ) : (
                    <Badge tone="info">{s.platform_role}</Badge>
                  )}
                </Td>
                <Td>
                  <Badge tone={s.disabled ? "warning" : "success"}>{s.disabled ? "disabled" : "active"}</Badge>
                </Td>
                <Td className="text-fg-muted">
                  <time dateTime={s.created_at}>{formatDate(s.created_at)}</time>
                </Td>
                {manage && (
                  <Td>
                    {s.id !== myId && (
                      <Button
                        size="sm"
                        variant={s.disabled ? "secondary" : "danger-subtle"}
                        onClick={() => update.mutate({ id: s.id, changes: { disabled: !s.disabled } })}
                      >
                        {s.disabled ? "Enable" : "Disable"}
                      </Button>
                    )}
                  </Td>
                )}
              </Tr>
            ))}
          </TBody>
        </Table>
      </AsyncContent>
      {adding && (
        <CreateStaffDialog
          pending={create.isPending}
          error={create.error}
          onCancel={close}
          onSubmit={(input) =>
            create.mutate(input, {
              onSuccess: () => {
                toast(`${input.name} added`, { tone: "success" });
                close();
              },
            })
          }
        />
      )}
    </>
  );
}
