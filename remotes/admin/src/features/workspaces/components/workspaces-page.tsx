/** The admin portal's first screen: search and page through every workspace. */
import { EmptyState, Input, PageHeader } from "@nhood/design-system";
import { AsyncContent, LoadMore, useDebouncedValue, useMarkPortalReady } from "@nhood/web-kit";
import { useState } from "react";
import { useWorkspaces } from "../api/use-workspaces";
import { WorkspacesTable } from "./workspaces-table";

export function WorkspacesPage() {
  const [search, setSearch] = useState("");
  const q = useDebouncedValue(search.trim(), 300);
  const query = useWorkspaces(q);
  useMarkPortalReady(query.status !== "pending");
  const workspaces = query.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <>
      <PageHeader title="Workspaces" description="Every tenant on the platform, newest first." />
      <div className="mb-4 max-w-sm">
        <Input label="Search workspaces" type="search" placeholder="Name…" value={search} onChange={(e) => setSearch(e.target.value)} />
      </div>
      <AsyncContent
        status={query.status}
        error={query.error}
        onRetry={() => void query.refetch()}
        errorTitle="Couldn't load workspaces"
        loadingLabel="Loading workspaces…"
        isEmpty={workspaces.length === 0}
        empty={
          <EmptyState title={q ? `No workspace matches "${q}"` : "No workspaces yet"}>
            {q
              ? "Check the spelling or search for part of the name."
              : "Workspaces appear here when a company signs up (POST /api/v1/workspaces)."}
          </EmptyState>
        }
      >
        <WorkspacesTable workspaces={workspaces} />
        <LoadMore hasMore={query.hasNextPage} loading={query.isFetchingNextPage} onLoadMore={() => void query.fetchNextPage()} />
      </AsyncContent>
    </>
  );
}
