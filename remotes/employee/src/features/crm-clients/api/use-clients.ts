import { api, type CreateCrmClientRequest } from "@nhood/web-kit";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

/** The workspace's CRM clients with their products (`GET …/crm-clients`). */
export function useClients(ws: string) {
  return useQuery({ queryKey: ["employee", ws, "crm-clients"], queryFn: () => api.crm.clients(ws) });
}

/** Create a CRM client, and attach or toggle a product on one. */
export function useClientActions(ws: string) {
  const qc = useQueryClient();
  const refresh = () => qc.invalidateQueries({ queryKey: ["employee", ws, "crm-clients"] });
  return {
    create: useMutation({ mutationFn: (b: CreateCrmClientRequest) => api.crm.createClient(ws, b), onSuccess: refresh }),
    setProduct: useMutation({
      mutationFn: (b: { clientId: string; productId: string; enabled: boolean }) => api.crm.setClientProduct(ws, b.clientId, b.productId, b.enabled),
      onSuccess: refresh,
    }),
  };
}
