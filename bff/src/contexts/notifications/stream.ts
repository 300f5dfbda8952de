/**
 * Real-time inbox over Server-Sent Events, fanned out through Postgres LISTEN/NOTIFY so any
 * number of BFF processes serve streams: `deliverNotifications` sends `pg_notify('nh_inbox',
 * '<workspace>:<seq>')` at commit; each process holds one LISTEN connection (`InboxHub`, one per
 * postgres.js pool) and wakes the streams of that workspace, which read the rows after the last
 * id they sent. The SSE `id` is the notification's `seq`, so a reconnect with `Last-Event-ID`
 * resumes exactly after it (no loss, no repeat; seq grows in commit order per workspace).
 */
import type postgres from "postgres";
import { streamSSE } from "hono/streaming";
import type { AppContext, Deps } from "../../lib/http";
import { withWorkspace } from "../../db/tenant";
import { logger } from "../../lib/logger";
import { INBOX_CHANNEL, latestSeq, notificationsAfter, toInbox, type InboxViewer } from "./inbox";

type Wake = () => void;

class InboxHub {
  private readonly subscribers = new Map<string, Set<Wake>>();
  private listening: Promise<unknown> | null = null;
  constructor(private readonly sql: postgres.Sql) {}

  private listen(): Promise<unknown> {
    this.listening ??= this.sql
      .listen(
        INBOX_CHANNEL,
        (payload) => {
          const ws = payload.split(":")[0]!;
          for (const wake of this.subscribers.get(ws) ?? []) wake();
        },
        () => {
          // (re)connected: notifications sent while the listener was away are read now
          for (const set of this.subscribers.values()) for (const wake of set) wake();
        },
      )
      .catch((err) => {
        this.listening = null;
        throw err;
      });
    return this.listening;
  }

  async subscribe(workspaceId: string, wake: Wake): Promise<() => void> {
    await this.listen();
    const set = this.subscribers.get(workspaceId) ?? new Set<Wake>();
    this.subscribers.set(workspaceId, set);
    set.add(wake);
    return () => {
      set.delete(wake);
      if (!set.size) this.subscribers.delete(workspaceId);
    };
  }
}

const hubs = new WeakMap<postgres.Sql, InboxHub>();
function hubFor(sql: postgres.Sql): InboxHub {
  const hub = hubs.get(sql) ?? new InboxHub(sql);
  hubs.set(sql, hub);
  return hub;
}

/** One SSE frame (WHATWG HTML §9.2) as Hono's writeSSE writes it; JSON holds no raw newline, so one data line. */
function notificationFrame(r: Parameters<typeof toInbox>[0]): string {
  return `event: notification\ndata: ${JSON.stringify(toInbox(r))}\nid: ${r.seq}\n\n`;
}

/** Parses a Last-Event-ID (a notification seq); null when absent or malformed. */
export function parseLastEventId(value: string | undefined | null): number | null {
  return value && /^\d{1,18}$/.test(value) ? Number(value) : null;
}

/**
 * Streams the viewer's notifications (a member's, or an end user's: `{ endUserId }`) as SSE `notification` events (data: the inbox item JSON),
 * starting after `lastEventId` (or after the newest one when null), with a comment every 15 s.
 */
export function streamInbox(deps: Deps, c: AppContext, workspaceId: string, userId: InboxViewer, lastEventId: number | null): Response {
  return streamSSE(c, async (stream) => {
    let last = lastEventId ?? (await withWorkspace(deps.db, workspaceId, (tx) => latestSeq(tx, workspaceId)));
    let pulling = false;
    let again = false;
    const pull = async (): Promise<void> => {
      if (pulling) {
        again = true;
        return;
      }
      pulling = true;
      try {
        do {
          again = false;
          for (;;) {
            const rows = await withWorkspace(deps.db, workspaceId, (tx) => notificationsAfter(tx, workspaceId, userId, last));
            if (rows.length) {
              // one write for the whole page (a socket write per frame costs a system call each)
              await stream.write(rows.map(notificationFrame).join(""));
              last = rows.at(-1)!.seq;
            }
            if (rows.length < 200) break;
          }
        } while (again && !stream.aborted);
      } catch (err) {
        logger.warn({ err: String(err), workspace_id: workspaceId }, "inbox stream read failed");
      } finally {
        pulling = false;
      }
    };
    const unsubscribe = await hubFor(deps.sql).subscribe(workspaceId, () => void pull());
    stream.onAbort(unsubscribe);
    await stream.writeSSE({ event: "ready", data: JSON.stringify({ last_event_id: last }), retry: 3000 });
    await pull();
    while (!stream.aborted) {
      await stream.sleep(15_000);
      if (!stream.aborted) await stream.write(": keep-alive\n\n");
    }
    unsubscribe();
  });
}
