/** Lead sources (admins): website form keys per CRM client and Meta lead-ads settings. */
import { useQuery } from "@tanstack/react-query";
import { PageHeader } from "@nhood/design-system";
import { api, useMarkPortalReady } from "@nhood/web-kit";
import { useWorkspace } from "../../../lib/workspace";
import { useMeta, useSources } from "../api/use-sources";
import { SourcesCard } from "./sources-card";
import { MetaCard } from "./meta-card";

export function LeadSourcesPage() {
  const { ws } = useWorkspace();
  const sources = useSources(ws);
  const meta = useMeta(ws);
  const clients = useQuery({ queryKey: ["employee", ws, "crm-clients"], queryFn: () => api.crm.clients(ws) });
  useMarkPortalReady(sources.list.status !== "pending");
  const list = clients.data?.items ?? [];
  return (
    <>
      <PageHeader
        title="Lead sources"
        description="Where leads come from: website forms and Meta lead ads. New leads start workflows through the lead.created event."
      />
      <div className="flex flex-col gap-4">
        <SourcesCard sources={sources} clients={list} />
        <MetaCard meta={meta} clients={list} />
      </div>
    </>
  );
}
