import { workspaceBrandingSchema, type WorkspaceBranding } from "@nhood/contracts";
import { api, ApiError } from "@nhood/web-kit";
import { useMutation, useQueryClient } from "@tanstack/react-query";

function csrf(): string | undefined {
  return document.cookie
    .split("; ")
    .find((c) => c.startsWith("nh_csrf="))
    ?.slice(8);
}

const logoPath = (ws: string) => `/api/v1/workspaces/${encodeURIComponent(ws)}/branding/logo`;

/**
 * Uploads a logo as multipart/form-data (`PUT …/branding/logo`): the BFF sniffs PNG, WebP or SVG,
 * sanitises SVG and answers the branding with the served `logo_url`, which the header picks up.
 */
export function useUploadLogo(ws: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (file: File): Promise<WorkspaceBranding> => {
      const form = new FormData();
      form.set("file", file);
      const token = csrf();
      const res = await fetch(logoPath(ws), {
        method: "PUT",
        body: form,
        credentials: "include",
        headers: token ? { "x-csrf-token": decodeURIComponent(token) } : {},
      });
      if (!res.ok) throw new ApiError(res.status, await res.json().catch(() => ({ type: "about:blank", title: "Upload failed", status: res.status })));
      return workspaceBrandingSchema.parse(await res.json());
    },
    onSuccess: (saved) => client.setQueryData(["project", ws, "branding"], saved),
  });
}

/** Removes the uploaded logo (`DELETE …/branding/logo`). */
export function useRemoveLogo(ws: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.request("DELETE", logoPath(ws), workspaceBrandingSchema),
    onSuccess: (saved) => client.setQueryData(["project", ws, "branding"], saved),
  });
}
