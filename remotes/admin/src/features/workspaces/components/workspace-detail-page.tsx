/** One workspace for platform staff: status, plan, usage against quotas, members and lifecycle actions. */
import { Badge, Card, PageHeader, Table, TBody, Td, Th, THead, Tr } from "@nhood/design-system";
import { AsyncContent, formatDate, formatDateTime, useMarkPortalReady, usePortalPath } from "@nhood/web-kit";
import { Link, useParams } from "react-router-dom";
import { canEditPlans, canManageWorkspaces, canReadOperations, usePlatformRole } from "../../../lib/permissions";
import { usePlans } from "../../../hooks/use-plans";
import { useWorkspace } from "../api/use-workspaces";
import { LifecycleActions } from "./lifecycle-actions";
import { PlanChanger } from "./plan-changer";
import { UsageList } from "./usage-list";

export function WorkspaceDetailPage() {
  const { workspaceId = "" } = useParams();
  const query = useWorkspace(workspaceId);
  const plans = usePlans();
  const role = usePlatformRole();
  const back = usePortalPath("workspaces");
  const auditPath = usePortalPath("audit");
  useMarkPortalReady(query.status !== "pending");
  const w = query.data;
  return (
    <>
      <Link to={back} className="mb-2 inline-block text-sm text-brand-text hover:underline">
        ← All workspaces
      </Link>
      <AsyncContent
        status={query.status}
        error={query.error}
        onRetry={() => void query.refetch()}
        errorTitle="Couldn't load the workspace"
        loadingLabel="Loading workspace…"
        isEmpty={false}
        empty={null}
      >
        {w && (
          <div className="flex flex-col gap-6">
            <PageHeader
              title={w.name}
              description={
                <>
                  Created <time dateTime={w.created_at}>{formatDate(w.created_at)}</time> · {w.members.length} members
                </>
              }
              actions={canManageWorkspaces(role) ? <LifecycleActions workspace={w} /> : undefined}
            />
            <div role="group" className="flex flex-wrap items-center gap-2" aria-label="Workspace status">
              <Badge tone={w.status === "active" && !w.deleted_at ? "success" : "warning"}>{w.deleted_at ? "deleted" : w.status}</Badge>
              <Badge tone="info">{w.plan}</Badge>
              {w.purge_at && <span className="text-sm text-fg-muted">Data is purged on {formatDateTime(w.purge_at)} unless restored.</span>}
              {canReadOperations(role) && (
                <Link to={`${auditPath}?workspace_id=${w.id}`} className="ml-auto text-sm text-brand-text hover:underline">
                  Audit log of {w.name}
                </Link>
              )}
            </div>
            <Card title="Plan and usage" description="This period's usage against the plan's quotas.">
              {canEditPlans(role) && (
                <div className="mb-5">
                  <PlanChanger key={w.plan} workspace={w} plans={plans.data?.items ?? []} />
                </div>
              )}
              <UsageList usage={w.usage} />
            </Card>
            <Table caption={`Members of ${w.name}`}>
              <THead>
                <Tr>
                  <Th>Name</Th>
                  <Th>Email</Th>
                  <Th>Role</Th>
                  <Th>Joined</Th>
                </Tr>
              </THead>
              <TBody>
                {w.members.map((m) => (
                  <Tr key={m.user_id}>
                    <Td className="font-medium">{m.name}</Td>
                    <Td>{m.email}</Td>
                    <Td>
                      <Badge>{m.role}</Badge>
                    </Td>
                    <Td className="text-fg-muted">
                      <time dateTime={m.joined_at}>{formatDate(m.joined_at)}</time>
                    </Td>
                  </Tr>
                ))}
              </TBody>
            </Table>
          </div>
        )}
      </AsyncContent>
    </>
  );
}
