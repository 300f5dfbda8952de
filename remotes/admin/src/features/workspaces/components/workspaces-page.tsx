/** The admin portal's first screen: search and page through every workspace; create one. */
import { Button, EmptyState, Input, PageHeader, toast } from "@nhood/design-system";
import { AsyncContent, LoadMore, useDebouncedValue, useMarkPortalReady } from "@nhood/web-kit";
import { useState } from "react";
import { canManageWorkspaces, usePlatformRole } from "../../../lib/permissions";
import { usePlans } from "../../../hooks/use-plans";
import { useCreateWorkspace, useWorkspaces } from "../api/use-workspaces";
import { CreateWorkspaceDialog } from "./create-workspace-dialog";
import { WorkspacesTable } from "./workspaces-table";

export function WorkspacesPage() {
  const [search, setSearch] = useState("");
  const [creating, setCreating] = useState(false);
  const q = useDebouncedValue(search.trim(), 300);
  const query = useWorkspaces(q);
  const role = usePlatformRole();
  const plans = usePlans();
  const create = useCreateWorkspace();
  useMarkPortalReady(query.status !== "pending");
  const workspaces = query.data?.pages.flatMap((p) => p.items) ?? [];
  const close = () => {
    setCreating(false);
    create.reset();
  };

  return (
    <>
      <PageHeader
        title="Workspaces"
        description="Every tenant on the platform, newest first."
        actions={canManageWorkspaces(role) ? <Button onClick={() => setCreating(true)}>New workspace</Button> : undefined}
      />
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
              : "Workspaces appear here when a company signs up (POST /api/v1/workspaces) or when you create one."}
          </EmptyState>
        }
      >
        <WorkspacesTable workspaces={workspaces} />
        <LoadMore hasMore={query.hasNextPage} loading={query.isFetchingNextPage} onLoadMore={() => void query.fetchNextPage()} />
      </AsyncContent>
      {creating && (
        <CreateWorkspaceDialog
          open
          plans={plans.data?.items ?? []}
          pending={create.isPending}
          error={create.error}
          onCancel={close}
          onSubmit={(input) =>
            create.mutate(input, {
              onSuccess: () => {
                close();
                toast(`Workspace "${input.name}" created`, { tone: "success" });
              },
            })
          }
        />
      )}
    </>
  );
}
