import { Badge, Button, EmptyState, Table, TBody, Td, Th, THead, Tr, toast } from "@nhood/design-system";
import { AsyncContent, formatDateTime } from "@nhood/web-kit";
import { useRedeliver, useWebhookDeliveries } from "../api/use-webhook-log";

const tone = { pending: "warning", succeeded: "success", failed: "danger" } as const;

/** One endpoint's delivery log: each message with its attempts (status, latency, response excerpt) and a Redeliver button. */
export function DeliveryLog({ ws, endpointId }: { ws: string; endpointId: string }) {
  const query = useWebhookDeliveries(ws, endpointId);
  const redeliver = useRedeliver(ws);
  const items = query.data?.items ?? [];
  return (
    <AsyncContent
      status={query.status}
      error={query.error}
      onRetry={() => void query.refetch()}
      errorTitle="Couldn't load deliveries"
      loadingLabel="Loading deliveries…"
      isEmpty={items.length === 0}
      empty={<EmptyState title="No deliveries yet">Deliveries appear when a subscribed event happens.</EmptyState>}
    >
      <Table caption="Deliveries">
        <THead>
          <Tr>
            <Th>Event</Th>
            <Th>Status</Th>
            <Th>Attempts</Th>
            <Th>Created</Th>
            <Th>
              <span className="sr-only">Actions</span>
            </Th>
          </Tr>
        </THead>
        <TBody>
          {items.map((d) => (
            <Tr key={d.id}>
              <Td>
                <code className="text-xs">{d.event_type}</code>
              </Td>
              <Td>
                <Badge tone={tone[d.status]}>{d.status}</Badge>
                {d.next_attempt_at && d.status === "pending" && <span className="ml-2 text-xs text-fg-muted">next {formatDateTime(d.next_attempt_at)}</span>}
              </Td>
              <Td>
                <ol className="text-xs">
                  {d.attempts.map((a) => (
                    <li key={a.attempt}>
                      #{a.attempt}: {a.response_status ?? "no answer"} · {a.latency_ms} ms
                      {a.error ? ` · ${a.error}` : a.response_excerpt ? ` · ${a.response_excerpt.slice(0, 80)}` : ""}
                    </li>
                  ))}
                </ol>
              </Td>
              <Td className="whitespace-nowrap text-xs">{formatDateTime(d.created_at)}</Td>
              <Td>
                <Button
                  size="sm"
                  variant="ghost"
                  loading={redeliver.isPending && redeliver.variables === d.id}
                  onClick={() => redeliver.mutate(d.id, { onSuccess: () => toast("Redelivery queued", { tone: "success" }) })}
                >
                  Redeliver
                </Button>
              </Td>
            </Tr>
          ))}
        </TBody>
      </Table>
    </AsyncContent>
  );
}
