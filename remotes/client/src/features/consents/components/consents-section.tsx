import { Card } from "@nhood/design-system";
import { AsyncContent, type Consent } from "@nhood/web-kit";
import type { UseQueryResult } from "@tanstack/react-query";
import { ConsentsList } from "./consents-list";

export function ConsentsSection({ query, company }: { query: UseQueryResult<{ items: Consent[] }>; company: string }) {
  return (
    <Card title="Privacy choices" description="What you agreed your data may be used for.">
      <AsyncContent
        status={query.status}
        error={query.error}
        onRetry={() => void query.refetch()}
        errorTitle="Couldn't load your privacy choices"
        loadingLabel="Loading your privacy choices…"
        isEmpty={false}
        empty={null}
      >
        <ConsentsList consents={query.data?.items ?? []} company={company} />
      </AsyncContent>
    </Card>
  );
}
