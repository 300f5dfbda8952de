/** The workspace's workflows, with an explaining empty state. */
import { PageHeader } from "@nhood/design-system";
import { AsyncContent, LoadMore, useActiveWorkspaceId, useMarkPortalReady, usePortalPath } from "@nhood/web-kit";
import { Link } from "react-router-dom";
import { useWorkflows } from "../api/use-workflows";
import { WorkflowsEmptyState } from "./workflows-empty-state";
import { WorkflowsTable } from "./workflows-table";

export function WorkflowsPage() {
  const ws = useActiveWorkspaceId() ?? "";
  const query = useWorkflows(ws);
  useMarkPortalReady(query.status !== "pending");
  const workflows = query.data?.pages.flatMap((p) => p.items) ?? [];
  const newPath = usePortalPath("workflows/new");
  const newButton = (
    <Link to={newPath} className="inline-flex h-10 items-center rounded-md bg-brand px-4 text-sm font-medium text-brand-contrast shadow-sm hover:opacity-90">
      New workflow
    </Link>
  );
  return (
    <>
      <PageHeader title="Workflows" description="Automations that run for your end users when something happens." actions={newButton} />
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
