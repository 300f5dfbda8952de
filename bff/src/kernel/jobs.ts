/**
 * Job enqueueing, the one place that writes `graphile_worker.add_job`. A `JobKind` names a task
 * once — its task name (`<context>.<what>`), its job key (one pending job per key: a second add
 * with the same key replaces the pending one) and its max attempts — and every enqueue of that
 * task goes through it, from TypeScript (`enqueueJob`) or inside a SQL statement (`addJobSql`,
 * for data-modifying CTEs that insert a row and its job in one round trip). Jobs are added in
 * the caller's transaction, so a job commits or rolls back with the domain change that caused it.
 */
import { sql, type SQL } from "drizzle-orm";
import type { Tx } from "../db/client";

export interface JobKind<P extends Record<string, unknown> = Record<string, unknown>> {
  /** graphile-worker task identifier, dotted: `workflows.run_execution` */
  readonly task: string;
  /** attempts before graphile-worker gives up (its default would be 25) */
  readonly maxAttempts: number;
  /**
   * Job key of one payload, or null for none. `keyPrefix` + `payload[keyField]` when both are
   * set, just `keyPrefix` for a singleton job (no `keyField`).
   */
  readonly keyPrefix?: string;
  readonly keyField?: keyof P & string;
  /** a key made of several payload fields (TypeScript enqueues only; wins over keyPrefix) */
  keyOf?(payload: P): string;
  /** `preserve_run_at`: a re-add keeps the pending job's run_at (graphile-worker `job_key_mode`) */
  readonly keyMode?: "replace" | "preserve_run_at";
  /** the payload type, for inference only */
  readonly _payload?: P;
}

/** Declares a job kind (see JobKind). Define each kind once, beside the task that runs it. */
export function jobKind<P extends Record<string, unknown>>(
  task: string,
  opts: { maxAttempts: number; keyPrefix?: string; keyField?: keyof P & string; keyOf?: (payload: P) => string; keyMode?: "replace" | "preserve_run_at" },
): JobKind<P> {
  return { task, ...opts };
}

/** The job key of `payload` under `kind` (null when the kind has no key). */
export function jobKeyOf<P extends Record<string, unknown>>(kind: JobKind<P>, payload: P): string | null {
  if (kind.keyOf) return kind.keyOf(payload);
  if (kind.keyPrefix === undefined) return null;
  return kind.keyField ? `${kind.keyPrefix}${String(payload[kind.keyField])}` : kind.keyPrefix;
}

/** Enqueues one job of `kind` in `tx`; `runAt` delays it. */
export async function enqueueJob<P extends Record<string, unknown>>(tx: Tx, kind: JobKind<P>, payload: P, opts: { runAt?: Date } = {}): Promise<void> {
  await tx.execute(
    sql`select ${addJobCall(kind, sql`${JSON.stringify(payload)}::json`, jobKeyOf(kind, payload), opts.runAt ? sql`${opts.runAt.toISOString()}::timestamptz` : null)}`,
  );
}

/**
 * The `graphile_worker.add_job(…)` call of `kind` as a SQL expression, for use inside a larger
 * statement: `payload` is a SQL json expression (e.g. `json_build_object('id', e.id)`), `keyId` the
 * SQL text expression appended to the kind's key prefix (omit it for a singleton key), `runAt` a
 * SQL timestamptz expression or null for now.
 */
// biome-ignore lint/suspicious/noExplicitAny: any payload type; SQL builds the payload
export function addJobSql(kind: JobKind<any>, payload: SQL, keyId?: SQL, runAt?: SQL): SQL {
  const key = kind.keyPrefix === undefined ? null : keyId ? sql`${kind.keyPrefix}::text || (${keyId})::text` : sql`${kind.keyPrefix}::text`;
  return addJobCall(kind, payload, key, runAt ?? null);
}

/** The SQL `like` pattern matching every job key of `kind` (for maintenance queries over the job table). */
// biome-ignore lint/suspicious/noExplicitAny: the key prefix only
export function jobKeyPattern(kind: JobKind<any>): string {
  return `${kind.keyPrefix ?? ""}%`;
}

// biome-ignore lint/suspicious/noExplicitAny: the task, attempts and key mode only
function addJobCall(kind: JobKind<any>, payload: SQL, key: string | SQL | null, runAt: SQL | null): SQL {
  return sql`graphile_worker.add_job(${kind.task}::text, ${payload},
    run_at := (${runAt ?? sql`null`})::timestamptz,
    max_attempts := ${kind.maxAttempts}::int,
    job_key := ${key}::text${kind.keyMode ? sql`, job_key_mode := ${kind.keyMode}::text` : sql``})`;
}
