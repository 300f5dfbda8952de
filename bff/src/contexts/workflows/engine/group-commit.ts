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
 * `NH_GROUP_COMMIT_LINGER_MS` (default 0) asks it to wait that long for company. When a batch
 * fails for any reason but an unavailable database, each of its executions is retried in a
 * transaction of its own, so one bad row (say, a workflow deleted meanwhile) fails only its own
 * request.
 */
import { randomUUID } from "node:crypto";
import type { Database } from "../../../db/client";
import { isDatabaseUnavailable } from "../../../db/client";
import { setWorkspace, withWorkspace } from "../../../db/tenant";
import { insertStartedExecutions, type StartedRow } from "./start";

/** What the batcher answers each caller: the execution id and whether this start created it. */
export interface Started {
  id: string;
  created: boolean;
}

interface Waiting {
  row: StartedRow;
  resolve: (s: Started) => void;
  reject: (e: unknown) => void;
}

const envNumber = (name: string, fallback: number): number => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v >= 0 ? v : fallback;
};

/** Writes `rows` (any workspaces) in one transaction; answers one result per row, in order. */
async function commitBatch(db: Database, rows: StartedRow[]): Promise<Started[]> {
  const byWorkspace = new Map<string, StartedRow[]>();
  for (const r of rows) {
    const list = byWorkspace.get(r.workspaceId) ?? [];
    list.push(r);
    byWorkspace.set(r.workspaceId, list);
  }
  const groups = [...byWorkspace.entries()];
  const answers = new Map<StartedRow, Started>();
  await withWorkspace(db, groups[0]![0], async (tx) => {
    for (let i = 0; i < groups.length; i++) {
      const [workspaceId, list] = groups[i]!;
      if (i > 0) await setWorkspace(tx, workspaceId);
      const results = await insertStartedExecutions(tx, workspaceId, list);
      for (const [k, r] of list.entries()) answers.set(r, results[k]!);
    }
  });
  return rows.map((r) => answers.get(r)!);
}

class GroupCommit {
  /** batch transactions committed, and the executions they carried (for tests and metrics) */
  readonly stats = { batches: 0, rows: 0 };
  private pending: Waiting[] = [];
  private inFlight = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly db: Database) {}

  submit(row: StartedRow): Promise<Started> {
    return new Promise<Started>((resolve, reject) => {
      this.pending.push({ row, resolve, reject });
      this.kick();
    });
  }

  private kick(): void {
    if (!this.pending.length || this.inFlight >= envNumber("NH_GROUP_COMMIT_CONCURRENCY", 2) || this.timer) return;
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
    void this.commit(batch).finally(() => {
      this.inFlight--;
      this.kick();
    });
  }

  private async commit(batch: Waiting[]): Promise<void> {
    try {
      const results = await commitBatch(
        this.db,
        batch.map((w) => w.row),
      );
      this.stats.batches++;
      this.stats.rows += batch.length;
      for (const [i, w] of batch.entries()) w.resolve(results[i]!);
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
  return batcherOf(db).submit({ ...row, id: randomUUID() });
}
