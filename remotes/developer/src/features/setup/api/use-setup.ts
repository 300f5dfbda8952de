/**
 * The setup wizard's data (issue 16 part 1): its progress kept on the workspace
 * (`GET/PUT …/setup`), the workflow templates, a draft workflow from one, and invitations.
 */
import { api } from "@nhood/web-kit";
import {
  createdFromTemplateSchema,
  createdInvitationSchema,
  setupProgressSchema,
  workflowTemplateListSchema,
  type CreateInvitationRequest,
  type UpdateSetupProgressRequest,
} from "@nhood/contracts/onboarding";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

const ws = (id: string) => `/api/v1/workspaces/${encodeURIComponent(id)}`;

export function useSetupProgress(workspaceId: string) {
  return useQuery({ queryKey: ["developer", workspaceId, "setup"], queryFn: () => api.request("GET", `${ws(workspaceId)}/setup`, setupProgressSchema) });
}

export function useAdvanceSetup(workspaceId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (b: UpdateSetupProgressRequest) => api.request("PUT", `${ws(workspaceId)}/setup`, setupProgressSchema, b),
    onSuccess: (progress) => qc.setQueryData(["developer", workspaceId, "setup"], progress),
  });
}

export function useWorkflowTemplates() {
  return useQuery({
    queryKey: ["workflow-templates"],
    queryFn: () => api.request("GET", "/api/v1/workflow-templates", workflowTemplateListSchema),
    staleTime: Infinity,
  });
}

export function useCreateFromTemplate(workspaceId: string) {
  return useMutation({
    mutationFn: (template_id: string) => api.request("POST", `${ws(workspaceId)}/workflows/from-template`, createdFromTemplateSchema, { template_id }),
  });
}

export function useInviteTeammate(workspaceId: string) {
  return useMutation({ mutationFn: (b: CreateInvitationRequest) => api.request("POST", `${ws(workspaceId)}/invitations`, createdInvitationSchema, b) });
}
