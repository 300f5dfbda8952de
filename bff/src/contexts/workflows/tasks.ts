/**
 * Workflow tasks and consumers (executions themselves run from the execution queue, engine/queue.ts):
 * `workflows.schedule_tick` (cron ticks with time zones; a tick missed while down runs once),
 * `workflows.maintenance` (prunes past retention),
 * and event triggers (engine/event-triggers.ts): the `workflows.event_trigger` consumer of
 * platform events and the listener of the events a workspace sends (notifications' evaluator).
 */
import { eq } from "drizzle-orm";
import { withWorkspace } from "../../db/tenant";
import { registerTask } from "../../kernel/tasks";
import { type DomainEvent, registerConsumer } from "../../kernel/events";
import "./engine/run-execution";
import { MAINTENANCE_JOB, RUN_EXECUTION_JOB, SCHEDULE_TICK_JOB } from "./jobs";
import { runMaintenance, scheduleMaintenance } from "./engine/maintenance";
import { withPlatform } from "../../db/tenant";
import { logger } from "../../lib/logger";
import { latestDueTick } from "./engine/schedule";
import { startExecution } from "./engine/start";
import { workflows } from "./schema";
import { scheduleNextTick, versionDefinition } from "./service";
import "./engine/builtins";
import { startEventTriggeredRuns } from "./engine/event-triggers";
import { onEventsReceived } from "../notifications";

// executions run from the execution queue (engine/queue.ts); a job of this task left from before
// it (migration 0025 made every active execution due in the queue) has nothing left to do
registerTask(RUN_EXECUTION_JOB.task, () => async () => {});

registerTask(MAINTENANCE_JOB.task, (db) => {
  // building the task list means a worker is starting: make sure maintenance is queued
  withPlatform(db, (tx) => scheduleMaintenance(tx)).catch((err) => logger.warn({ err: String(err) }, "could not queue workflow maintenance"));
  return async () => {
    await runMaintenance(db);
  };
});

registerTask(SCHEDULE_TICK_JOB.task, (db) => async (payload) => {
  const p = payload as { workspace_id: string; workflow_id: string };
  await withWorkspace(db, p.workspace_id, async (tx) => {
    const [wf] = await tx.select().from(workflows).where(eq(workflows.id, p.workflow_id)).for("update");
    if (wf?.status !== "active" || wf.triggerType !== "schedule") return;
    const def = await versionDefinition(tx, wf.id, wf.version);
    if (def.trigger.type !== "schedule") return;
    const now = new Date();
    const due = latestDueTick(def.trigger.cron, def.trigger.timezone, wf.scheduleLastTick ?? wf.updatedAt, now);
    if (due) {
      // only the latest missed tick runs; the per-tick key makes a repeated tick a no-op
      await startExecution(tx, {
        workspaceId: wf.workspaceId,
        workflowId: wf.id,
        version: wf.version,
        triggerType: "schedule",
        triggerKey: `schedule:${due.toISOString()}`,
        payload: { scheduled_at: due.toISOString() },
      });
      await tx.update(workflows).set({ scheduleLastTick: due }).where(eq(workflows.id, wf.id));
    }
    await scheduleNextTick(tx, wf, def, now);
  });
});

// platform events (the domain-event log) start the workflows subscribed to their type; a
// dispatcher's batch (one workspace's events) looks the subscribed workflows up once, not per event
const triggeringEvent = (event: DomainEvent) => {
  const payload = (event.payload ?? {}) as Record<string, unknown>;
  return {
    payload,
    event: {
      id: event.id,
      type: event.type,
      source: "platform",
      client_event_id: null,
      subject_id: event.subjectId,
      timestamp: event.occurredAt.toISOString(),
    },
    fromWorkflowId: typeof payload.workflow_id === "string" ? payload.workflow_id : null, // a workflow never triggers itself
  };
};
registerConsumer(
  "workflows.event_trigger",
  async (tx, event) => {
    if (!event.workspaceId) return;
    await startEventTriggeredRuns(tx, event.workspaceId, [triggeringEvent(event)]);
  },
  {
    batch: async (tx, events) => {
      const workspaceId = events[0]?.workspaceId;
      if (!workspaceId) return;
      await startEventTriggeredRuns(tx, workspaceId, events.filter((e) => e.workspaceId === workspaceId).map(triggeringEvent));
    },
  },
);

// events the workspace sends (POST /api/v1/events), a batch at a time from notifications' evaluator
onEventsReceived("workflows.event_trigger", async (tx, workspaceId, events) => {
  await startEventTriggeredRuns(
    tx,
    workspaceId,
    events.map((e) => ({
      payload: e.payload,
      event: { id: e.id, type: e.type, source: e.source, client_event_id: e.clientEventId, subject_id: null, timestamp: e.occurredAt.toISOString() },
      test: e.test,
    })),
  );
});
