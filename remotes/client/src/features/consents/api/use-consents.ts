import { api } from "@nhood/web-kit";
import { useQuery } from "@tanstack/react-query";

/** The end user's consent per purpose (`GET /api/v1/client/consents`). */
export function useConsents() {
  return useQuery({ queryKey: ["client", "consents"], queryFn: () => api.client.consents() });
}
