/**
 * The workspace's own audit log (issue 16 part 3), for owners and admins: who did what and when
 * in this workspace — sign-ins, API keys, rules, workflows, members, branding, plan — filtered,
 * paged (Load more) and exported as CSV with the same filters.
 */
import { Badge, EmptyState, PageHeader, Table, TBody, Td, Th, THead, Tr } from "@nhood/design-system";
import { AsyncContent, formatDateTime, LoadMore, useActiveWorkspaceId, useMarkPortalReady } from "@nhood/web-kit";
import { useState } from "react";
import { auditExportUrl, useWorkspaceAudit, type WorkspaceAuditFilter } from "../api/use-workspace-audit";
import { AuditFilters } from "./audit-filters";

const linkClass =
  "inline-flex h-10 items-center rounded-md border border-line-strong bg-surface px-4 text-sm font-medium text-fg shadow-sm hover:bg-surface-muted";

export function AuditLogPage() {
  const ws = useActiveWorkspaceId() ?? "";
  const [filter, setFilter] = useState<WorkspaceAuditFilter>({});
  const query = useWorkspaceAudit(ws, filter);
  useMarkPortalReady(query.status !== "pending");
  const entries = query.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = Object.values(filter).some(Boolean);
  // applying the same filters again fetches the newest entries
  const apply = (next: WorkspaceAuditFilter) => (JSON.stringify(next) === JSON.stringify(filter) ? void query.refetch() : setFilter(next));
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Who did what in this workspace, newest first (times in your time zone)."
        actions={
          <a className={linkClass} href={auditExportUrl(ws, filter)} download>
            Export CSV
          </a>
        }
      />
      <AuditFilters onApply={apply} />
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
        <Table caption="Audit entries">
          <THead>
            <Tr>
              <Th>When</Th>
              <Th>Action</Th>
              <Th>Who</Th>
              <Th>Target</Th>
              <Th>From</Th>
            </Tr>
          </THead>
          <TBody>
            {entries.map((e) => (
              <Tr key={e.id}>
                <Td className="whitespace-nowrap text-xs">{formatDateTime(e.occurred_at)}</Td>
                <Td>
                  <code className="text-xs">{e.action}</code>
                </Td>
                <Td className="text-xs">
                  <Badge tone="neutral">{e.actor_kind}</Badge> {e.actor_name ?? e.actor_id ?? "—"}
                </Td>
                <Td className="text-xs">
                  <code>{e.subject_id ?? "—"}</code>
                </Td>
                <Td className="text-xs">{e.ip ?? "—"}</Td>
              </Tr>
            ))}
          </TBody>
        </Table>
        <LoadMore hasMore={query.hasNextPage} loading={query.isFetchingNextPage} onLoadMore={() => void query.fetchNextPage()} />
      </AsyncContent>
    </>
  );
}
