/**
 * OpenAPI documentation of the editor's test-data routes (routes.ts): the pinned sample payload
 * and the last test run (issue #14 part 5), with the contracts of `@nhood/contracts/workflow-test-data`.
 */
import { samplePayloadSchema, workflowTestDataSchema } from "@nhood/contracts/workflow-test-data";
import type { RouteDoc } from "../../lib/describe";

const WF = "3f1d2c4b-5a6e-4f70-8b9c-0d1e2f3a4b5c";
const EX = "8c9d0e1f-2a3b-4c5d-9e6f-7a8b9c0d1e2f";
const AT = "2026-12-07T09:30:00.000Z";
const developer = "A workspace developer (`owner`, `admin`, `developer`) or an API key with the `workflows` scope.";
const tags = ["workflows"];
const sample = { customer: { name: "Ada Lovelace", first_name: "Ada", last_name: "Lovelace", email: "ada@example.com" } };

export const getWorkflowTestData: RouteDoc = {
  summary: "Read a workflow's test data",
  operationId: "getWorkflowTestData",
  tags,
  security: "any",
  description:
    `${developer} Answers the workflow's pinned sample payload and its last test run — the newest execution started by hand ` +
    "(`POST …/run`) or in test mode — with every step run's input and output (`last_run` null when there is none yet). " +
    "The editor shows them on the canvas and completes `{{ … }}` expressions from them.",
  responses: {
    200: {
      description: "The sample payload and the last test run",
      schema: workflowTestDataSchema,
      example: {
        sample_payload: { payload: sample, pinned_at: AT },
        last_run: {
          id: EX,
          workflow_id: WF,
          workflow_name: "New customer to Slack",
          version: 2,
          status: "succeeded",
          trigger_type: "manual",
          end_user_id: null,
          test: true,
          error: null,
          rerun_of: null,
          created_at: AT,
          started_at: AT,
          finished_at: "2026-12-07T09:30:00.420Z",
          trigger_payload: sample,
          steps: [{ id: "notify", kind: "action", label: "slack.send_message", depends_on: [] }],
          step_runs: [
            {
              step_id: "notify",
              status: "succeeded",
              input: { channel: "#sales", text: "New customer: Ada Lovelace" },
              output: { ok: true, channel: "C2353414C65", ts: "1796636400.000100" },
              error: null,
              attempts: 1,
              reused: false,
              started_at: AT,
              finished_at: "2026-12-07T09:30:00.180Z",
              duration_ms: 180,
            },
          ],
        },
      },
    },
  },
};

export const pinSamplePayload: RouteDoc = {
  summary: "Pin a workflow's sample payload",
  operationId: "pinSamplePayload",
  tags,
  security: "any",
  description:
    `${developer} Pins \`payload\` (a JSON object, at most 64 KiB) as the workflow's sample trigger payload, or unpins it with \`null\`. ` +
    "Test runs without a payload (`POST …/run`) start with it, and the editor completes expressions from it. " +
    "Anything else than an object or null answers 400 naming `#/payload`.",
  responses: { 200: { description: "The pinned sample payload", schema: samplePayloadSchema, example: { payload: sample, pinned_at: AT } } },
  requestExample: { payload: sample },
};
