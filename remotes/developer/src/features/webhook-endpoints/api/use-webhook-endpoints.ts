import { api } from "@nhood/web-kit";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

const key = (ws: string) => ["developer", ws, "webhook-endpoints"];

/** The active workspace's outgoing webhook endpoints (`GET /webhook-endpoints`). */
export function useWebhookEndpoints(ws: string) {
  return useQuery({ queryKey: key(ws), queryFn: () => api.notify.webhooks.list() });
}

export function useWebhookEventTypes() {
  return useQuery({ queryKey: ["webhook-event-types"], queryFn: () => api.notify.webhooks.eventTypes(), staleTime: Infinity });
}

/** Creates an endpoint; the answer carries its `whsec_` secret, shown once. */
export function useCreateWebhookEndpoint(ws: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (b: { url: string; description: string; event_types: string[] }) => api.notify.webhooks.create(b),
    onSuccess: () => client.invalidateQueries({ queryKey: key(ws) }),
  });
}

/** Rotates the secret: the old one keeps signing (second signature) for 24 hours. */
export function useRotateWebhookSecret(ws: string) {
  const client = useQueryClient();
  return useMutation({ mutationFn: (id: string) => api.notify.webhooks.rotate(id), onSuccess: () => client.invalidateQueries({ queryKey: key(ws) }) });
}

export function useUpdateWebhookEndpoint(ws: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, status }: { id: string; status: "active" | "disabled" }) => api.notify.webhooks.update(id, { status }),
    onSuccess: () => client.invalidateQueries({ queryKey: key(ws) }),
  });
}

export function useDeleteWebhookEndpoint(ws: string) {
  const client = useQueryClient();
  return useMutation({ mutationFn: (id: string) => api.notify.webhooks.remove(id), onSuccess: () => client.invalidateQueries({ queryKey: key(ws) }) });
}

export function useWebhookDeliveries(endpointId: string | null) {
  return useQuery({
    queryKey: ["developer", "webhook-deliveries", endpointId],
    queryFn: () => api.notify.webhooks.deliveries(endpointId!),
    enabled: !!endpointId,
    refetchInterval: 10_000,
  });
}

export function useRedeliverWebhook() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.notify.webhooks.redeliver(id),
    onSuccess: () => client.invalidateQueries({ queryKey: ["developer", "webhook-deliveries"] }),
  });
}
