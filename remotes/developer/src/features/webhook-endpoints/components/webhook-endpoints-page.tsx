/** Outgoing webhook endpoints: add (secret shown once), filters, enable/disable, rotate the secret, delivery log, redeliver. */
import { Badge, Button, Dialog, EmptyState, PageHeader, Table, TBody, Td, Th, THead, Tr, toast } from "@nhood/design-system";
import { AsyncContent, formatDateTime, ProblemMessage, useActiveWorkspaceId, useMarkPortalReady, type WebhookEndpoint } from "@nhood/web-kit";
import { useState } from "react";
import {
  useCreateWebhookEndpoint,
  useDeleteWebhookEndpoint,
  useRotateWebhookSecret,
  useUpdateWebhookEndpoint,
  useWebhookEndpoints,
  useWebhookEventTypes,
} from "../api/use-webhook-endpoints";
import { CreateEndpointDialog } from "./create-endpoint-dialog";
import { DeliveriesDialog } from "./deliveries-dialog";
import { SecretOnce } from "./secret-once";

export function WebhookEndpointsPage() {
  const ws = useActiveWorkspaceId() ?? "";
  const query = useWebhookEndpoints(ws);
  const types = useWebhookEventTypes();
  const create = useCreateWebhookEndpoint(ws);
  const rotate = useRotateWebhookSecret(ws);
  const update = useUpdateWebhookEndpoint(ws);
  const remove = useDeleteWebhookEndpoint(ws);
  const [creating, setCreating] = useState(false);
  const [rotated, setRotated] = useState<string | null>(null);
  const [log, setLog] = useState<WebhookEndpoint | null>(null);
  useMarkPortalReady(query.status !== "pending");
  const addButton = <Button onClick={() => setCreating(true)}>Add endpoint</Button>;
  const items = query.data?.items ?? [];
  const failure = rotate.error ?? update.error ?? remove.error;
  return (
    <>
      <PageHeader
        title="Webhooks"
        description="Signed HTTP callbacks (Standard Webhooks v1) for notification, quota, execution and lead events."
        actions={addButton}
      />
      {failure && (
        <div className="mb-4">
          <ProblemMessage title="That didn't work" error={failure} />
        </div>
      )}
      <AsyncContent
        status={query.status}
        error={query.error}
        onRetry={() => void query.refetch()}
        errorTitle="Couldn't load webhook endpoints"
        loadingLabel="Loading endpoints…"
        isEmpty={items.length === 0}
        empty={
          <EmptyState title="No webhook endpoints yet" action={addButton}>
            Add your server's URL to receive events as they happen, signed so you can verify them.
          </EmptyState>
        }
      >
        <Table caption="Webhook endpoints">
          <THead>
            <Tr>
              <Th>URL</Th>
              <Th>Events</Th>
              <Th>Status</Th>
              <Th>Created</Th>
              <Th>
                <span className="sr-only">Actions</span>
              </Th>
            </Tr>
          </THead>
          <TBody>
            {items.map((e) => (
              <Tr key={e.id}>
                <Td>
                  <code className="text-xs">{e.url}</code>
                  {e.description && <p className="text-xs text-fg-muted">{e.description}</p>}
                </Td>
                <Td className="text-xs">{e.event_types.length ? e.event_types.join(", ") : "all events"}</Td>
                <Td>
                  <Badge tone={e.status === "active" ? "success" : "danger"}>{e.status}</Badge>
                  {e.disabled_reason && <p className="text-xs text-danger">{e.disabled_reason}</p>}
                  {e.previous_secret_expires_at && (
                    <p className="text-xs text-fg-muted">old secret valid until {formatDateTime(e.previous_secret_expires_at)}</p>
                  )}
                </Td>
                <Td className="whitespace-nowrap text-xs">{formatDateTime(e.created_at)}</Td>
                <Td className="whitespace-nowrap text-right">
                  <Button size="sm" variant="ghost" onClick={() => setLog(e)} aria-label={`Deliveries of ${e.url}`}>
                    Deliveries
                  </Button>
                  <Button
                    size="sm"
                    variant="ghost"
                    onClick={() => rotate.mutate(e.id, { onSuccess: (r) => setRotated(r.secret) })}
                    aria-label={`Rotate secret of ${e.url}`}
                  >
                    Rotate secret
                  </Button>
                  <Button size="sm" variant="ghost" onClick={() => update.mutate({ id: e.id, status: e.status === "active" ? "disabled" : "active" })}>
                    {e.status === "active" ? "Disable" : "Enable"}
                  </Button>
                  <Button
                    size="sm"
                    variant="danger-subtle"
                    onClick={() => remove.mutate(e.id, { onSuccess: () => toast("Endpoint deleted", { tone: "success" }) })}
                    aria-label={`Delete ${e.url}`}
                  >
                    Delete
                  </Button>
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      </AsyncContent>
      <CreateEndpointDialog open={creating} eventTypes={types.data?.items ?? []} onClose={() => setCreating(false)} onCreate={create.mutateAsync} />
      <Dialog
        open={rotated !== null}
        onClose={() => setRotated(null)}
        title="New signing secret"
        description="Deliveries carry signatures with both the new and the old secret for 24 hours."
        footer={<Button onClick={() => setRotated(null)}>Done</Button>}
      >
        {rotated && <SecretOnce label="New signing secret" secret={rotated} />}
      </Dialog>
      <DeliveriesDialog endpoint={log} onClose={() => setLog(null)} />
    </>
  );
}
