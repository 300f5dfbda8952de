import { api, type InboxNotification } from "@nhood/web-kit";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type InfiniteData } from "@tanstack/react-query";

export type InboxFilter = "inbox" | "unread" | "archived";
type Page = { items: InboxNotification[]; next_cursor: string | null };

export const inboxKey = (ws: string, filter?: InboxFilter) => (filter ? ["project", ws, "inbox", filter] : ["project", ws, "inbox"]);
export const unreadKey = (ws: string) => ["project", ws, "unread"];

/** The member's inbox, newest first (`GET /notifications?filter=&cursor=`). */
export function useInbox(ws: string, filter: InboxFilter) {
  return useInfiniteQuery({
    queryKey: inboxKey(ws, filter),
    queryFn: ({ pageParam }) => api.notify.inbox(filter, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
  });
}

/** The unread badge's count (`GET /notifications/unread-count`). */
export function useUnreadCount(ws: string) {
  return useQuery({ queryKey: unreadKey(ws), queryFn: () => api.notify.unreadCount() });
}

/** Read, acknowledge, archive or unarchive one notification; the lists and the badge follow. */
export function useMarkNotification(ws: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action }: { id: string; action: "read" | "acknowledge" | "archive" | "unarchive" }) => api.notify.mark(id, action),
    onSuccess: (updated) => {
      client.setQueriesData<InfiniteData<Page>>(
        { queryKey: inboxKey(ws) },
        (data) =>
          data && {
            ...data,
            pages: data.pages.map((p) => ({ ...p, items: p.items.map((n) => (n.id === updated.id ? updated : n)) })),
          },
      );
      void client.invalidateQueries({ queryKey: unreadKey(ws) });
      void client.invalidateQueries({ queryKey: inboxKey(ws), refetchType: "inactive" });
    },
  });
}

/** Puts a notification that arrived over SSE at the top of the inbox and bumps the badge. */
export function useReceiveNotification(ws: string) {
  const client = useQueryClient();
  return (n: InboxNotification) => {
    for (const filter of ["inbox", "unread"] as const) {
      client.setQueryData<InfiniteData<Page>>(inboxKey(ws, filter), (data) => {
        if (!data || data.pages.some((p) => p.items.some((x) => x.id === n.id))) return data;
        const [first, ...rest] = data.pages;
        return { ...data, pages: [{ ...first!, items: [n, ...first!.items] }, ...rest] };
      });
    }
    client.setQueryData<{ unread: number }>(unreadKey(ws), (d) => ({ unread: (d?.unread ?? 0) + 1 }));
  };
}
