/** Notification rules: list in evaluation order, create, edit, test against a sample event, delete. */
import { Badge, Button, EmptyState, PageHeader, Table, TBody, Td, Th, THead, Tr, toast } from "@nhood/design-system";
import { AsyncContent, ProblemMessage, useActiveWorkspaceId, useMarkPortalReady, type Rule } from "@nhood/web-kit";
import { useState } from "react";
import { useDeleteRule, useRules, useSaveRule } from "../api/use-rules";
import { useUserRoles } from "../api/use-user-roles";
import { useSounds } from "../../../hooks/use-sounds";
import { RuleFormDialog } from "./rule-form-dialog";
import { RuleTestDialog } from "./rule-test-dialog";

export function RulesPage() {
  const ws = useActiveWorkspaceId() ?? "";
  const query = useRules(ws);
  const sounds = useSounds(ws);
  const save = useSaveRule(ws);
  const remove = useDeleteRule(ws);
  const [editing, setEditing] = useState<Rule | null | "new">(null);
  const userRoles = useUserRoles(ws, editing !== null);
  const [testing, setTesting] = useState<Rule | null>(null);
  useMarkPortalReady(query.status !== "pending");
  const createButton = <Button onClick={() => setEditing("new")}>Create rule</Button>;
  const rules = query.data?.items ?? [];
  return (
    <>
      <PageHeader
        title="Rules"
        description="When an event matches a rule's condition, the members with its staff roles, your app's users with its user roles and the users the event names are notified. Lower priority numbers run first."
        actions={createButton}
      />
      {remove.isError && (
        <div className="mb-4">
          <ProblemMessage title="Couldn't delete the rule" error={remove.error} />
        </div>
      )}
      <AsyncContent
        status={query.status}
        error={query.error}
        onRetry={() => void query.refetch()}
        errorTitle="Couldn't load rules"
        loadingLabel="Loading rules…"
        isEmpty={rules.length === 0}
        empty={
          <EmptyState title="No rules yet" action={createButton}>
            A rule turns events into notifications, e.g. "notify admins when event.type == 'execution.failed'".
          </EmptyState>
        }
      >
        <Table caption="Rules">
          <THead>
            <Tr>
              <Th>Priority</Th>
              <Th>Name</Th>
              <Th>Condition</Th>
              <Th>Notifies</Th>
              <Th>Status</Th>
              <Th>
                <span className="sr-only">Actions</span>
              </Th>
            </Tr>
          </THead>
          <TBody>
            {rules.map((r) => (
              <Tr key={r.id}>
                <Td>{r.priority}</Td>
                <Td className="font-medium">{r.name}</Td>
                <Td>
                  <code className="font-mono text-xs">{r.condition}</code>
                </Td>
                <Td className="text-sm">
                  {[
                    r.target_roles.length > 0 ? `staff: ${r.target_roles.join(", ")}` : "",
                    r.target_user_roles.length > 0 ? `users: ${r.target_user_roles.join(", ")}` : "",
                    r.target_event_users ? "the event's users" : "",
                  ]
                    .filter(Boolean)
                    .join(" · ")}
                  {r.channels.includes("email") ? " · e-mail" : ""}
                </Td>
                <Td>
                  <Badge tone={r.active ? "success" : "neutral"}>{r.active ? "active" : "paused"}</Badge>
                </Td>
                <Td className="whitespace-nowrap text-right">
                  <Button size="sm" variant="ghost" onClick={() => setTesting(r)} aria-label={`Test ${r.name}`}>
                    Test
                  </Button>
                  <Button size="sm" variant="ghost" onClick={() => setEditing(r)} aria-label={`Edit ${r.name}`}>
                    Edit
                  </Button>
                  <Button
                    size="sm"
                    variant="danger-subtle"
                    aria-label={`Delete ${r.name}`}
                    onClick={() => remove.mutate(r.id, { onSuccess: () => toast(`Rule "${r.name}" deleted`, { tone: "success" }) })}
                  >
                    Delete
                  </Button>
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      </AsyncContent>
      <RuleFormDialog
        open={editing !== null}
        rule={editing === "new" ? null : editing}
        sounds={sounds.data?.items ?? []}
        userRoles={{ items: userRoles.data?.items ?? [], loading: userRoles.isPending, error: userRoles.error ?? undefined }}
        onClose={() => setEditing(null)}
        onSave={(input) =>
          save.mutateAsync({ id: editing && editing !== "new" ? editing.id : undefined, input }).then(() => toast("Rule saved", { tone: "success" }))
        }
      />
      <RuleTestDialog rule={testing} onClose={() => setTesting(null)} />
    </>
  );
}
