/** The workspace's notification sounds, read by the sounds screen and by the rule form (sound picker). */
import { api } from "@nhood/web-kit";
import { useQuery } from "@tanstack/react-query";

/** The react-query key of a workspace's sound list; an upload or a delete invalidates it. */
export const soundsQueryKey = (ws: string) => ["project", ws, "sounds"];

export function useSounds(ws: string) {
  return useQuery({ queryKey: soundsQueryKey(ws), queryFn: () => api.notify.sounds.list() });
}
