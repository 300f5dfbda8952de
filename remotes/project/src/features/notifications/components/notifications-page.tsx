/** The project portal's first screen: the workspace's notification inbox. */
import { EmptyState, PageHeader } from "@nhood/design-system";
import { AsyncContent, LoadMore, useActiveWorkspaceId, useMarkPortalReady } from "@nhood/web-kit";
import { useNotifications } from "../api/use-notifications";
import { NotificationsList } from "./notifications-list";

export function NotificationsPage() {
  const ws = useActiveWorkspaceId() ?? "";
  const query = useNotifications(ws);
  useMarkPortalReady(query.status !== "pending");
  const notifications = query.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <PageHeader title="Notifications" description="What happened in your workspace: failed executions, new leads, quota warnings." />
      <AsyncContent
        status={query.status}
        error={query.error}
        onRetry={() => void query.refetch()}
        errorTitle="Couldn't load notifications"
        loadingLabel="Loading notifications…"
        isEmpty={notifications.length === 0}
        empty={
          <EmptyState title="You're all caught up">
            Notifications appear here when one of your workspace's rules matches an event, for
            example when a workflow execution fails or a lead arrives.
          </EmptyState>
        }
      >
        <NotificationsList notifications={notifications} />
        <LoadMore hasMore={query.hasNextPage} loading={query.isFetchingNextPage} onLoadMore={() => void query.fetchNextPage()} />
      </AsyncContent>
    </>
  );
}
