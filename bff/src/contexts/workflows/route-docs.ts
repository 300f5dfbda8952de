/**
 * OpenAPI documentation of the workflow routes (routes.ts, webhooks.ts): one `RouteDoc` per
 * operation, with the response contracts from @nhood/contracts and an example of the main answer.
 * Routes pass them to `describeRoute(...)`; lib/openapi.ts builds the document from them.
 */
import {
  acceptedExecutionSchema,
  acceptedExecutionsSchema,
  actionListSchema,
  executionDetailSchema,
  executionPageSchema,
  myExecutionListSchema,
  versionDiffSchema,
  workflowDetailSchema,
  workflowPageSchema,
  workflowValidationSchema,
  workflowVersionListSchema,
} from "@nhood/contracts";
import type { RouteDoc } from "../../lib/describe";

const WS = "0b7c3f52-6a1e-4d8b-9c2f-5e4a3b2c1d0e";
const WF = "3f1d2c4b-5a6e-4f70-8b9c-0d1e2f3a4b5c";
const EX = "8c9d0e1f-2a3b-4c5d-9e6f-7a8b9c0d1e2f";
const EX2 = "9d0e1f2a-3b4c-4d5e-8f70-8b9c0d1e2f3a";
const AT = "2026-12-07T09:30:00.000Z";

const definition = {
  name: "New customer to Slack",
  trigger: { type: "webhook", path: "/new-customer" },
  steps: [{ id: "notify", provider: "slack", action: "send_message", config: { channel: "#sales", text: "New customer {{customer.email}}" } }],
};
const detail = {
  id: WF,
  name: "New customer to Slack",
  status: "active",
  version: 2,
  trigger: definition.trigger,
  definition,
  draft: definition,
  has_unpublished_changes: false,
  webhook_url: `https://app.example.com/webhooks/${WS}/new-customer`,
  created_at: "2026-12-01T08:00:00.000Z",
  updated_at: AT,
};
const summary = {
  id: EX,
  workflow_id: WF,
  workflow_name: "New customer to Slack",
  version: 2,
  status: "failed",
  trigger_type: "webhook",
  end_user_id: "user_xyz",
  test: false,
  error: "step notify: slack answered 404 channel_not_found",
  rerun_of: null,
  created_at: AT,
  started_at: AT,
  finished_at: "2026-12-07T09:30:01.250Z",
};

const developer = "A workspace developer (`owner`, `admin`, `developer`) or an API key with the `workflows` scope.";
const tags = ["workflows"];
const execTags = ["executions"];
const detailAnswer = (description: string) => ({ 200: { description, schema: workflowDetailSchema, example: detail } });

export const listWorkflows: RouteDoc = {
  summary: "List workflows",
  operationId: "listWorkflows",
  tags,
  security: "any",
  description: `${developer} Answers the workspace's workflows, most recently updated first, one keyset page at a time (pass \`next_cursor\` back as \`cursor\`).`,
  responses: {
    200: {
      description: "One page of workflows",
      schema: workflowPageSchema,
      example: { items: [{ id: WF, name: "New customer to Slack", status: "active", version: 2, updated_at: AT }], next_cursor: null },
    },
  },
};

export const createWorkflow: RouteDoc = {
  summary: "Create a workflow",
  operationId: "createWorkflow",
  tags,
  security: "any",
  description:
    `${developer} Creates a workflow from a definition (seed 001 DSL) and publishes it as version 1, or keeps it as an unpublished draft with \`draft: true\`. ` +
    "A definition that cannot be published answers 400 with each field at fault; a webhook path another workflow listens on answers 409.",
  responses: { 201: { description: "The new workflow", schema: workflowDetailSchema, example: { ...detail, version: 1 } } },
  errors: [400, 401, 403, 404, 409, 429],
  requestExample: definition,
};

export const getWorkflow: RouteDoc = {
  summary: "Read a workflow",
  operationId: "getWorkflow",
  tags,
  security: "any",
  description: `${developer} Answers the workflow with its live definition, its draft and whether the draft has unpublished changes.`,
  responses: detailAnswer("The workflow"),
  errors: [400, 401, 403, 404, 429],
};

export const saveWorkflowDraft: RouteDoc = {
  summary: "Save a workflow's draft",
  operationId: "saveWorkflowDraft",
  tags,
  security: "any",
  description: `${developer} Replaces the draft (the editor's working copy); the live version keeps running until the draft is published. Only the shape is checked here.`,
  responses: detailAnswer("The workflow with its new draft"),
  requestExample: definition,
};

export const validateWorkflow: RouteDoc = {
  summary: "Check a workflow definition",
  operationId: "validateWorkflow",
  tags,
  security: "any",
  description:
    `${developer} Runs the publish-time checks (step ids, dependencies and cycles, known actions and their configs, cron, CEL expressions) without saving anything. ` +
    "A definition with a valid shape answers 200 with the problems found (an empty list when it would publish); a malformed one answers 400.",
  responses: {
    200: {
      description: "The problems publishing would refuse",
      schema: workflowValidationSchema,
      example: { errors: [{ pointer: "#/steps/0/config/text", detail: "step notify: syntax error in {{ customer. }}: unexpected end of input" }] },
    },
  },
  requestExample: definition,
};

export const publishWorkflow: RouteDoc = {
  summary: "Publish a workflow's draft",
  operationId: "publishWorkflow",
  tags,
  security: "any",
  description:
    `${developer} Publishes the draft as a new immutable version and makes it live (the workflow becomes \`active\`). ` +
    "A draft that fails the publish checks answers 400 naming each field; a webhook path taken by another workflow answers 409.",
  responses: detailAnswer("The workflow, live at its new version"),
  errors: [400, 401, 403, 404, 409, 429],
};

export const disableWorkflow: RouteDoc = {
  summary: "Disable a workflow",
  operationId: "disableWorkflow",
  tags,
  security: "any",
  description: `${developer} Stops the workflow's triggers (webhook calls answer 409, schedules and events are skipped); executions already running finish.`,
  responses: detailAnswer("The disabled workflow"),
};

export const enableWorkflow: RouteDoc = {
  summary: "Enable a workflow",
  operationId: "enableWorkflow",
  tags,
  security: "any",
  description: `${developer} Turns the live version's triggers back on. A workflow never published answers 409.`,
  responses: detailAnswer("The active workflow"),
  errors: [400, 401, 403, 404, 409, 429],
};

export const deleteWorkflow: RouteDoc = {
  summary: "Delete a workflow",
  operationId: "deleteWorkflow",
  tags,
  security: "any",
  description: `${developer} Deletes the workflow with its versions and executions.`,
  responses: { 204: { description: "Deleted" } },
};

export const runWorkflow: RouteDoc = {
  summary: "Run a workflow now",
  operationId: "runWorkflow",
  tags,
  security: "any",
  description:
    `${developer} Starts the live version with \`payload\` as the trigger payload (the editor's test run) and answers once the execution is queued. ` +
    "Without `payload` the run takes the workflow's pinned sample payload (`PUT …/sample-payload`), else `{}`. " +
    "A workflow never published, or disabled, answers 409.",
  responses: { 202: { description: "The execution is queued", schema: acceptedExecutionSchema, example: { execution_id: EX } } },
  errors: [400, 401, 403, 404, 409, 429],
  requestExample: { payload: { customer: { email: "ada@example.com" } } },
};

export const rerunFailedExecutions: RouteDoc = {
  summary: "Re-run a workflow's failed executions",
  operationId: "rerunFailedExecutions",
  tags,
  security: "any",
  description: `${developer} Re-runs every failed execution of the workflow that was not re-run yet (at most 500), each from its failed step on the same version.`,
  responses: { 202: { description: "The executions started", schema: acceptedExecutionsSchema, example: { execution_ids: [EX2] } } },
};

export const listWorkflowVersions: RouteDoc = {
  summary: "List a workflow's versions",
  operationId: "listWorkflowVersions",
  tags,
  security: "any",
  description: `${developer} Answers every published version, newest first; \`live\` marks the one that runs.`,
  responses: {
    200: { description: "The versions", schema: workflowVersionListSchema, example: { items: [{ version: 2, definition, created_at: AT, live: true }] } },
  },
};

export const compareWorkflowVersions: RouteDoc = {
  summary: "Compare two workflow versions",
  operationId: "compareWorkflowVersions",
  tags,
  security: "any",
  description: `${developer} Answers the differences from version \`from\` to version \`to\` as JSON pointers into the definition. An unknown version answers 404.`,
  responses: {
    200: {
      description: "The changes",
      schema: versionDiffSchema,
      example: { from: 1, to: 2, changes: [{ type: "CHANGE", pointer: "#/steps/0/config/channel", before: "#general", after: "#sales" }] },
    },
  },
};

export const rollbackWorkflow: RouteDoc = {
  summary: "Roll a workflow back to a version",
  operationId: "rollbackWorkflow",
  tags,
  security: "any",
  description: `${developer} Publishes an earlier version's definition again as a new version (versions stay immutable). An unknown version answers 404; a webhook path taken meanwhile answers 409.`,
  responses: detailAnswer("The workflow, live at the new version"),
  errors: [400, 401, 403, 404, 409, 429],
  requestExample: { version: 1 },
};

export const listExecutions: RouteDoc = {
  summary: "List executions",
  operationId: "listExecutions",
  tags: execTags,
  security: "any",
  description: `${developer} Answers the workspace's executions, newest first, filtered by workflow, status, end user and time, one keyset page at a time.`,
  responses: { 200: { description: "One page of executions", schema: executionPageSchema, example: { items: [summary], next_cursor: null } } },
};

export const getExecution: RouteDoc = {
  summary: "Read an execution",
  operationId: "getExecution",
  tags: execTags,
  security: "any",
  description: `${developer} Answers the execution with its trigger payload, the version's step graph and every step run's input, output, error, attempts and duration.`,
  responses: {
    200: {
      description: "The execution with its step runs",
      schema: executionDetailSchema,
      example: {
        ...summary,
        trigger_payload: { customer: { email: "ada@example.com" } },
        steps: [{ id: "notify", kind: "action", label: "slack.send_message", depends_on: [] }],
        step_runs: [
          {
            step_id: "notify",
            status: "failed",
            input: { channel: "#sales", text: "New customer ada@example.com" },
            output: null,
            error: "slack answered 404 channel_not_found",
            attempts: 3,
            reused: false,
            started_at: AT,
            finished_at: "2026-12-07T09:30:01.250Z",
            duration_ms: 1250,
          },
        ],
      },
    },
  },
};

export const rerunExecution: RouteDoc = {
  summary: "Re-run an execution",
  operationId: "rerunExecution",
  tags: execTags,
  security: "any",
  description: `${developer} Starts a new execution with the same trigger payload, from the start or from the failed step (reusing the outputs of the steps that succeeded), on the same or the latest version.`,
  responses: { 202: { description: "The new execution is queued", schema: acceptedExecutionSchema, example: { execution_id: EX2 } } },
  requestExample: { from: "failed_step", version: "latest" },
};

export const cancelExecution: RouteDoc = {
  summary: "Cancel an execution",
  operationId: "cancelExecution",
  tags: execTags,
  security: "any",
  description: `${developer} Cancels a queued or running execution and its pending step runs; an execution that has already ended answers 409.`,
  responses: { 204: { description: "Cancelled" } },
  errors: [400, 401, 403, 404, 409, 429],
};

export const listMyExecutions: RouteDoc = {
  summary: "List my executions",
  operationId: "listMyExecutions",
  tags: execTags,
  security: "session",
  description:
    "The signed-in end user (client portal, end-user token from a connect session). Answers their newest 50 executions with each step's status, without inputs or outputs.",
  responses: {
    200: {
      description: "The end user's executions",
      schema: myExecutionListSchema,
      example: {
        items: [
          {
            id: EX,
            workflow_name: "New customer to Slack",
            status: "succeeded",
            created_at: AT,
            finished_at: "2026-12-07T09:30:01.250Z",
            steps: [{ step_id: "notify", status: "succeeded" }],
          },
        ],
      },
    },
  },
  errors: [400, 401, 403, 429],
};

export const listWorkflowActions: RouteDoc = {
  summary: "List the actions steps can use",
  operationId: "listWorkflowActions",
  tags,
  security: "any",
  description: `${developer} Answers the action palette: every provider action, built-in ones first, each with its config as JSON Schema (draft 2020-12) for the editor's form.`,
  responses: {
    200: {
      description: "The actions",
      schema: actionListSchema,
      example: {
        items: [
          {
            provider: "slack",
            action: "send_message",
            title: "Send a message",
            builtin: false,
            input_schema: { type: "object", properties: { channel: { type: "string" }, text: { type: "string" } }, required: ["channel", "text"] },
          },
        ],
      },
    },
  },
};

export const triggerWorkflowWebhook: RouteDoc = {
  summary: "Trigger a workflow by webhook",
  operationId: "triggerWorkflowWebhook",
  tags,
  security: "none",
  description:
    "Anyone who knows the URL (`webhook_url` of the workflow): the JSON body becomes the trigger payload. When the trigger sets `verify_signature`, " +
    "the request must carry a Standard Webhooks signature (`webhook-id`, `webhook-timestamp`, `webhook-signature`) made with the workspace's webhook secret, else 401. " +
    "Answers 202 only after the payload, the execution and its job have committed; a repeated `Idempotency-Key` (or `webhook-id`) answers the same execution with `Idempotent-Replayed: true`. " +
    "Malformed JSON answers 400, bodies over 256 KiB 413, an unknown path 404, a disabled workflow 409 and a suspended workspace 403. " +
    "A workspace that already has its limit of executions waiting or running (`NH_WORKSPACE_BACKLOG_LIMIT`, default 2,000) is answered 429 `workspace-backlog-full` with `Retry-After`: retry after that many seconds.",
  responses: {
    202: {
      description: "The execution is queued",
      schema: acceptedExecutionSchema,
      example: { execution_id: EX },
      headers: { "Idempotent-Replayed": "`true` when the idempotency key was seen before and this is the original execution" },
    },
  },
  errors: [400, 401, 403, 404, 409, 413, 429],
  requestExample: { customer: { email: "ada@example.com" }, end_user_id: "user_xyz" },
};
