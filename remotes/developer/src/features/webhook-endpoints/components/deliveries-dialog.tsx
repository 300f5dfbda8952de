import { Badge, Button, Dialog } from "@nhood/design-system";
import { AsyncContent, formatDateTime, type WebhookEndpoint } from "@nhood/web-kit";
import { useRedeliverWebhook, useWebhookDeliveries } from "../api/use-webhook-endpoints";

const tone = { pending: "warning", succeeded: "success", failed: "danger" } as const;

/** An endpoint's delivery log: each message, its attempts (status, latency, response excerpt), Redeliver. */
export function DeliveriesDialog({ endpoint, onClose }: { endpoint: WebhookEndpoint | null; onClose: () => void }) {
  const query = useWebhookDeliveries(endpoint?.id ?? null);
  const redeliver = useRedeliverWebhook();
  const items = query.data?.items ?? [];
  return (
    <Dialog
      open={endpoint !== null}
      onClose={onClose}
      title="Delivery log"
      description={endpoint?.url}
      footer={
        <Button variant="secondary" onClick={onClose}>
          Close
        </Button>
      }
    >
      <div className="max-h-[60vh] overflow-y-auto">
        <AsyncContent
          status={query.status}
          error={query.error}
          onRetry={() => void query.refetch()}
          errorTitle="Couldn't load deliveries"
          isEmpty={items.length === 0}
          empty={<p className="text-sm text-fg-muted">No deliveries yet: they appear when a subscribed event happens.</p>}
        >
          <ul className="divide-y divide-line">
            {items.map((d) => (
              <li key={d.id} className="py-2 text-sm">
                <div className="flex items-center gap-2">
                  <code className="text-xs">{d.event_type}</code>
                  <Badge tone={tone[d.status]}>{d.status}</Badge>
                  <span className="text-xs text-fg-muted">{formatDateTime(d.created_at)}</span>
                  <Button
                    size="sm"
                    variant="ghost"
                    className="ml-auto"
                    loading={redeliver.isPending && redeliver.variables === d.id}
                    onClick={() => redeliver.mutate(d.id)}
                  >
                    Redeliver
                  </Button>
                </div>
                <ol className="mt-1 text-xs text-fg-muted">
                  {d.attempts.map((a) => (
                    <li key={a.attempt}>
                      #{a.attempt} {a.response_status ?? "no answer"} in {a.latency_ms} ms {a.error ?? a.response_excerpt?.slice(0, 100) ?? ""}
                    </li>
                  ))}
                </ol>
              </li>
            ))}
          </ul>
        </AsyncContent>
      </div>
    </Dialog>
  );
}
