/** The workspace's purposes with the end user's consent, the consent history, and grant/revoke. */
import { api } from "@nhood/web-kit";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

export function usePurposes() {
  return useQuery({ queryKey: ["client", "purposes"], queryFn: () => api.integrations.client.purposes() });
}

export function useConsentHistory() {
  return useQuery({ queryKey: ["client", "consent-history"], queryFn: () => api.integrations.client.consentHistory() });
}

export function useSetConsent() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ purpose, granted }: { purpose: string; granted: boolean }) => api.integrations.client.setConsent(purpose, granted),
    onSuccess: () =>
      Promise.all([qc.invalidateQueries({ queryKey: ["client", "purposes"] }), qc.invalidateQueries({ queryKey: ["client", "consent-history"] })]),
  });
}
