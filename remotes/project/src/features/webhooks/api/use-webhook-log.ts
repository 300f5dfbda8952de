import { api } from "@nhood/web-kit";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

export function useWebhookEndpoints(ws: string) {
  return useQuery({ queryKey: ["project", ws, "webhook-endpoints"], queryFn: () => api.notify.webhooks.list() });
}

/** An endpoint's deliveries with every attempt (`GET /webhook-endpoints/{id}/deliveries`). */
export function useWebhookDeliveries(ws: string, endpointId: string | null) {
  return useQuery({
    queryKey: ["project", ws, "webhook-deliveries", endpointId],
    queryFn: () => api.notify.webhooks.deliveries(endpointId!),
    enabled: !!endpointId,
    refetchInterval: 15_000,
  });
}

export function useRedeliver(ws: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (deliveryId: string) => api.notify.webhooks.redeliver(deliveryId),
    onSuccess: () => client.invalidateQueries({ queryKey: ["project", ws, "webhook-deliveries"] }),
  });
}
