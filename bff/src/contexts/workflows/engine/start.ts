/**
 * Starting an execution inside the caller's transaction (webhook request, schedule tick, domain
 * event, re-run): the execution row (pinned to a version, due now in the execution queue,
 * queue.ts) and any reused step runs commit together, or not at all; the queue's `NOTIFY` goes
 * out with the commit.
 */
import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { Tx } from "../../../db/client";
import { executions, stepRuns } from "../schema";
import { loadGraph, queueExecution } from "./advance";
import type { WorkflowGraph } from "./definition";
import { QUEUE_CHANNEL } from "./queue";
import { driverOf } from "../../../db/tenant";
import { recordUsage, workspaceTestModeSql } from "../../tenancy";

export interface StartExecution {
  workspaceId: string;
  workflowId: string;
  version: number;
  triggerType: "webhook" | "schedule" | "event" | "manual" | "rerun";
  /** de-duplication key within the workflow; a second start with it answers the first execution */
  triggerKey?: string | null;
  payload: unknown;
  endUserId?: string | null;
  rerunOf?: string | null;
  /**
   * a test execution (started with a `nhood_sk_test_` key, or a re-run of one); an execution of a
   * workspace in test mode is a test execution in any case (decision 020)
   */
  test?: boolean;
  /** succeeded step runs copied from an earlier execution (re-run from the failed step) */
  reuse?: { stepId: string; input: unknown; output: unknown }[];
}

/** One execution to insert (`insertStartedExecutions`); `id` is chosen by the caller. */
export interface StartedRow {
  id: string;
  workspaceId: string;
  workflowId: string;
  version: number;
  triggerType: StartExecution["triggerType"];
  triggerKey: string | null;
  payload: unknown;
  endUserId: string | null;
  rerunOf: string | null;
  deadlineAt: Date;
  test: boolean;
}

/** The row of a new execution of `s` whose version's graph is `graph` (deadline from its timeout). */
export function startedRow(s: Omit<StartExecution, "reuse">, graph: Pick<WorkflowGraph, "timeoutMs">, id: string = randomUUID()): StartedRow {
  return {
    id,
    workspaceId: s.workspaceId,
    workflowId: s.workflowId,
    version: s.version,
    triggerType: s.triggerType,
    triggerKey: s.triggerKey ?? null,
    payload: s.payload ?? {},
    endUserId: s.endUserId ?? null,
    rerunOf: s.rerunOf ?? null,
    deadlineAt: new Date(Date.now() + graph.timeoutMs),
    test: s.test === true,
  };
}

/**
 * Inserts `rows` (all of workspace `workspaceId`, whose scope `tx` has) in one statement; a row
 * whose trigger key its workflow already has is not inserted and answers the existing execution. New rows are due at once in the execution queue (queue.ts),
 * whose workers a `NOTIFY` wakes at COMMIT. Answers one result per row, in order.
 */
export async function insertStartedExecutions(tx: Tx, workspaceId: string, rows: StartedRow[]): Promise<{ id: string; created: boolean }[]> {
  const json = JSON.stringify(
    rows.map((r) => ({
      id: r.id,
      workflow_id: r.workflowId,
      version: r.version,
      trigger_type: r.triggerType,
      trigger_key: r.triggerKey,
      payload: r.payload ?? {},
      end_user_id: r.endUserId,
      rerun_of: r.rerunOf,
      deadline_at: r.deadlineAt.toISOString(),
      test: r.test,
    })),
  );
  const inserted = await rawClient(tx).unsafe<{ id: string }[]>(insertStartedSql(), [json, workspaceId]);
  const created = new Set(inserted.map((r) => r.id));
  recordUsage(workspaceId, "executions", created.size); // usage history (batched, tenancy/usage-history.ts)
  const replayed = rows.filter((r) => !created.has(r.id));
  const existing = new Map<string, string>();
  if (replayed.length) {
    if (replayed.some((r) => r.triggerKey === null)) throw new Error("an execution without a trigger key was not inserted");
    const keys = JSON.stringify(replayed.map((r) => ({ workflow_id: r.workflowId, trigger_key: r.triggerKey })));
    const found = await tx.execute<{ id: string; workflow_id: string; trigger_key: string }>(sql`
      select e.id, e.workflow_id, e.trigger_key from ${executions} e
      join jsonb_to_recordset(${keys}::jsonb) as k(workflow_id uuid, trigger_key text) on e.workflow_id = k.workflow_id and e.trigger_key = k.trigger_key`);
    for (const f of found) existing.set(`${f.workflow_id}\n${f.trigger_key}`, f.id);
  }
  return rows.map((r) => (created.has(r.id) ? { id: r.id, created: true } : { id: existing.get(`${r.workflowId}\n${r.triggerKey}`)!, created: false }));
}

/** The postgres.js client of `tx` (drizzle's postgres-js driver). */
function rawClient(tx: Tx) {
  const client = driverOf(tx);
  if (!client) throw new Error("the engine needs drizzle's postgres-js driver");
  return client;
}

let insertStartedText: string | null = null;

/**
 * The insert of started executions as one constant text (prepared once per connection, not
 * rebuilt by drizzle per batch): $1 the rows (jsonb), $2 the workspace. The workspace's test mode
 * is tenancy's SQL expression, rendered once.
 */
function insertStartedSql(): string {
  insertStartedText ??= `
    with t as (
      select * from jsonb_to_recordset($1::jsonb) as t(id uuid, workflow_id uuid, version int, trigger_type text, trigger_key text,
        payload jsonb, end_user_id text, rerun_of uuid, deadline_at timestamptz, test boolean)),
    e as (
      insert into workflow_executions (id, workspace_id, workflow_id, version, trigger_type, trigger_key, trigger_payload, end_user_id, rerun_of, deadline_at, test, run_at)
      select t.id, $2::uuid, t.workflow_id, t.version, t.trigger_type, t.trigger_key, t.payload, t.end_user_id, t.rerun_of, t.deadline_at,
        (t.test or ${new PgDialect().sqlToQuery(workspaceTestModeSql(sql.raw("$2::uuid"))).sql}), now()
      from t
      on conflict do nothing returning id),
    n as (select pg_notify('${QUEUE_CHANNEL}', '') from (select 1 from e limit 1) one)
    select e.id, (select count(*) from n) as notified from e`;
  return insertStartedText;
}

/** Answers the execution id and whether this call created it. */
export async function startExecution(tx: Tx, s: StartExecution): Promise<{ id: string; created: boolean }> {
  const graph = await loadGraph(tx, s.workflowId, s.version);
  if (!s.reuse?.length) {
    // the common case (every trigger) in one statement: the row, due now, and a NOTIFY for the queue
    const [started] = await insertStartedExecutions(tx, s.workspaceId, [startedRow(s, graph)]);
    return started!;
  }
  const values = {
    workspaceId: s.workspaceId,
    workflowId: s.workflowId,
    version: s.version,
    triggerType: s.triggerType,
    triggerKey: s.triggerKey ?? null,
    triggerPayload: s.payload ?? {},
    endUserId: s.endUserId ?? null,
    rerunOf: s.rerunOf ?? null,
    deadlineAt: new Date(Date.now() + graph.timeoutMs),
    test: sql<boolean>`(${s.test === true} or ${workspaceTestModeSql(s.workspaceId)})`,
    runAt: sql`now()`,
  };
  let id: string | undefined;
  const [row] = await tx.insert(executions).values(values).onConflictDoNothing().returning();
  if (row) {
    const now = new Date();
    await tx.insert(stepRuns).values(
      s.reuse
        .filter((r) => graph.byId.has(r.stepId))
        .map((r) => ({
          workspaceId: s.workspaceId,
          executionId: row.id,
          stepId: r.stepId,
          status: "succeeded" as const,
          input: r.input,
          output: r.output,
          attempts: 0,
          reused: true,
          startedAt: now,
          finishedAt: now,
          durationMs: 0,
        })),
    );
    await queueExecution(tx, row);
    recordUsage(s.workspaceId, "executions");
    id = row.id;
  }
  if (id) return { id, created: true };
  const [existing] = await tx
    .select({ id: executions.id })
    .from(executions)
    .where(and(eq(executions.workflowId, s.workflowId), eq(executions.triggerKey, s.triggerKey!)));
  return { id: existing!.id, created: false };
}
