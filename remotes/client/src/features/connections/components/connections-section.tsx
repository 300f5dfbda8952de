import { Card } from "@nhood/design-system";
import { AsyncContent, type Connection } from "@nhood/web-kit";
import type { UseQueryResult } from "@tanstack/react-query";
import { ConnectionsList } from "./connections-list";

export function ConnectionsSection({ query, company }: { query: UseQueryResult<{ items: Connection[] }>; company: string }) {
  return (
    <Card title="Connected apps" description={`Apps ${company} can use on your behalf.`}>
      <AsyncContent
        status={query.status}
        error={query.error}
        onRetry={() => void query.refetch()}
        errorTitle="Couldn't load your connected apps"
        loadingLabel="Loading your connected apps…"
        isEmpty={false}
        empty={null}
      >
        <ConnectionsList connections={query.data?.items ?? []} company={company} />
      </AsyncContent>
    </Card>
  );
}
