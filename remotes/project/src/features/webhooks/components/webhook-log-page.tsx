/** The webhook log: the workspace's endpoints and, for the chosen one, every delivery and attempt. */
import { Badge, EmptyState, PageHeader, Select } from "@nhood/design-system";
import { AsyncContent, useActiveWorkspaceId, useMarkPortalReady } from "@nhood/web-kit";
import { useState } from "react";
import { useWebhookEndpoints } from "../api/use-webhook-log";
import { DeliveryLog } from "./delivery-log";

export function WebhookLogPage() {
  const ws = useActiveWorkspaceId() ?? "";
  const endpoints = useWebhookEndpoints(ws);
  const [chosen, setChosen] = useState<string | null>(null);
  useMarkPortalReady(endpoints.status !== "pending");
  const items = endpoints.data?.items ?? [];
  const current = items.find((e) => e.id === chosen) ?? items[0];
  return (
    <>
      <PageHeader
        title="Webhook log"
        description="Signed deliveries (Standard Webhooks) to your endpoints, with every attempt. Endpoints are managed in the developer portal."
      />
      <AsyncContent
        status={endpoints.status}
        error={endpoints.error}
        onRetry={() => void endpoints.refetch()}
        errorTitle="Couldn't load webhook endpoints"
        loadingLabel="Loading endpoints…"
        isEmpty={items.length === 0}
        empty={<EmptyState title="No webhook endpoints">Add an endpoint in the developer portal under Webhooks to receive events at your server.</EmptyState>}
      >
        {current && (
          <>
            <div className="mb-4 flex items-end gap-3">
              <Select
                label="Endpoint"
                value={current.id}
                onChange={(e) => setChosen(e.target.value)}
                options={items.map((e) => ({ value: e.id, label: e.url }))}
              />
              <Badge tone={current.status === "active" ? "success" : "danger"}>{current.status}</Badge>
              {current.disabled_reason && <span className="text-sm text-danger">{current.disabled_reason}</span>}
            </div>
            <DeliveryLog ws={ws} endpointId={current.id} />
          </>
        )}
      </AsyncContent>
    </>
  );
}
