/** One end user's connections, consents and consent history (`GET …/end-users/{id}/integrations`). */
import { api } from "@nhood/web-kit";
import { useQuery } from "@tanstack/react-query";

export function useEndUserIntegrations(ws: string, endUserId: string | null) {
  return useQuery({
    queryKey: ["developer", ws, "end-users", endUserId, "integrations"],
    queryFn: () => api.integrations.endUserIntegrations(ws, endUserId!),
    enabled: endUserId !== null,
  });
}
