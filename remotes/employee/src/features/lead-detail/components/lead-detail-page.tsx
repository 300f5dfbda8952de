/** One lead: contact details, stage, owner (assign within your team), the raw payload and the timeline. */
import { Link, useParams } from "react-router-dom";
import { Card, PageHeader, Select, toast } from "@nhood/design-system";
import { AsyncContent, ProblemMessage, describeError, formatDateTime, useMarkPortalReady, usePortalPath } from "@nhood/web-kit";
import { useWorkspace } from "../../../lib/workspace";
import { useStages } from "../../../lib/stages";
import { useAssignees, useLead, useLeadActions } from "../api/use-lead";
import { Timeline } from "./timeline";
import { ActivityForm } from "./activity-form";

/** Assignable people, plus the current owner when they are outside the caller's team. */
function ownerOptions(people: { id: string; name: string; role: string }[], ownerId: string | null | undefined, ownerName: string | undefined) {
  const opts = people.map((p) => ({ value: p.id, label: `${p.name} (${p.role.replace("_", " ")})` }));
  return ownerId && !people.some((p) => p.id === ownerId) ? [{ value: ownerId, label: ownerName ?? "Current owner" }, ...opts] : opts;
}

export function LeadDetailPage() {
  const { leadId = "" } = useParams();
  const { ws, isAdmin } = useWorkspace();
  const lead = useLead(ws, leadId);
  const stages = useStages(ws);
  const assignees = useAssignees(ws, isAdmin);
  const actions = useLeadActions(ws, leadId);
  const back = usePortalPath("pipeline");
  useMarkPortalReady(lead.status !== "pending");
  const l = lead.data;
  const fail = (title: string) => (e: unknown) => toast(title, { tone: "danger", description: describeError(e).detail });
  return (
    <>
      <Link to={back} className="mb-2 inline-block text-sm text-brand-text hover:underline">
        ← Pipeline
      </Link>
      <PageHeader
        title={l?.name ?? l?.email ?? "Lead"}
        description={l ? `${l.source.replace(/[_-]+/g, " ")} · arrived ${formatDateTime(l.created_at)}` : undefined}
      />
      <AsyncContent
        status={lead.status}
        error={lead.error}
        onRetry={() => void lead.refetch()}
        errorTitle="Couldn't load the lead"
        isEmpty={false}
        empty={null}
        loadingLabel="Loading the lead…"
      >
        {l && (
          <div className="grid gap-4 lg:grid-cols-[1fr_2fr]">
            <div className="flex flex-col gap-4">
              <Card title="Contact">
                <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
                  <dt className="text-fg-muted">Email</dt>
                  <dd>{l.email ?? "—"}</dd>
                  <dt className="text-fg-muted">Phone</dt>
                  <dd>{l.phone ?? "—"}</dd>
                  <dt className="text-fg-muted">CRM client</dt>
                  <dd>{l.crm_client_id ?? "—"}</dd>
                  <dt className="text-fg-muted">Product</dt>
                  <dd>{l.product?.name ?? "—"}</dd>
                  <dt className="text-fg-muted">Reference</dt>
                  <dd className="break-all">{l.lead_reference_id ?? "—"}</dd>
                </dl>
              </Card>
              <Card title="Stage and owner">
                <Select
                  label="Stage"
                  id="lead-stage"
                  value={l.stage}
                  disabled={actions.stage.isPending}
                  onChange={(e) => actions.stage.mutate(e.target.value, { onError: fail("Couldn't change the stage") })}
                  options={(stages.data?.items ?? [{ key: l.stage, label: l.stage, closed: false }]).map((s) => ({ value: s.key, label: s.label }))}
                />
                <div className="mt-3">
                  <Select
                    label="Owner"
                    id="lead-owner"
                    value={l.owner_membership_id ?? ""}
                    disabled={actions.assign.isPending || !assignees.data}
                    onChange={(e) => {
                      if (e.target.value)
                        actions.assign.mutate(e.target.value, {
                          onSuccess: () => toast("Lead assigned", { tone: "success" }),
                          onError: fail("Couldn't assign the lead"),
                        });
                    }}
                    options={[{ value: "", label: "Unassigned" }, ...ownerOptions(assignees.data ?? [], l.owner_membership_id, l.owner?.name)]}
                  />
                </div>
                {assignees.error && <ProblemMessage error={assignees.error} title="Couldn't load your team" />}
              </Card>
              <Card title="Everything the source sent">
                <pre className="max-h-64 overflow-auto rounded bg-surface-muted p-2 text-xs">{JSON.stringify(l.raw_payload, null, 2)}</pre>
              </Card>
            </div>
            <Card title="Timeline">
              <ActivityForm mutation={actions.activity} />
              <div className="mt-4">
                <Timeline items={l.activities} />
              </div>
            </Card>
          </div>
        )}
      </AsyncContent>
    </>
  );
}
