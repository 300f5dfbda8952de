/**
 * Workflows tables: the workflow (its draft and live version), immutable versions, executions
 * pinned to a version, and one step run per (execution, step).
 */
import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { KEYSET_PRECISION } from "../../lib/keyset";
import { workspaceKey } from "../../db/references";

export const workflows = pgTable(
  "workflows",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaceKey.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    status: text("status", { enum: ["draft", "active", "disabled"] })
      .notNull()
      .default("draft"),
    /** the live version number; 0 while never published */
    version: integer("version").notNull().default(0),
    /** the editable definition (the DSL as last saved) */
    draft: jsonb("draft").$type<Record<string, unknown>>(),
    draftChanged: boolean("draft_changed").notNull().default(true),
    /** denormalised from the live version for trigger lookups */
    triggerType: text("trigger_type"),
    webhookPath: text("webhook_path"),
    eventType: text("event_type"),
    /** schedule triggers: the last tick that started (or was skipped into) an execution */
    scheduleLastTick: timestamp("schedule_last_tick", { withTimezone: true }),
    /** a trigger payload pinned in the editor: its completions read it, and test runs without a payload use it */
    samplePayload: jsonb("sample_payload").$type<Record<string, unknown>>(),
    samplePayloadPinnedAt: timestamp("sample_payload_pinned_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: KEYSET_PRECISION }).notNull().defaultNow(),
  },
  (t) => [
    index("workflows_ws_updated_idx").on(t.workspaceId, t.updatedAt, t.id),
    uniqueIndex("workflows_ws_webhook_path_uq").on(t.workspaceId, t.webhookPath),
    index("workflows_ws_event_idx").on(t.workspaceId, t.eventType),
  ],
);

export const workflowVersions = pgTable(
  "workflow_versions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaceKey.id, { onDelete: "cascade" }),
    workflowId: uuid("workflow_id")
      .notNull()
      .references(() => workflows.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    definition: jsonb("definition").$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("workflow_versions_wf_version_uq").on(t.workflowId, t.version)],
);

export const executionStatuses = ["queued", "running", "succeeded", "failed", "cancelled"] as const;

export const executions = pgTable(
  "workflow_executions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaceKey.id, { onDelete: "cascade" }),
    workflowId: uuid("workflow_id")
      .notNull()
      .references(() => workflows.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    status: text("status", { enum: executionStatuses }).notNull().default("queued"),
    triggerType: text("trigger_type").notNull(),
    /** de-duplicates triggers: `webhook:<Idempotency-Key>`, `schedule:<tick>`, `event:<event id>` */
    triggerKey: text("trigger_key"),
    triggerPayload: jsonb("trigger_payload").notNull(),
    endUserId: text("end_user_id"),
    error: text("error"),
    rerunOf: uuid("rerun_of"),
    deadlineAt: timestamp("deadline_at", { withTimezone: true }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, precision: KEYSET_PRECISION }).notNull().defaultNow(),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    /** a test execution (nhood_sk_test_ key or workspace in test mode): provider calls go to the sandbox */
    test: boolean("test").notNull().default(false),
    /** the queue (engine/queue.ts): when the active execution is next due for a worker; null once it has ended */
    runAt: timestamp("run_at", { withTimezone: true }),
    /** the worker running it (`claimed_by`) and until when its heartbeated lease holds; past it the worker counts as dead */
    leaseUntil: timestamp("lease_until", { withTimezone: true }),
    claimedBy: text("claimed_by"),
  },
  (t) => [
    index("workflow_executions_ws_created_idx").on(t.workspaceId, t.createdAt, t.id),
    index("workflow_executions_ws_mode_created_idx").on(t.workspaceId, t.test, t.createdAt, t.id),
    index("workflow_executions_wf_created_idx").on(t.workflowId, t.createdAt, t.id),
    uniqueIndex("workflow_executions_trigger_key_uq").on(t.workflowId, t.triggerKey),
    // the queue's claims walk the due executions workspace by workspace (engine/queue.ts)
    index("workflow_executions_queue_idx").on(t.workspaceId, t.runAt).where(sql`run_at is not null`),
  ],
);

export const stepRunStatuses = ["queued", "running", "retrying", "succeeded", "failed", "skipped", "cancelled"] as const;

export const stepRuns = pgTable(
  "workflow_step_runs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaceKey.id, { onDelete: "cascade" }),
    executionId: uuid("execution_id")
      .notNull()
      .references(() => executions.id, { onDelete: "cascade" }),
    stepId: text("step_id").notNull(),
    status: text("status", { enum: stepRunStatuses }).notNull().default("queued"),
    input: jsonb("input"),
    output: jsonb("output"),
    error: text("error"),
    attempts: integer("attempts").notNull().default(0),
    /** copied from an earlier execution by a re-run from the failed step */
    reused: boolean("reused").notNull().default(false),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    durationMs: integer("duration_ms"),
    /** while `running`: when a live worker should have finished the attempt (step timeout + grace;
     * informational: the execution's heartbeated claim decides, queue.ts; not indexed since
     * migration 0045). While `retrying`: when the next attempt is due. */
    leaseUntil: timestamp("lease_until", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("workflow_step_runs_exec_step_uq").on(t.executionId, t.stepId)],
);
