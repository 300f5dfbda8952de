/** Leads of the person and their team: filters, search, sort, keyset pages and CSV export. */
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { EmptyState, PageHeader } from "@nhood/design-system";
import { AsyncContent, LoadMore, api, useDebouncedValue, useMarkPortalReady } from "@nhood/web-kit";
import { useWorkspace } from "../../../lib/workspace";
import { useStages } from "../../../lib/stages";
import { useLeads, type LeadFilters } from "../api/use-leads";
import { LeadsTable } from "./leads-table";
import { LeadFiltersBar } from "./lead-filters";

export function LeadsPage() {
  const { ws } = useWorkspace();
  const [filters, setFilters] = useState<LeadFilters>({ sort: "newest" });
  const [search, setSearch] = useState("");
  const q = useDebouncedValue(search.trim(), 300);
  const active = { ...filters, q: q || undefined };
  const query = useLeads(ws, active);
  const stages = useStages(ws);
  const clients = useQuery({ queryKey: ["employee", ws, "crm-clients"], queryFn: () => api.crm.clients(ws) });
  useMarkPortalReady(query.status !== "pending");
  const leads = query.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = Boolean(active.q || active.stage || active.client_id);
  return (
    <>
      <PageHeader
        title="Leads"
        description="Potential customers assigned to you and your team."
        actions={
          <a className="text-sm text-brand-text hover:underline" href={api.crm.exportUrl(ws, active)} download="leads.csv">
            Export CSV
          </a>
        }
      />
      <LeadFiltersBar
        value={filters}
        onChange={setFilters}
        stages={stages.data?.items ?? []}
        clients={clients.data?.items ?? []}
        search={search}
        onSearch={setSearch}
      />
      <AsyncContent
        status={query.status}
        error={query.error}
        onRetry={() => void query.refetch()}
        errorTitle="Couldn't load leads"
        loadingLabel="Loading leads…"
        isEmpty={leads.length === 0}
        empty={
          <EmptyState title={filtered ? "No leads match" : "No leads yet"}>
            {filtered
              ? "Clear the search or pick another stage or client."
              : "Leads arrive from your workspace's lead sources, such as website forms or Meta lead ads, and are listed here once they're assigned to you or someone who reports to you."}
          </EmptyState>
        }
      >
        <LeadsTable leads={leads} />
        <LoadMore hasMore={query.hasNextPage} loading={query.isFetchingNextPage} onLoadMore={() => void query.fetchNextPage()} />
      </AsyncContent>
    </>
  );
}
