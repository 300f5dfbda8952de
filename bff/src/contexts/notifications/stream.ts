/**
 * Real-time inbox over Server-Sent Events, fanned out through Postgres LISTEN/NOTIFY so any
 * number of BFF processes serve streams: `deliverNotifications` sends `pg_notify('nh_inbox',
 * '<workspace>:<seq>')` at commit; each process holds one LISTEN connection (`InboxHub`, one per
 * postgres.js pool) and wakes the streams of that workspace, which read the rows after the last
 * id they sent. The SSE `id` is the notification's `seq`, so a reconnect with `Last-Event-ID`
 * resumes exactly after it (no loss, no repeat; seq grows in commit order per workspace).
 *
 * In the process that evaluated them (one `pnpm start` serves streams and evaluates), committed
 * notifications need no read at all: the evaluation batch hands its rows to the streams after
 * COMMIT (`publishCommitted`), each stream writes its viewer's rows, and the NOTIFY that follows
 * finds it up to date. A fan-out to 1,000 users' streams is then one insert and no read per
 * stream (issue #15); streams of other processes read once per NOTIFY as before.
 */
import type postgres from "postgres";
import { streamSSE } from "hono/streaming";
import type { AppContext, Deps } from "../../lib/http";
import type { Database } from "../../db/client";
import { withWorkspace } from "../../db/tenant";
import { logger } from "../../lib/logger";
import { streamFramesInProcess, streamReads } from "./pipeline-metrics";
import { INBOX_CHANNEL, latestSeq, notificationsAfter, toInbox, type InboxViewer } from "./inbox";

type Row = Parameters<typeof toInbox>[0];

/**
 * Notifications one transaction committed in a workspace, handed to this process's streams right
 * after its COMMIT (`publishCommitted`): `rows` in `seq` order, and `afterSeq`, the workspace's
 * highest `seq` before them, read under the inbox lock — so nothing of the workspace was
 * committed between `afterSeq` and the rows, and a stream that has sent up to `afterSeq` or
 * further can send the rows without reading the database.
 */
export interface CommittedNotifications {
  workspaceId: string;
  afterSeq: number;
  rows: Row[];
}

/** A stream of this process: `wake(seq)` on a NOTIFY (null: re-read), `deliver` for a committed batch. */
interface Subscriber {
  wake: (seq: number | null) => void;
  deliver: (batch: CommittedBatch) => void;
}

/** A committed batch with its rows grouped by recipient once, however many streams read it. */
class CommittedBatch {
  private byEndUser: Map<string, Row[]> | null = null;
  private members: Row[] | null = null;
  readonly lastSeq: number;
  readonly afterSeq: number;
  private readonly rows: Row[];
  constructor(batch: CommittedNotifications) {
    this.rows = [...batch.rows].sort((a, b) => a.seq - b.seq);
    this.afterSeq = batch.afterSeq;
    this.lastSeq = this.rows.at(-1)?.seq ?? batch.afterSeq;
  }
  /** Each row's SSE frame, made once however many streams show the row (the workspace's and its recipient's own). */
  private readonly frames = new Map<Row, string>();
  /** The frames of `rows` (rows of this batch), one string: one socket write. */
  framesOf(rows: Row[]): string {
    let out = "";
    for (const r of rows) {
      let f = this.frames.get(r);
      if (f === undefined) {
        f = notificationFrame(r);
        this.frames.set(r, f);
      }
      out += f;
    }
    return out;
  }
  /** The rows `viewer` sees, as `notificationsAfter` selects them (seq order). */
  rowsFor(viewer: InboxViewer): Row[] {
    if (viewer === null) return this.rows;
    if (typeof viewer === "string") {
      this.members ??= this.rows.filter((r) => r.endUserId === null);
      return this.members.filter((r) => r.userId === null || r.userId === viewer);
    }
    if (!this.byEndUser) {
      this.byEndUser = new Map();
      for (const r of this.rows) {
        if (r.endUserId === null || r.archivedAt !== null) continue;
        const list = this.byEndUser.get(r.endUserId);
        if (list) list.push(r);
        else this.byEndUser.set(r.endUserId, [r]);
      }
    }
    return this.byEndUser.get(viewer.endUserId) ?? [];
  }
}

/**
 * The streams served on each database handle, by workspace. A BFF process has one handle (its
 * pool), which its evaluator and its streams share; tests that play two processes in one use two.
 */
const streamsByDb = new WeakMap<Database, Map<string, Set<Subscriber>>>();
const streamsOf = (db: Database) => {
  const m = streamsByDb.get(db) ?? new Map<string, Set<Subscriber>>();
  streamsByDb.set(db, m);
  return m;
};

/**
 * Hands notifications that `batch` committed through `db` to the streams served on `db` (this
 * process's; call right after COMMIT). A stream that has sent everything up to `batch.afterSeq`
 * writes its rows at once, without a database read; a stream behind that (a NOTIFY of another
 * process not yet handled, or a read under way) reads from the database as on a NOTIFY. The
 * NOTIFY the same commit sent then finds every such stream up to date and costs no read.
 */
export function publishCommitted(db: Database, batch: CommittedNotifications): void {
  const subs = streamsByDb.get(db)?.get(batch.workspaceId);
  if (!subs?.size || !batch.rows.length) return;
  const committed = new CommittedBatch(batch);
  for (const s of subs) s.deliver(committed);
}

/**
 * The last `seq` of each batch this process is committing, by workspace, per stream handle: a
 * NOTIFY of one of them is its own COMMIT's, read off the LISTEN socket before the COMMIT's answer
 * (likely under load: two sockets); the batch is handed over by `publishCommitted` right after,
 * so that NOTIFY wakes no stream (which would read the rows from the database, every stream of the
 * workspace at once).
 */
const committingByDb = new WeakMap<Database, Map<string, Set<number>>>();

/**
 * Marks a batch ending at `lastSeq` as being committed by this process for the streams on `db`
 * (call inside the transaction, once its rows are inserted); answers the function to call after
 * the COMMIT: with `committed` true it hands `batch` to the streams (`publishCommitted`), with
 * false (the COMMIT failed, or its answer was lost) it wakes the workspace's streams to read what
 * the database has, since the NOTIFY it skipped may have been sent.
 */
export function markCommitting(db: Database, workspaceId: string, lastSeq: number): (committed: false | CommittedNotifications) => void {
  const byWs = committingByDb.get(db) ?? new Map<string, Set<number>>();
  committingByDb.set(db, byWs);
  const seqs = byWs.get(workspaceId) ?? new Set<number>();
  byWs.set(workspaceId, seqs);
  seqs.add(lastSeq);
  return (committed) => {
    if (committed) publishCommitted(db, committed);
    seqs.delete(lastSeq);
    if (!seqs.size && byWs.get(workspaceId) === seqs) byWs.delete(workspaceId);
    if (!committed) for (const s of streamsByDb.get(db)?.get(workspaceId) ?? []) s.wake(null);
  };
}

/** True when `seq` ends a batch this process is committing in the workspace (its NOTIFY needs no read). */
const isCommittingHere = (db: Database, workspaceId: string, seq: number | null) =>
  seq !== null && (committingByDb.get(db)?.get(workspaceId)?.has(seq) ?? false);

class InboxHub {
  private listening: Promise<unknown> | null = null;
  private readonly local: Map<string, Set<Subscriber>>;
  constructor(
    private readonly sql: postgres.Sql,
    private readonly db: Database,
  ) {
    this.local = streamsOf(db);
  }

  private listen(): Promise<unknown> {
    this.listening ??= this.sql
      .listen(
        INBOX_CHANNEL,
        (payload) => {
          const [ws, seq] = payload.split(":");
          const n = parseLastEventId(seq);
          // this process's own COMMIT: publishCommitted hands its rows over next
          if (isCommittingHere(this.db, ws!, n)) return;
          for (const s of this.local.get(ws!) ?? []) s.wake(n);
        },
        () => {
          // (re)connected: notifications sent while the listener was away are read now
          for (const set of this.local.values()) for (const s of set) s.wake(null);
        },
      )
      .catch((err) => {
        this.listening = null;
        throw err;
      });
    return this.listening;
  }

  async subscribe(workspaceId: string, subscriber: Subscriber): Promise<() => void> {
    await this.listen();
    const set = this.local.get(workspaceId) ?? new Set<Subscriber>();
    this.local.set(workspaceId, set);
    set.add(subscriber);
    return () => {
      set.delete(subscriber);
      if (!set.size && this.local.get(workspaceId) === set) this.local.delete(workspaceId);
    };
  }
}

const hubs = new WeakMap<postgres.Sql, InboxHub>();
function hubFor(sql: postgres.Sql, db: Database): InboxHub {
  const hub = hubs.get(sql) ?? new InboxHub(sql, db);
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
    let ready = false;
    // batches committed while a read was under way: handled once it ends (it may have sent them)
    let queued: CommittedBatch[] = [];
    // frames go out in seq order: every write waits for the one before
    let writing: Promise<void> = Promise.resolve();
    const send = (text: string) => {
      writing = writing
        .then(() => stream.write(text))
        .then(
          () => {},
          () => {},
        );
      return writing;
    };
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
              last = rows.at(-1)!.seq;
              await send(rows.map(notificationFrame).join(""));
            }
            if (rows.length < 200) break;
          }
        } while (again && !stream.aborted);
      } catch (err) {
        logger.warn({ err: String(err), workspace_id: workspaceId }, "inbox stream read failed");
      } finally {
        pulling = false;
      }
      const batches = queued.sort((a, b) => a.afterSeq - b.afterSeq);
      queued = [];
      for (const b of batches) subscriber.deliver(b);
    };
    const subscriber: Subscriber = {
      // a NOTIFY for a seq this stream has sent already (delivered in-process) needs no read
      // (before the ready frame nothing is sent: the read that follows it sends everything)
      wake: (seq) => {
        if (!ready || (seq !== null && seq <= last)) return;
        // the NOTIFY may be read off its socket just before the COMMIT's answer that publishes
        // the same rows in this process: decide after this turn's I/O callbacks have run
        setImmediate(() => {
          if (stream.aborted || (seq !== null && seq <= last)) return;
          streamReads.inc({ reason: "notify" });
          void pull();
        });
      },
      deliver: (batch) => {
        if (!ready || batch.lastSeq <= last) return;
        // a read under way (a NOTIFY overtook the COMMIT's answer) may send these rows: decide after it
        if (pulling) {
          queued.push(batch);
          return;
        }
        // behind the batch: the database has it all
        if (last < batch.afterSeq) {
          streamReads.inc({ reason: "behind" });
          return void pull();
        }
        const rows = batch.rowsFor(userId).filter((r) => r.seq > last);
        last = batch.lastSeq;
        if (rows.length) {
          streamFramesInProcess.inc(rows.length);
          void send(batch.framesOf(rows));
        }
      },
    };
    const unsubscribe = await hubFor(deps.sql, deps.db).subscribe(workspaceId, subscriber);
    stream.onAbort(unsubscribe);
    await stream.writeSSE({ event: "ready", data: JSON.stringify({ last_event_id: last }), retry: 3000 });
    ready = true;
    await pull();
    while (!stream.aborted) {
      await stream.sleep(15_000);
      if (!stream.aborted) await send(": keep-alive\n\n");
    }
    unsubscribe();
  });
}
