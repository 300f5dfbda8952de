/**
 * Usage history (issue 16 part 3): the workspace's events, notifications, workflow executions
 * and API calls per UTC day over the last 7, 30 or 90 days, as charts and as a table (the same
 * figures, for screen readers and copying).
 */
import { EmptyState, Select, Skeleton, Table, TBody, Td, Th, THead, Tr } from "@nhood/design-system";
import { AsyncContent } from "@nhood/web-kit";
import { lazy, Suspense, useState } from "react";
import { useUsageHistory } from "../api/use-usage-history";

const UsageHistoryCharts = lazy(() => import("./usage-history-charts"));
const RANGES = [7, 30, 90] as const;

export function UsageHistorySection({ ws }: { ws: string }) {
  const [days, setDays] = useState<number>(30);
  const query = useUsageHistory(ws, days);
  const items = query.data?.items ?? [];
  const anything = items.some((d) => d.events || d.notifications || d.executions || d.api_calls);
  return (
    <section aria-labelledby="usage-history-title" className="mt-6">
      <div className="mb-3 flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id="usage-history-title" className="text-lg font-semibold">
            Usage history
          </h2>
          <p className="text-sm text-fg-muted">Per UTC day; executions and API calls (requests with an API key or from your app) trail by a few seconds.</p>
        </div>
        <Select
          label="Period"
          value={String(days)}
          onChange={(e) => setDays(Number(e.target.value))}
          options={RANGES.map((d) => ({ value: String(d), label: `Last ${d} days` }))}
        />
      </div>
      <AsyncContent
        status={query.status}
        error={query.error}
        onRetry={() => void query.refetch()}
        errorTitle="Couldn't load the usage history"
        loadingLabel="Loading the usage history…"
        isEmpty={!anything}
        empty={<EmptyState title="No usage in this period">Send an event with your API key or run a workflow: each day's figures appear here.</EmptyState>}
      >
        <Suspense fallback={<Skeleton className="h-56" />}>
          <UsageHistoryCharts history={{ items, kept_days: query.data?.kept_days ?? 0 }} />
        </Suspense>
        <details className="mt-4">
          <summary className="cursor-pointer text-sm font-medium">Show the figures as a table</summary>
          <Table caption="Usage per day">
            <THead>
              <Tr>
                <Th>Day</Th>
                <Th>Events</Th>
                <Th>Notifications</Th>
                <Th>Executions</Th>
                <Th>API calls</Th>
              </Tr>
            </THead>
            <TBody>
              {items.map((d) => (
                <Tr key={d.day}>
                  <Td>{d.day}</Td>
                  <Td>{d.events}</Td>
                  <Td>{d.notifications}</Td>
                  <Td>{d.executions}</Td>
                  <Td>{d.api_calls}</Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        </details>
      </AsyncContent>
    </section>
  );
}
