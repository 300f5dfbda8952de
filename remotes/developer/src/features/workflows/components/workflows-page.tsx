/** The workspace's workflows, with an explaining empty state. */
import { PageHeader } from "@nhood/design-system";
import { AsyncContent, LoadMore, useActiveWorkspaceId, useMarkPortalReady } from "@nhood/web-kit";
import { useWorkflows } from "../api/use-workflows";
import { WorkflowsEmptyState } from "./workflows-empty-state";
import { WorkflowsTable } from "./workflows-table";

export function WorkflowsPage() {
  const ws = useActiveWorkspaceId() ?? "";
  const query = useWorkflows(ws);
  useMarkPortalReady(query.status !== "pending");
  const workflows = query.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <PageHeader title="Workflows" description="Automations that run for your end users when something happens." />
      <AsyncContent
        status={query.status}
        error={query.error}
        onRetry={() => void query.refetch()}
        errorTitle="Couldn't load workflows"
        loadingLabel="Loading workflows…"
        isEmpty={workflows.length === 0}
        empty={<WorkflowsEmptyState workspaceId={ws} />}
      >
        <WorkflowsTable workflows={workflows} />
        <LoadMore hasMore={query.hasNextPage} loading={query.isFetchingNextPage} onLoadMore={() => void query.fetchNextPage()} />
      </AsyncContent>
    </>
  );
}
