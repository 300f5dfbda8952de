import { api } from "@nhood/web-kit";
import { useInfiniteQuery, useMutation } from "@tanstack/react-query";

/** The workspace's end users (`GET …/end-users?cursor=`), page by page. */
export function useEndUsers(ws: string) {
  return useInfiniteQuery({
    queryKey: ["developer", ws, "end-users"],
    queryFn: ({ pageParam }) => api.endUsers.list(ws, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
  });
}

/**
 * Opens the client portal as one end user in a new tab: a blank tab is opened during the click
 * (so popup blockers allow it), then sent to the connect-session URL once the BFF answers.
 */
export function useOpenClientPortal(ws: string) {
  return useMutation({
    mutationFn: async (endUserId: string) => {
      const tab = window.open("about:blank", "_blank");
      try {
        const session = await api.endUsers.connectSession(ws, endUserId);
        if (tab) {
          tab.opener = null;
          tab.location.href = session.url;
        } else {
          window.open(session.url, "_blank", "noopener");
        }
        return session;
      } catch (error) {
        tab?.close();
        throw error;
      }
    },
  });
}
