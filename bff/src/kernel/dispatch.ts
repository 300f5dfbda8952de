/** The kernel's task: hand each domain event to its consumers (and load the audit consumer). */
import { registerTask } from "./tasks";
import { DISPATCH_JOB, dispatchDomainEvent } from "./events";
import { domainEventsDispatched } from "../lib/metrics";
import "./audit";

registerTask(DISPATCH_JOB.task, (db) => async (payload, helpers) => {
  const p = payload as { event_id: string; workspace_id: string | null };
  // a retry isolates each consumer, so one that keeps failing cannot hold back the others
  const type = await dispatchDomainEvent(db, p.event_id, p.workspace_id, { isolate: helpers.job.attempts > 1 });
  if (type) domainEventsDispatched.inc({ type });
});
