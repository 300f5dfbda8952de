import { api } from "@nhood/web-kit";
import { invitationListSchema, invitationSchema } from "@nhood/contracts/onboarding";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

const path = (ws: string) => `/api/v1/workspaces/${encodeURIComponent(ws)}/invitations`;

/** The workspace's invitations (`GET …/invitations`, owners and admins), newest first. */
export function useInvitations(ws: string) {
  return useQuery({ queryKey: ["project", ws, "invitations"], queryFn: () => api.request("GET", path(ws), invitationListSchema), retry: false });
}

/** Revokes a pending invitation (`DELETE …/invitations/{id}`): its link stops working at once. */
export function useRevokeInvitation(ws: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.request("DELETE", `${path(ws)}/${encodeURIComponent(id)}`, invitationSchema),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["project", ws, "invitations"] }),
  });
}
