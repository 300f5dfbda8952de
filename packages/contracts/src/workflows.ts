/**
 * The workflow DSL (seed 001) and the workflow/execution API shapes.
 *
 * A definition is `{name, description?, trigger, steps, timeout?}`. Steps are either actions
 * (`provider` + `action` + `config`) or conditions (`type: "condition"`, `condition`, `then`,
 * `else` listing step ids). `id` is optional (derived from provider/action when missing) and
 * `depends_on` lists step ids; a step without `depends_on` follows the step before it.
 * Templates `{{ … }}` and conditions are CEL expressions (bare roots read the trigger payload).
 */
import { z } from "zod";
import { page, workflowSummarySchema } from "./lists";

/** `30`, `"30s"`, `"5m"`, `"1h"`, `"500ms"` → a duration; see `durationMs`. */
export const durationSchema = z.union([z.number().positive().max(86_400), z.string().regex(/^\d+(ms|s|m|h)$/, "use a duration like 30s, 5m or 1h")]);

/** Milliseconds of a duration: numbers are seconds; strings carry a unit. */
export function durationMs(d: z.infer<typeof durationSchema>): number {
  if (typeof d === "number") return d * 1000;
  const m = /^(\d+)(ms|s|m|h)$/.exec(d)!;
  return Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as "ms" | "s" | "m" | "h"];
}

const stepId = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,62}$/, "letters, digits and _ (not starting with a digit)");

export const retrySchema = z.object({
  max_attempts: z.number().int().min(1).max(10).default(1),
  backoff: z.enum(["exponential", "fixed"]).default("exponential"),
  /** first retry delay in ms (default 1000); exponential doubles it per attempt, with jitter */
  initial_delay_ms: z.number().int().min(0).max(3_600_000).optional(),
  max_delay_ms: z.number().int().min(0).max(86_400_000).optional(),
});

const common = {
  id: stepId.optional(),
  name: z.string().max(200).optional(),
  depends_on: z.array(stepId).max(50).optional(),
};

/**
 * Whose connection a provider step uses: `"workspace"` (the workspace's own connection to the
 * provider) or `{end_user: "<template>"}`, the end user named per run by a `{{ }}` template (our
 * id or the workspace's external id), e.g. `{end_user: "{{ lead.owner_id }}"}`. A step without
 * one takes the workflow's; with neither, the end user the trigger carries when there is one,
 * else the workspace's connection (docs/decisions/020-test-mode-and-sandbox.md).
 */
export const connectionChoiceSchema = z.union([z.literal("workspace"), z.object({ end_user: z.string().trim().min(1).max(500) }).strict()]);
export type ConnectionChoice = z.infer<typeof connectionChoiceSchema>;

export const actionStepSchema = z.object({
  ...common,
  type: z.literal("action").optional(),
  provider: z.string().min(1).max(64),
  action: z.string().min(1).max(64),
  config: z.record(z.string(), z.unknown()).default({}),
  /** overrides the workflow's `connection` for this step */
  connection: connectionChoiceSchema.optional(),
  retry: retrySchema.optional(),
  timeout: durationSchema.optional(),
});

export const conditionStepSchema = z.object({
  ...common,
  type: z.literal("condition"),
  condition: z.string().min(1).max(2000),
  then: z.array(stepId).max(50).default([]),
  else: z.array(stepId).max(50).default([]),
});

export const stepSchema = z.union([conditionStepSchema, actionStepSchema]);

export const triggerSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("webhook"),
    path: z
      .string()
      .min(1)
      .max(200)
      .regex(/^\/?[A-Za-z0-9._~\-/]+$/, "a URL path like /new-customer"),
    /** when true, requests must carry a valid Standard Webhooks signature (workspace secret) */
    verify_signature: z.boolean().optional(),
  }),
  z.object({ type: z.literal("schedule"), cron: z.string().min(1).max(100), timezone: z.string().min(1).max(64).default("UTC") }),
  /**
   * An event starts the workflow: a platform event (`lead.created`, `execution.failed`, …) or an
   * event the workspace sends with `POST /api/v1/events` (or the batch route) of type `event`.
   * `filter` (optional) is a CEL condition over `payload` and `event` (`{id, type, source,
   * client_event_id, timestamp}`), e.g. `payload.amount > 100`; the run's trigger payload is the
   * event's payload plus `event` (docs/decisions/021-events-start-workflows.md).
   */
  z.object({
    type: z.literal("event"),
    event: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .regex(/^[A-Za-z0-9_.:-]+$/, "an event type like lead.created or order.paid (letters, digits and . _ : -)")
      .describe("the type of the events that start the workflow: one sent with POST /api/v1/events, or a platform event such as lead.created"),
    filter: z
      .string()
      .trim()
      .min(1)
      .max(2000)
      .optional()
      .describe(
        "a CEL condition over payload and event ({id, type, source, client_event_id, subject_id, timestamp}), e.g. payload.amount > 100; the run's trigger payload is the event's payload plus event",
      ),
  }),
  z.object({ type: z.literal("manual") }),
]);

export const workflowDefinitionSchema = z.object({
  name: z.string().trim().min(1).max(200),
  description: z.string().max(2000).optional(),
  trigger: triggerSchema,
  steps: z.array(stepSchema).min(1).max(100),
  /** whose connection provider steps use unless a step says otherwise (see connectionChoiceSchema) */
  connection: connectionChoiceSchema.optional(),
  /** whole-execution timeout (default 1h) */
  timeout: durationSchema.optional(),
});
export type WorkflowDefinition = z.infer<typeof workflowDefinitionSchema>;
export type WorkflowStep = z.infer<typeof stepSchema>;
export type WorkflowTrigger = z.infer<typeof triggerSchema>;
/** What a client may send (defaults not yet applied): the editor's working copy. */
export type WorkflowDefinitionInput = z.input<typeof workflowDefinitionSchema>;
export type WorkflowStepInput = z.input<typeof stepSchema>;

/** `POST /workflows`: the definition, plus `draft: true` to create it unpublished. */
export const createWorkflowSchema = workflowDefinitionSchema.extend({ draft: z.boolean().optional() });

export const workflowStatusSchema = z.enum(["draft", "active", "disabled"]);

export const workflowDetailSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    status: workflowStatusSchema,
    /** the live (published) version; 0 when never published */
    version: z.number().int(),
    trigger: z.record(z.string(), z.unknown()),
    definition: z.record(z.string(), z.unknown()).nullable(),
    draft: z.record(z.string(), z.unknown()),
    has_unpublished_changes: z.boolean(),
    webhook_url: z.string().nullable(),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
    /**
     * Publish-time warnings that do not block publishing (answered by publish): e.g. a provider step
     * that will use the workspace's connection while the workspace has not connected that provider yet.
     */
    warnings: z.array(z.object({ pointer: z.string(), detail: z.string() })).optional(),
  })
  .meta({ id: "WorkflowDetail" });
export type WorkflowDetail = z.infer<typeof workflowDetailSchema>;

export const workflowVersionSchema = z
  .object({
    version: z.number().int(),
    definition: z.record(z.string(), z.unknown()),
    created_at: z.iso.datetime(),
    live: z.boolean(),
  })
  .meta({ id: "WorkflowVersion" });
export type WorkflowVersion = z.infer<typeof workflowVersionSchema>;

export const versionDiffSchema = z
  .object({
    from: z.number().int(),
    to: z.number().int(),
    changes: z.array(
      z.object({ type: z.enum(["CREATE", "REMOVE", "CHANGE"]), pointer: z.string(), before: z.unknown().optional(), after: z.unknown().optional() }),
    ),
  })
  .meta({ id: "VersionDiff" });

export const executionStatusSchema = z.enum(["queued", "running", "succeeded", "failed", "cancelled"]);
export type ExecutionStatus = z.infer<typeof executionStatusSchema>;
export const stepRunStatusSchema = z.enum(["queued", "running", "retrying", "succeeded", "failed", "skipped", "cancelled"]);

export const executionSummarySchema = z
  .object({
    id: z.uuid(),
    workflow_id: z.uuid(),
    workflow_name: z.string(),
    version: z.number().int(),
    status: executionStatusSchema,
    trigger_type: z.string(),
    end_user_id: z.string().nullable(),
    /** a test execution: started with a test API key or in test mode; its provider calls went to the sandbox */
    test: z.boolean(),
    error: z.string().nullable(),
    rerun_of: z.uuid().nullable(),
    created_at: z.iso.datetime(),
    started_at: z.iso.datetime().nullable(),
    finished_at: z.iso.datetime().nullable(),
  })
  .meta({ id: "ExecutionSummary" });
export type ExecutionSummary = z.infer<typeof executionSummarySchema>;

export const stepRunSchema = z
  .object({
    step_id: z.string(),
    status: stepRunStatusSchema,
    input: z.unknown().nullable(),
    output: z.unknown().nullable(),
    error: z.string().nullable(),
    attempts: z.number().int(),
    reused: z.boolean(),
    started_at: z.iso.datetime().nullable(),
    finished_at: z.iso.datetime().nullable(),
    duration_ms: z.number().int().nullable(),
  })
  .meta({ id: "StepRun" });
export type StepRun = z.infer<typeof stepRunSchema>;

export const executionDetailSchema = executionSummarySchema
  .extend({
    trigger_payload: z.unknown(),
    steps: z.array(z.object({ id: z.string(), kind: z.enum(["action", "condition"]), label: z.string(), depends_on: z.array(z.string()) })),
    step_runs: z.array(stepRunSchema),
  })
  .meta({ id: "ExecutionDetail" });
export type ExecutionDetail = z.infer<typeof executionDetailSchema>;

export const rerunSchema = z.object({
  from: z.enum(["start", "failed_step"]).default("start"),
  version: z.enum(["same", "latest"]).default("same"),
});

export const executionFilterSchema = z.object({
  workflow_id: z.uuid().optional(),
  status: executionStatusSchema.optional(),
  end_user_id: z.string().max(200).optional(),
  /** live (default) or test executions: the two are listed apart */
  mode: z.enum(["live", "test"]).default("live"),
  since: z.iso.datetime({ offset: true }).optional(),
  until: z.iso.datetime({ offset: true }).optional(),
  cursor: z.string().max(200).optional(),
});
export type ExecutionFilter = z.infer<typeof executionFilterSchema>;

/** One entry of the action palette; `input_schema` is the action's config as JSON Schema (draft 2020-12, input side). */
export const actionInfoSchema = z
  .object({ provider: z.string(), action: z.string(), title: z.string(), builtin: z.boolean(), input_schema: z.record(z.string(), z.unknown()).optional() })
  .meta({ id: "ActionInfo" });
export type ActionInfo = z.infer<typeof actionInfoSchema>;

export const acceptedExecutionSchema = z.object({ execution_id: z.uuid() }).meta({ id: "AcceptedExecution" });

/** What an end user sees of their own executions (client portal): no inputs or outputs. */
export const myExecutionSchema = z
  .object({
    id: z.uuid(),
    workflow_name: z.string(),
    status: executionStatusSchema,
    created_at: z.iso.datetime(),
    finished_at: z.iso.datetime().nullable(),
    steps: z.array(z.object({ step_id: z.string(), status: stepRunStatusSchema })),
  })
  .meta({ id: "MyExecution" });
export type MyExecution = z.infer<typeof myExecutionSchema>;

/** `GET /workflows`: one keyset page of workflows, most recently updated first. */
export const workflowPageSchema = page(workflowSummarySchema);

/** `POST /workflows/validate`: what publishing would refuse, each as a JSON pointer into the definition; empty when it is valid. */
export const workflowValidationSchema = z.object({
  errors: z.array(z.object({ pointer: z.string().describe("RFC 6901 pointer into the definition, e.g. #/steps/1/config/text"), detail: z.string() })),
  /** what publishing would warn about but accept (e.g. a provider with no workspace connection yet) */
  warnings: z.array(z.object({ pointer: z.string(), detail: z.string() })).optional(),
});

/** `GET /workflows/{id}/versions`: every published version, newest first. */
export const workflowVersionListSchema = z.object({ items: z.array(workflowVersionSchema) });

/** `POST /workflows/{id}/rerun-failed`: the executions started, one per failed execution not re-run yet (at most 500). */
export const acceptedExecutionsSchema = z.object({ execution_ids: z.array(z.uuid()) });

/** `GET /executions`: one keyset page of executions, newest first. */
export const executionPageSchema = page(executionSummarySchema);

/** `GET /workflow-actions`: the action palette, built-in actions first. */
export const actionListSchema = z.object({ items: z.array(actionInfoSchema) });

/** `GET /client/executions`: the end user's newest 50 executions. */
export const myExecutionListSchema = z.object({ items: z.array(myExecutionSchema) });
