/**
 * The workflow editor's test data (issue #14 part 5): a sample trigger payload pinned per workflow
 * and the workflow's last test run. A separate entry point (`@nhood/contracts/workflow-test-data`),
 * outside the package index, so the shell's budgeted initial bundle does not carry editor-only shapes.
 */
import { z } from "zod";
import { executionDetailSchema } from "./workflows";

/** The largest sample payload accepted, in bytes of its JSON text (64 KiB). */
export const SAMPLE_PAYLOAD_MAX_BYTES = 65_536;

const payloadObject = z.record(z.string(), z.unknown()).refine((p) => new TextEncoder().encode(JSON.stringify(p)).length <= SAMPLE_PAYLOAD_MAX_BYTES, {
  message: `at most ${SAMPLE_PAYLOAD_MAX_BYTES / 1024} KiB of JSON`,
});

/**
 * A workflow's pinned sample trigger payload: what test runs without a payload start with, and
 * what the editor completes `{{ … }}` expressions from. `payload` null: nothing pinned.
 */
export const samplePayloadSchema = z
  .object({
    payload: z.record(z.string(), z.unknown()).nullable(),
    /** when it was pinned; null when nothing is */
    pinned_at: z.iso.datetime().nullable(),
  })
  .meta({ id: "SamplePayload" });
export type SamplePayload = z.infer<typeof samplePayloadSchema>;

/** `PUT /workflows/{id}/sample-payload`: a JSON object (at most 64 KiB) to pin, or null to unpin. */
export const pinSamplePayloadSchema = z.object({ payload: payloadObject.nullable() });
export type PinSamplePayloadRequest = z.infer<typeof pinSamplePayloadSchema>;

/**
 * `GET /workflows/{id}/test-data`: the pinned sample payload and the workflow's last test run
 * (its newest execution started by hand or in test mode), with every step run's input and output;
 * `last_run` null when it has none yet.
 */
export const workflowTestDataSchema = z
  .object({
    sample_payload: samplePayloadSchema,
    last_run: executionDetailSchema.nullable(),
  })
  .meta({ id: "WorkflowTestData" });
export type WorkflowTestData = z.infer<typeof workflowTestDataSchema>;
