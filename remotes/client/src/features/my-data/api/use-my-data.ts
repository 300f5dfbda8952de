/** Data rights: download everything as JSON (GDPR Art. 20) and ask for erasure (Art. 17). */
import { api } from "@nhood/web-kit";
import { useMutation } from "@tanstack/react-query";

/** Saves `data` as a JSON file through a temporary object URL. */
export function downloadJson(data: unknown, filename: string): void {
  const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: "application/json" }));
  const a = Object.assign(document.createElement("a"), { href: url, download: filename });
  document.body.append(a);
  a.click();
  a.remove();
  URL.revokeObjectURL(url);
}

export function useExportMyData() {
  return useMutation({
    mutationFn: () => api.integrations.client.exportData(),
    onSuccess: (data) => downloadJson(data, `my-data-${new Date().toISOString().slice(0, 10)}.json`),
  });
}

export function useRequestErasure() {
  return useMutation({ mutationFn: () => api.integrations.client.requestErasure() });
}
