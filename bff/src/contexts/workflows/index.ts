/**
 * The workflows context's entry point: the only module other contexts and the app import.
 * Workflows owns workflows, their immutable versions, triggers, executions and step runs (tables
 * in ./schema.ts, which no other context imports). It depends on integrations (actions),
 * notifications (the `core.notify` step), tenancy, identity and the kernel. Loading it registers
 * its tasks, its domain-event consumers (event triggers), its built-in actions and its part of an
 * end user's data rights.
 */
import "./tasks";
import "./personal-data";

export { workflowsRoutes } from "./routes";
export { webhookRoutes } from "./webhooks";
export { createWorkflow } from "./service";
export { executionCountsByStatus } from "./executions";
export { drainExecutionQueue, startExecutionQueue, type ExecutionQueue } from "./engine/queue";
export { PROCESS_SUPPORT_TICKET, WELCOME_NEW_CUSTOMER } from "./seed-examples";

/** Domain events workflows appends (kernel/events.ts), for consumers in the contexts above. */
export const WORKFLOWS_EVENTS = [
  "workflow.created",
  "workflow.draft_saved",
  "workflow.published",
  "workflow.rolled_back",
  "workflow.enabled",
  "workflow.disabled",
  "workflow.deleted",
  "workflow.sample_payload_pinned",
  "workflow.notified",
  "execution.succeeded",
  "execution.failed",
  "execution.cancelled",
] as const;
