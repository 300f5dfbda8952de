import { api } from "@nhood/web-kit";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

/** One lead with its timeline (`GET …/leads/:id`). */
export function useLead(ws: string, leadId: string) {
  return useQuery({ queryKey: ["employee", ws, "lead", leadId], queryFn: () => api.crm.lead(ws, leadId) });
}

/** People the caller may assign to: everyone for admins, otherwise themselves and their team. */
export function useAssignees(ws: string, isAdmin: boolean) {
  return useQuery({
    queryKey: ["employee", ws, "assignees", isAdmin],
    queryFn: async () => {
      if (isAdmin) return (await api.crm.members(ws)).items.map((m) => ({ id: m.membership_id, name: m.name, role: m.role }));
      const t = await api.workspaces.team(ws);
      return [t.me, ...t.reports].map((m) => ({ id: m.membership_id, name: m.name, role: m.role }));
    },
  });
}

/** Stage change, assignment and new activities; each refreshes the lead and the lists. */
export function useLeadActions(ws: string, leadId: string) {
  const qc = useQueryClient();
  const refresh = () => qc.invalidateQueries({ queryKey: ["employee", ws] });
  return {
    stage: useMutation({ mutationFn: (to: string) => api.crm.changeStage(ws, leadId, to), onSuccess: refresh }),
    assign: useMutation({ mutationFn: (owner: string) => api.crm.assign(ws, leadId, owner), onSuccess: refresh }),
    activity: useMutation({
      mutationFn: (a: { kind: "note" | "call" | "email" | "message"; body: string }) => api.crm.addActivity(ws, leadId, a.kind, a.body),
      onSuccess: refresh,
    }),
  };
}
