/** The workspace's purposes (what end users consent to) and saving one (a changed notice bumps its version). */
import { api } from "@nhood/web-kit";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

export function usePurposes(ws: string) {
  return useQuery({ queryKey: ["workspace", ws, "purposes"], queryFn: () => api.integrations.purposes(ws), enabled: ws !== "" });
}

export function useSavePurpose(ws: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (b: { key: string; title: string; notice: string; providers: string[] }) => api.integrations.savePurpose(ws, b),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["workspace", ws, "purposes"] }),
  });
}
