import { api, type LeadListItem } from "@nhood/web-kit";
import { useMutation, useQueries, useQueryClient } from "@tanstack/react-query";

/** The first page of each stage's leads the person may see (`GET …/leads?stage=`). */
export function useStageColumns(ws: string, stages: string[]) {
  return useQueries({
    queries: stages.map((stage) => ({
      queryKey: ["employee", ws, "leads", { stage }],
      queryFn: () => api.crm.leads(ws, { stage }),
    })),
  });
}

/** Moves a lead to another stage, optimistically (the card moves at once, and back on failure). */
export function useMoveLead(ws: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ lead, to }: { lead: LeadListItem; to: string }) => api.crm.changeStage(ws, lead.id, to),
    onMutate: async ({ lead, to }) => {
      await qc.cancelQueries({ queryKey: ["employee", ws, "leads"] });
      type Page = { items: LeadListItem[]; next_cursor: string | null };
      const from = ["employee", ws, "leads", { stage: lead.stage }];
      const dest = ["employee", ws, "leads", { stage: to }];
      qc.setQueryData<Page>(from, (p) => p && { ...p, items: p.items.filter((l) => l.id !== lead.id) });
      qc.setQueryData<Page>(dest, (p) => p && { ...p, items: [{ ...lead, stage: to }, ...p.items] });
    },
    onSettled: () => qc.invalidateQueries({ queryKey: ["employee", ws, "leads"] }),
  });
}
