import { api } from "@nhood/web-kit";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

/** Lead-source keys (`GET …/lead-sources`), creating one (key answered once) and revoking. */
export function useSources(ws: string) {
  const qc = useQueryClient();
  const refresh = () => qc.invalidateQueries({ queryKey: ["employee", ws, "lead-sources"] });
  return {
    list: useQuery({ queryKey: ["employee", ws, "lead-sources"], queryFn: () => api.crm.sources(ws) }),
    create: useMutation({ mutationFn: (b: { clientId: string; name: string }) => api.crm.createSource(ws, b.clientId, b.name), onSuccess: refresh }),
    revoke: useMutation({ mutationFn: (id: string) => api.crm.revokeSource(ws, id), onSuccess: refresh }),
  };
}

/** Meta lead-ads settings and page/form mappings. */
export function useMeta(ws: string) {
  const qc = useQueryClient();
  const key = ["employee", ws, "meta-settings"];
  const refresh = () => qc.invalidateQueries({ queryKey: key });
  return {
    settings: useQuery({ queryKey: key, queryFn: () => api.crm.metaSettings(ws) }),
    update: useMutation({
      mutationFn: (b: { app_secret?: string; page_access_token?: string; rotate_verify_token?: boolean }) => api.crm.updateMetaSettings(ws, b),
      onSuccess: refresh,
    }),
    addForm: useMutation({ mutationFn: (b: { page_id: string; form_id?: string; client_id: string }) => api.crm.addMetaForm(ws, b), onSuccess: refresh }),
    removeForm: useMutation({ mutationFn: (id: string) => api.crm.removeMetaForm(ws, id), onSuccess: refresh }),
  };
}
