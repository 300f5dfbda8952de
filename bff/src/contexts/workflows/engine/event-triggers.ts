/**
 * Event triggers (docs/decisions/021-events-start-workflows.md): an event starts every active
 * workflow of its workspace whose trigger is `{type: "event", event: <its type>}` and whose
 * optional `filter` (CEL over `payload` and `event`) holds — once per (workflow, event): the
 * execution's trigger key is `event:<event id>`, unique per workflow
 * (`workflow_executions_trigger_key_uq`), so a second delivery of the same event starts nothing.
 *
 * Two sources, one matcher:
 * - events a workspace sends (`POST /api/v1/events`, the batch route), handed over in batches by
 *   notifications' evaluator (`onEventsReceived`); a re-sent `clientEventId` is the same stored
 *   event, so it never reaches here twice;
 * - platform events (`lead.created`, `execution.failed`, …), from the domain-event log
 *   (`workflows.event_trigger` consumer, tasks.ts).
 *
 * The run's trigger payload is the event's payload plus `event`: `{id, type, source
 * ("api" | "platform"), client_event_id, subject_id, timestamp}` (an `event` key of the payload is
 * replaced). A string `end_user_id` in the payload names the run's end user, as on webhooks.
 */
import { and, eq, inArray } from "drizzle-orm";
import type { Tx } from "../../../db/client";
import { celActivation, evaluateCondition } from "../../../kernel/expressions";
import { logger } from "../../../lib/logger";
import { workflows } from "../schema";
import { startExecution } from "./start";
import { cachedVersion } from "./versions";

/** An event as a trigger sees it; `event` is what the run's payload carries under `event`. */
export interface TriggeringEvent {
  payload: Record<string, unknown>;
  event: { id: string; type: string; source: string; client_event_id: string | null; subject_id: string | null; timestamp: string };
  /** platform events that a workflow's own execution appended (payload.workflow_id) do not start that workflow */
  fromWorkflowId?: string | null;
  /** sent with a test key: its runs are test executions (a workspace in test mode makes every run one; decision 020) */
  test?: boolean;
}

/** Whether `filter` holds for `e`; a filter that cannot be evaluated (a missing field, a type error) does not match. */
function filterHolds(filter: string | undefined, e: TriggeringEvent, workspaceId: string, workflowId: string): boolean {
  if (!filter) return true;
  try {
    return evaluateCondition(filter, celActivation({ payload: e.payload, event: e.event }));
  } catch (err) {
    logger.info(
      { workspace_id: workspaceId, workflow_id: workflowId, event_id: e.event.id, error: String(err) },
      "event trigger filter could not be evaluated: no run",
    );
    return false;
  }
}

/**
 * Starts, in `tx`, the runs `events` (of one workspace, oldest first) call for: one statement
 * finds the subscribed workflows of all the events' types, then one execution per (matching
 * workflow, event). Answers how many executions were created.
 */
export async function startEventTriggeredRuns(tx: Tx, workspaceId: string, events: TriggeringEvent[]): Promise<number> {
  if (!events.length) return 0;
  const types = [...new Set(events.map((e) => e.event.type))];
  const subscribed = await tx
    .select({ id: workflows.id, version: workflows.version, eventType: workflows.eventType })
    .from(workflows)
    .where(
      and(eq(workflows.workspaceId, workspaceId), eq(workflows.status, "active"), eq(workflows.triggerType, "event"), inArray(workflows.eventType, types)),
    );
  let created = 0;
  for (const wf of subscribed) {
    const { trigger } = (await cachedVersion(tx, wf.id, wf.version)).definition;
    const filter = trigger.type === "event" ? trigger.filter : undefined;
    for (const e of events) {
      if (e.event.type !== wf.eventType || e.fromWorkflowId === wf.id) continue;
      if (!filterHolds(filter, e, workspaceId, wf.id)) continue;
      const endUser = e.payload.end_user_id;
      const started = await startExecution(tx, {
        workspaceId,
        workflowId: wf.id,
        version: wf.version,
        triggerType: "event",
        triggerKey: `event:${e.event.id}`,
        payload: { ...e.payload, event: e.event },
        endUserId: typeof endUser === "string" ? endUser : null,
        test: e.test === true,
      });
      if (started.created) created++;
    }
  }
  return created;
}
