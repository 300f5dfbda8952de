/**
 * Group commit of started executions (docs/decisions/022-execution-queue-and-group-commit.md).
 *
 * Concurrent webhook requests do not each commit their own transaction: `startGrouped` hands the
 * new execution to the process's batcher, which writes every execution waiting at that moment in
 * one transaction (one multi-row insert per workspace, `jsonb_to_recordset`), and only after its
 * COMMIT resolves every waiting caller, which then answers 202. A caller is never answered before
 * its execution is durable.
 *
 * Batching is natural: while `NH_GROUP_COMMIT_CONCURRENCY` (default 2) batch transactions are in
 * flight, new executions wait and go together into the next one (at most `NH_GROUP_COMMIT_MAX_ROWS`,
 * default 500, per transaction); an idle process commits a lone execution at once, unless
 * `NH_GROUP_COMMIT_LINGER_MS` (default 0) asks it to wait that long for company. While both are
 * in flight, or while one is and the waiting executions mix workspaces, the executions of
 * workspaces with none in flight take the fair lane (fair-lane.ts, decision 038) instead of
 * waiting behind (or inside) a flooding workspace's batches. When a batch
 * fails for any reason but an unavailable database, each of its executions is retried in a
 * transaction of its own, so one bad row (say, a workflow deleted meanwhile) fails only its own
 * request.
 *
 * A webhook's checks (workspace usable, workflow active, signature) run in the same transaction
 * (`startResolvedGrouped`): one read per workspace and batch instead of a read transaction per
 * request (decision 037).
 */
import { randomUUID } from "node:crypto";
import type { Database, Tx } from "../../../db/client";
import { isDatabaseUnavailable } from "../../../db/client";
import { INDEX_PLANS, setWorkspace, withWorkspace } from "../../../db/tenant";
import { InFlight, laneTakes } from "./fair-lane";
import { insertStartedExecutions, type StartedRow } from "./start";

/** What the batcher answers each caller: the execution id and whether this start created it. */
export interface Started {
  id: string;
  created: boolean;
}

/**
 * Turns requests of one workspace into the rows to insert, or the error each request is to be
 * answered with (a `DomainError`: unknown path, disabled workflow, …), one per input, in order.
 * It runs inside the batch's transaction, in that workspace's scope, so the checks and the insert
 * see the same snapshot and cost one statement per workspace and batch, not a transaction per
 * request. An exception it throws (rather than answers) fails the batch.
 */
export type ResolveStarts<T> = (tx: Tx, workspaceId: string, inputs: T[]) => Promise<(StartedRow | Error)[]>;

interface Waiting {
  workspaceId: string;
  /** a row ready to insert, or a request `resolveStarts` turns into one */
  row?: StartedRow;
  request?: { input: unknown; resolveStarts: ResolveStarts<unknown> };
  resolve: (s: Started) => void;
  reject: (e: unknown) => void;
}

const envNumber = (name: string, fallback: number): number => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v >= 0 ? v : fallback;
};

/** Resolves and writes `batch` (any workspaces) in one transaction; answers one result (or the request's error) per item, in order. */
async function commitBatch(db: Database, batch: Waiting[]): Promise<(Started | Error)[]> {
  const byWorkspace = new Map<string, Waiting[]>();
  for (const w of batch) {
    const list = byWorkspace.get(w.workspaceId) ?? [];
    list.push(w);
    byWorkspace.set(w.workspaceId, list);
  }
  const groups = [...byWorkspace.entries()];
  const answers = new Map<Waiting, Started | Error>();
  await withWorkspace(
    db,
    groups[0]![0],
    async (tx) => {
      for (let i = 0; i < groups.length; i++) {
        const [workspaceId, list] = groups[i]!;
        if (i > 0) await setWorkspace(tx, workspaceId);
        const toInsert: { w: Waiting; row: StartedRow }[] = [];
        const byResolver = new Map<ResolveStarts<unknown>, Waiting[]>();
        for (const w of list) {
          if (w.row) toInsert.push({ w, row: w.row });
          else byResolver.set(w.request!.resolveStarts, [...(byResolver.get(w.request!.resolveStarts) ?? []), w]);
        }
        for (const [resolveStarts, requests] of byResolver) {
          const resolved = await resolveStarts(
            tx,
            workspaceId,
            requests.map((w) => w.request!.input),
          );
          for (const [k, w] of requests.entries()) {
            const r = resolved[k]!;
            if (r instanceof Error) answers.set(w, r);
            else toInsert.push({ w, row: r });
          }
        }
        if (!toInsert.length) continue;
        const results = await insertStartedExecutions(
          tx,
          workspaceId,
          toInsert.map((x) => x.row),
        );
        for (const [k, x] of toInsert.entries()) answers.set(x.w, results[k]!);
      }
    },
    INDEX_PLANS,
  );
  return batch.map((w) => answers.get(w)!);
}

class GroupCommit {
  /** batch transactions committed, and the executions they carried (for tests and metrics) */
  readonly stats = { batches: 0, rows: 0 };
  private pending: Waiting[] = [];
  private inFlight = 0;
  private timer: NodeJS.Timeout | null = null;
  /** the fair lane's transaction is in flight (fair-lane.ts) */
  private laneBusy = false;
  private readonly busy = new InFlight();

  constructor(private readonly db: Database) {}

  submit(item: Pick<Waiting, "workspaceId" | "row" | "request">): Promise<Started> {
    return new Promise<Started>((resolve, reject) => {
      this.pending.push({ ...item, resolve, reject });
      this.kick();
    });
  }

  private kick(): void {
    if (!this.pending.length) return;
    if (this.inFlight >= envNumber("NH_GROUP_COMMIT_CONCURRENCY", 2)) {
      this.fairLane(true);
      return;
    }
    // quiet workspaces' executions apart from those of a workspace with batches in flight (fair-lane.ts)
    if (this.inFlight > 0) this.fairLane(false);
    if (!this.pending.length) return;
    if (this.timer) return;
    const linger = envNumber("NH_GROUP_COMMIT_LINGER_MS", 0);
    if (linger > 0 && this.pending.length < envNumber("NH_GROUP_COMMIT_MAX_ROWS", 500)) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.flush();
      }, linger);
      return;
    }
    this.flush();
  }

  private flush(): void {
    if (!this.pending.length) return;
    const batch = this.pending.splice(0, Math.max(1, envNumber("NH_GROUP_COMMIT_MAX_ROWS", 500)));
    this.inFlight++;
    void this.busy
      .during(batch, workspaceOfWaiting, () => this.commit(batch))
      .finally(() => {
        this.inFlight--;
        this.kick();
      });
  }

  /** The executions of workspaces with none in flight commit at once in the fair lane when `laneTakes` says so (decision 038). */
  private fairLane(slotsFull: boolean): void {
    if (this.laneBusy) return;
    const split = laneTakes(this.busy, this.pending, workspaceOfWaiting, Math.max(1, envNumber("NH_GROUP_COMMIT_MAX_ROWS", 500)), slotsFull);
    if (!split) return;
    const { quiet, rest } = split;
    this.pending = rest;
    this.laneBusy = true;
    void this.busy
      .during(quiet, workspaceOfWaiting, () => this.commit(quiet))
      .finally(() => {
        this.laneBusy = false;
        this.kick();
      });
  }

  private async commit(batch: Waiting[]): Promise<void> {
    try {
      const results = await commitBatch(this.db, batch);
      this.stats.batches++;
      this.stats.rows += batch.length;
      for (const [i, w] of batch.entries()) {
        const r = results[i]!;
        if (r instanceof Error) w.reject(r);
        else w.resolve(r);
      }
    } catch (e) {
      if (batch.length === 1 || isDatabaseUnavailable(e)) {
        for (const w of batch) w.reject(e);
        return;
      }
      // one row may have failed the whole batch: each one alone, so only that request fails
      await Promise.all(batch.map((w) => this.commit([w])));
    }
  }
}

const workspaceOfWaiting = (w: Waiting): string => w.workspaceId;

const batchers = new WeakMap<Database, GroupCommit>();

function batcherOf(db: Database): GroupCommit {
  let b = batchers.get(db);
  if (!b) {
    b = new GroupCommit(db);
    batchers.set(db, b);
  }
  return b;
}

/** Batches committed and executions written by the group commit on `db` so far. */
export function groupCommitStats(db: Database): { batches: number; rows: number } {
  return { ...batcherOf(db).stats };
}

/**
 * Starts an execution through the process's group commit on `db` and answers once it has
 * committed (see the module doc). The caller has checked the workflow (active, this version).
 */
export function startGrouped(db: Database, row: Omit<StartedRow, "id">): Promise<Started> {
  return batcherOf(db).submit({ workspaceId: row.workspaceId, row: { ...row, id: randomUUID() } });
}

/**
 * Starts an execution from a request that still needs its checks (a webhook: the workspace usable,
 * the path's workflow active, its signature): `resolveStarts` runs them for every such request of
 * the workspace in the batch's transaction, and the request is answered with its execution or the
 * error it resolved to. No transaction of its own per request.
 */
export function startResolvedGrouped<T>(db: Database, workspaceId: string, input: T, resolveStarts: ResolveStarts<T>): Promise<Started> {
  return batcherOf(db).submit({ workspaceId, request: { input, resolveStarts: resolveStarts as ResolveStarts<unknown> } });
}
