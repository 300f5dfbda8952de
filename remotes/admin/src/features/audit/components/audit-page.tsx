/** The audit explorer across workspaces: filter, page through and export (CSV or JSON) who did what, when. */
import { EmptyState, PageHeader } from "@nhood/design-system";
import { api, AsyncContent, LoadMore, useMarkPortalReady } from "@nhood/web-kit";
import { useState } from "react";
import { useSearchParams } from "react-router-dom";
import { useAudit, type AuditFilter } from "../api/use-audit";
import { AuditFilters } from "./audit-filters";
import { AuditTable } from "./audit-table";

const linkClass =
  "inline-flex h-10 items-center rounded-md border border-line-strong bg-surface px-4 text-sm font-medium text-fg shadow-sm hover:bg-surface-muted";

export function AuditPage() {
  // `?workspace_id=` (from a workspace's detail page) pre-fills the filter
  const [params] = useSearchParams();
  const [filter, setFilter] = useState<AuditFilter>(() => ({ workspace_id: params.get("workspace_id") ?? undefined }));
  const query = useAudit(filter);
  useMarkPortalReady(query.status !== "pending");
  const entries = query.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = Object.values(filter).some(Boolean);
  // applying the same filters again fetches the newest entries
  const apply = (next: AuditFilter) => (JSON.stringify(next) === JSON.stringify(filter) ? void query.refetch() : setFilter(next));
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every recorded action across workspaces, newest first (times in your time zone)."
        actions={
          <>
            <a className={linkClass} href={api.admin.auditExportUrl(filter, "csv")} download>
              Export CSV
            </a>
            <a className={linkClass} href={api.admin.auditExportUrl(filter, "json")} download>
              Export JSON
            </a>
          </>
        }
      />
      <AuditFilters initial={filter} onApply={apply} />
      <AsyncContent
        status={query.status}
        error={query.error}
        onRetry={() => void query.refetch()}
        errorTitle="Couldn't load the audit log"
        loadingLabel="Loading the audit log…"
        isEmpty={entries.length === 0}
        empty={
          <EmptyState title={filtered ? "Nothing matches these filters" : "No audit entries yet"}>
            {filtered
              ? 'Widen the time range or clear a filter. An action ending in "." matches every action with that prefix.'
              : "Entries appear as soon as people sign in and change things."}
          </EmptyState>
        }
      >
        <AuditTable entries={entries} />
        <LoadMore hasMore={query.hasNextPage} loading={query.isFetchingNextPage} onLoadMore={() => void query.fetchNextPage()} />
      </AsyncContent>
    </>
  );
}
