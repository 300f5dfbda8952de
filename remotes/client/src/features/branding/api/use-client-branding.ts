import { api } from "@nhood/web-kit";
import { useQuery } from "@tanstack/react-query";

/** Branding of the workspace whose end user is signed in (`GET /api/v1/client/branding`). */
export function useClientBranding() {
  return useQuery({ queryKey: ["client", "branding"], queryFn: () => api.client.branding(), staleTime: 5 * 60_000 });
}
