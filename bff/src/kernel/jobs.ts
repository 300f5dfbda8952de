/**
 * Enqueues a graphile-worker job inside the caller's transaction (SQL `graphile_worker.add_job`),
 * so the job commits or rolls back with the domain change that caused it.
 * `jobKey` de-duplicates: a second add with the same key replaces the pending job.
 */
import { sql } from "drizzle-orm";
import type { Tx } from "../db/client";

export interface EnqueueOptions {
  jobKey?: string;
  runAt?: Date;
  maxAttempts?: number;
  queueName?: string;
}

export async function enqueueJob(tx: Tx, task: string, payload: Record<string, unknown>, opts: EnqueueOptions = {}): Promise<void> {
  await tx.execute(sql`select graphile_worker.add_job(
    ${task},
    ${JSON.stringify(payload)}::json,
    queue_name := ${opts.queueName ?? null}::text,
    run_at := ${opts.runAt?.toISOString() ?? null}::timestamptz,
    max_attempts := ${opts.maxAttempts ?? 10}::int,
    job_key := ${opts.jobKey ?? null}::text
  )`);
}
