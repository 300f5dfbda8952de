/** Leads of the person and their team, newest first. */
import { EmptyState, PageHeader } from "@nhood/design-system";
import { AsyncContent, LoadMore, useActiveWorkspaceId, useMarkPortalReady } from "@nhood/web-kit";
import { useLeads } from "../api/use-leads";
import { LeadsTable } from "./leads-table";

export function LeadsPage() {
  const ws = useActiveWorkspaceId() ?? "";
  const query = useLeads(ws);
  useMarkPortalReady(query.status !== "pending");
  const leads = query.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <PageHeader title="Leads" description="Potential customers assigned to you and your team." />
      <AsyncContent
        status={query.status}
        error={query.error}
        onRetry={() => void query.refetch()}
        errorTitle="Couldn't load leads"
        loadingLabel="Loading leads…"
        isEmpty={leads.length === 0}
        empty={
          <EmptyState title="No leads yet">
            Leads arrive from your workspace's lead sources, such as website forms or your CRM, and
            are listed here once they're assigned to you or someone who reports to you.
          </EmptyState>
        }
      >
        <LeadsTable leads={leads} />
        <LoadMore hasMore={query.hasNextPage} loading={query.isFetchingNextPage} onLoadMore={() => void query.fetchNextPage()} />
      </AsyncContent>
    </>
  );
}
