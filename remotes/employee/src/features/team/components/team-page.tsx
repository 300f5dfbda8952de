/** The employee portal's first screen: the person's manager and reporting tree. */
import { Card, PageHeader } from "@nhood/design-system";
import { AsyncContent, useActiveWorkspaceId, useMarkPortalReady } from "@nhood/web-kit";
import { useOpenLeads, useTeam } from "../api/use-team";
import { TeamTree } from "./team-tree";

export function TeamPage() {
  const ws = useActiveWorkspaceId() ?? "";
  const query = useTeam(ws);
  const open = useOpenLeads(ws);
  useMarkPortalReady(query.status !== "pending");
  return (
    <>
      <PageHeader
        title="My team"
        description="Who you report to and who reports to you. Leads can be assigned within this team; each person shows their open leads."
      />
      <AsyncContent
        status={query.status}
        error={query.error}
        onRetry={() => void query.refetch()}
        errorTitle="Couldn't load your team"
        loadingLabel="Loading your team…"
        isEmpty={false}
        empty={null}
      >
        {query.data && (
          <Card>
            <TeamTree team={query.data} open={open.data} />
          </Card>
        )}
      </AsyncContent>
    </>
  );
}
