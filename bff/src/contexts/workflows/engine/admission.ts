/**
 * Per-workspace admission of webhook executions (docs/decisions/038-workspace-fairness.md).
 *
 * A workspace's backlog is its executions started and not yet ended (`run_at` set: queued,
 * running or waiting for a retry). While it is at `NH_WORKSPACE_BACKLOG_LIMIT` (default 2,000;
 * "0" turns admission off) a new webhook of that workspace is refused with 429
 * `workspace-backlog-full` and `Retry-After` (RFC 6585 §4, RFC 9110 §10.2.3), instead of being
 * stored behind thousands of its own: the executions it already has keep the workers busy (work
 * conserving), and a flood stops costing the web, the database and the other workspaces the
 * ingestion of work that cannot run for seconds. Other workspaces are not affected.
 *
 * The count runs in the group commit's transaction, at most once per workspace and
 * `NH_ADMISSION_RECHECK_MS` (default 100) in a process, up to the limit (the queue's index); in
 * between, the process adds what it admitted, and a workspace it saw full is refused before any
 * database work until the next count.
 */
import type { Tx } from "../../../db/client";
import { driverOf } from "../../../db/tenant";
import { DomainError } from "../../../lib/errors";

const envNumber = (name: string, fallback: number): number => {
  const v = Number(process.env[name]);
  return process.env[name] !== undefined && Number.isFinite(v) && v >= 0 ? v : fallback;
};

/** The backlog limit per workspace (0: no admission control). */
export const backlogLimit = (): number => envNumber("NH_WORKSPACE_BACKLOG_LIMIT", 2_000);
const recheckMs = (): number => envNumber("NH_ADMISSION_RECHECK_MS", 100);
/** Seconds a refused caller is asked to wait (`Retry-After`). */
const retryAfterS = (): number => Math.max(1, Math.round(envNumber("NH_ADMISSION_RETRY_AFTER_S", 1)));

/** 429: the workspace has as many executions waiting or running as it may have. */
export class BacklogFull extends DomainError {
  constructor(limit: number) {
    super(
      429,
      "workspace-backlog-full",
      "Too many executions waiting",
      `This workspace already has ${limit} executions waiting or running (its share of the workers); retry after the time in Retry-After.`,
      undefined,
      { "retry-after": String(retryAfterS()) },
    );
  }
}

/** This process's last count per workspace: the backlog then plus what it admitted since. */
const seen = new Map<string, { at: number; backlog: number }>();

/** Throws BacklogFull when this process counted `workspaceId` at its limit within the recheck interval (no database work). */
export function assertNotKnownFull(workspaceId: string): void {
  const limit = backlogLimit();
  const s = seen.get(workspaceId);
  if (limit && s && s.backlog >= limit && Date.now() - s.at < recheckMs()) throw new BacklogFull(limit);
}

/**
 * How many of `wanted` new executions of the transaction's workspace fit under its limit (all of
 * them when admission is off); counts them as admitted. Reads the backlog (up to the limit) when
 * the last count is older than the recheck interval.
 */
export async function admitExecutions(tx: Tx, workspaceId: string, wanted: number): Promise<number> {
  const limit = backlogLimit();
  if (!limit || !wanted) return wanted;
  let s = seen.get(workspaceId);
  if (!s || Date.now() - s.at >= recheckMs()) {
    const [row] = await driverOf(tx)!.unsafe<{ n: number }[]>(
      "select count(*)::int as n from (select 1 from workflow_executions where workspace_id = $1 and run_at is not null limit $2) x",
      [workspaceId, limit],
    );
    s = { at: Date.now(), backlog: row!.n };
    seen.set(workspaceId, s);
    if (seen.size > 10_000) seen.delete(seen.keys().next().value!);
  }
  const admitted = Math.max(0, Math.min(wanted, limit - s.backlog));
  s.backlog += admitted;
  if (admitted < wanted) s.backlog = limit;
  return admitted;
}

/** Forgets the counts (tests). */
export function resetAdmission(): void {
  seen.clear();
}
