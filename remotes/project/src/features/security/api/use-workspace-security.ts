/**
 * The workspace's sign-in policy (decision 035): MFA enforcement, who has a second factor and the
 * owner's reset of a member's factors, and the OpenID Connect single sign-on with its DNS proof.
 */
import type { UpdateSsoSettings } from "@nhood/contracts";
import { api } from "@nhood/web-kit";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

const keys = {
  policy: (ws: string) => ["project", ws, "security"] as const,
  members: (ws: string) => ["project", ws, "security", "members"] as const,
  sso: (ws: string) => ["project", ws, "sso"] as const,
};

export function useMfaPolicy(ws: string) {
  return useQuery({ queryKey: keys.policy(ws), queryFn: () => api.workspaceSecurity.get(ws), enabled: ws !== "" });
}

export function useSetMfaRequired(ws: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (required: boolean) => api.workspaceSecurity.setMfaRequired(ws, required),
    onSuccess: (policy) => qc.setQueryData(keys.policy(ws), policy),
  });
}

/** Every member with the kinds of factor they have (`factors: []`: none). */
export function useMemberMfa(ws: string) {
  return useQuery({ queryKey: keys.members(ws), queryFn: () => api.workspaceSecurity.members(ws), enabled: ws !== "" });
}

export function useResetMemberMfa(ws: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (membershipId: string) => api.workspaceSecurity.resetMemberMfa(ws, membershipId),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.members(ws) }),
  });
}

export function useSsoSettings(ws: string) {
  return useQuery({ queryKey: keys.sso(ws), queryFn: () => api.workspaceSecurity.sso(ws), enabled: ws !== "" });
}

export function useUpdateSso(ws: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (b: UpdateSsoSettings) => api.workspaceSecurity.updateSso(ws, b),
    onSuccess: (s) => qc.setQueryData(keys.sso(ws), s),
  });
}

/** Looks up the TXT record now; answers the settings (with `domain_verified`). */
export function useVerifySsoDomain(ws: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.workspaceSecurity.verifySsoDomain(ws),
    onSuccess: (s) => qc.setQueryData(keys.sso(ws), s),
  });
}
