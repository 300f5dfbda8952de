/** "Automations run for you": the end user's own executions with a status per step (read-only). */
import { Badge, Card, type BadgeTone } from "@nhood/design-system";
import { AsyncContent, formatDateTime } from "@nhood/web-kit";
import { useMyExecutions } from "../api/use-my-executions";

const tone: Record<string, BadgeTone> = { succeeded: "success", failed: "danger", running: "info", queued: "neutral", cancelled: "neutral" };

export function AutomationsSection({ company }: { company: string }) {
  const q = useMyExecutions();
  const items = q.data?.items ?? [];
  return (
    <Card title="Automations run for you" description={`What ${company} ran with the apps you connected.`}>
      <AsyncContent
        status={q.status}
        error={q.error}
        onRetry={() => void q.refetch()}
        errorTitle="Couldn't load your automations"
        loadingLabel="Loading automations…"
        isEmpty={items.length === 0}
        empty={<p className="text-sm text-fg-muted">Nothing has run for you yet. Automations appear here when {company} runs one with your connected apps.</p>}
      >
        <ul className="flex flex-col divide-y divide-line">
          {items.map((e) => (
            <li key={e.id} className="py-2">
              <div className="flex items-center justify-between gap-2 text-sm">
                <span className="font-medium">{e.workflow_name}</span>
                <Badge tone={tone[e.status] ?? "neutral"}>{e.status}</Badge>
              </div>
              <p className="text-xs text-fg-muted">
                {formatDateTime(e.created_at)} · {e.steps.filter((s) => s.status === "succeeded").length} of {e.steps.length} steps done
              </p>
            </li>
          ))}
        </ul>
      </AsyncContent>
    </Card>
  );
}
