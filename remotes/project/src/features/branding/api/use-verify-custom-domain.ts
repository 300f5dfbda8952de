import { api } from "@nhood/web-kit";
import { useMutation, useQueryClient } from "@tanstack/react-query";

/**
 * Asks the suite to check the custom domain's DNS TXT record or HTTP token now
 * (`POST …/branding/custom-domain/verify`); on success the branding shows it verified.
 */
export function useVerifyCustomDomain(ws: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.workspaces.verifyCustomDomain(ws),
    onSuccess: (saved) => client.setQueryData(["project", ws, "branding"], saved),
  });
}
