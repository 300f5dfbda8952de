/** Usage and health across tenants, as charts over the last 7, 14 or 30 days. */
import { PageHeader, Select, SkeletonList } from "@nhood/design-system";
import { AsyncContent, useMarkPortalReady } from "@nhood/web-kit";
import { lazy, Suspense, useState } from "react";
import { useMetrics } from "../api/use-metrics";

// recharts is loaded on demand, in its own chunk
const MetricsCharts = lazy(() => import("./metrics-charts"));

export function MetricsPage() {
  const [days, setDays] = useState(14);
  const query = useMetrics(days);
  useMarkPortalReady(query.status !== "pending");
  const m = query.data;
  return (
    <>
      <PageHeader
        title="Metrics"
        description="Per UTC day, across every workspace."
        actions={
          <div className="w-40">
            <Select
              label="Period"
              value={String(days)}
              onChange={(e) => setDays(Number(e.target.value))}
              options={[7, 14, 30, 90].map((d) => ({ value: String(d), label: `Last ${d} days` }))}
            />
          </div>
        }
      />
      <AsyncContent
        status={query.status}
        error={query.error}
        onRetry={() => void query.refetch()}
        errorTitle="Couldn't load metrics"
        loadingLabel="Loading metrics…"
        isEmpty={false}
        empty={null}
      >
        {m && (
          <div className="flex flex-col gap-6">
            <dl className="grid gap-4 sm:grid-cols-3">
              {(
                [
                  ["Workspaces", m.workspaces.total],
                  ["Active", m.workspaces.active],
                  ["Suspended or deleted", m.workspaces.suspended],
                ] as const
              ).map(([label, value]) => (
                <div key={label} className="rounded-lg border border-line bg-surface p-5 shadow-sm">
                  <dt className="text-sm text-fg-muted">{label}</dt>
                  <dd className="mt-1 text-2xl font-semibold tabular-nums">{value}</dd>
                </div>
              ))}
            </dl>
            <Suspense fallback={<SkeletonList label="Loading charts…" />}>
              <MetricsCharts metrics={m} />
            </Suspense>
          </div>
        )}
      </AsyncContent>
    </>
  );
}
