/** Platform tasks: hand each domain event to its consumers. */
import { registerTask } from "../../jobs/registry";
import { dispatchDomainEvent } from "./events";
import { domainEventsDispatched } from "../../lib/metrics";
import "./audit";

registerTask("domain_event.dispatch", (db) => async (payload, helpers) => {
  const p = payload as { event_id: string; workspace_id: string | null };
  // a retry isolates each consumer, so one that keeps failing cannot hold back the others
  const type = await dispatchDomainEvent(db, p.event_id, p.workspace_id, { isolate: helpers.job.attempts > 1 });
  if (type) domainEventsDispatched.inc({ type });
});
