import { api } from "@nhood/web-kit";
import { useQuery } from "@tanstack/react-query";

/** The end user's connections to providers (`GET /api/v1/client/connections`). */
export function useConnections() {
  return useQuery({ queryKey: ["client", "connections"], queryFn: () => api.client.connections() });
}
