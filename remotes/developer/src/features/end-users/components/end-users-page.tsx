/** The workspace's end users; a developer can open the client portal as any of them. */
import { EmptyState, PageHeader } from "@nhood/design-system";
import { AsyncContent, LoadMore, ProblemMessage, useActiveWorkspaceId, useMarkPortalReady } from "@nhood/web-kit";
import { useEndUsers, useOpenClientPortal } from "../api/use-end-users";
import { EndUsersTable } from "./end-users-table";
import { EndUserIntegrationsDialog } from "./end-user-integrations-dialog";
import { useState } from "react";
import type { EndUser } from "@nhood/web-kit";

export function EndUsersPage() {
  const ws = useActiveWorkspaceId() ?? "";
  const query = useEndUsers(ws);
  const open = useOpenClientPortal(ws);
  const [showing, setShowing] = useState<EndUser | null>(null);
  useMarkPortalReady(query.status !== "pending");
  const endUsers = query.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <PageHeader title="End users" description="Your customers who connect apps and grant consent through the client portal." />
      {open.error ? (
        <div className="mb-4">
          <ProblemMessage title="Couldn't open the client portal" error={open.error} />
        </div>
      ) : null}
      <AsyncContent
        status={query.status}
        error={query.error}
        onRetry={() => void query.refetch()}
        errorTitle="Couldn't load end users"
        loadingLabel="Loading end users…"
        isEmpty={endUsers.length === 0}
        empty={
          <EmptyState title="No end users yet">
            End users appear here the first time your backend creates a connect session for one of your customers, with an API key that has the “end users”
            scope:
            <code className="mt-2 block font-mono text-xs">POST /api/v1/connect/sessions {'{ "end_user_id": "…" }'}</code>
          </EmptyState>
        }
      >
        <EndUsersTable
          endUsers={endUsers}
          openingId={open.isPending ? (open.variables ?? null) : null}
          onOpenPortal={(u) => open.mutate(u.id)}
          onShowIntegrations={setShowing}
        />
        <LoadMore hasMore={query.hasNextPage} loading={query.isFetchingNextPage} onLoadMore={() => void query.fetchNextPage()} />
      </AsyncContent>
      {showing && <EndUserIntegrationsDialog ws={ws} endUser={showing} onClose={() => setShowing(null)} />}
    </>
  );
}
