import { api, ApiError, type Sound } from "@nhood/web-kit";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { soundsQueryKey as key } from "../../../hooks/use-sounds";

function csrf(): string | undefined {
  return document.cookie
    .split("; ")
    .find((c) => c.startsWith("nh_csrf="))
    ?.slice(8);
}

/** Uploads an audio file as multipart/form-data (`POST /sounds`); the BFF sniffs the bytes. */
export function useUploadSound(ws: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ file, name }: { file: File; name: string }): Promise<Sound> => {
      const form = new FormData();
      form.set("file", file);
      form.set("name", name);
      const token = csrf();
      const res = await fetch(api.notify.sounds.uploadUrl, {
        method: "POST",
        body: form,
        credentials: "include",
        headers: token ? { "x-csrf-token": decodeURIComponent(token) } : {},
      });
      if (!res.ok) throw new ApiError(res.status, await res.json().catch(() => ({ type: "about:blank", title: "Upload failed", status: res.status })));
      return (await res.json()) as Sound;
    },
    onSuccess: () => client.invalidateQueries({ queryKey: key(ws) }),
  });
}

export function useDeleteSound(ws: string) {
  const client = useQueryClient();
  return useMutation({ mutationFn: (id: string) => api.notify.sounds.remove(id), onSuccess: () => client.invalidateQueries({ queryKey: key(ws) }) });
}
