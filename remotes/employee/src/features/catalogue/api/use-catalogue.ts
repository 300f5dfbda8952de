import { api } from "@nhood/web-kit";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

/** The Industry → Category → Product tree (`GET …/catalogue`). */
export function useCatalogue(ws: string) {
  return useQuery({ queryKey: ["employee", ws, "catalogue"], queryFn: () => api.crm.catalogue(ws) });
}

type Add = { level: "industry"; name: string } | { level: "category"; parent: string; name: string } | { level: "product"; parent: string; name: string };

/** Adds an entry under its parent (an industry needs none). */
export function useAddToCatalogue(ws: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (a: Add) =>
      a.level === "industry"
        ? api.crm.addIndustry(ws, a.name)
        : a.level === "category"
          ? api.crm.addCategory(ws, a.parent, a.name)
          : api.crm.addProduct(ws, a.parent, a.name),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["employee", ws, "catalogue"] }),
  });
}
