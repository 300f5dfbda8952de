/** Platform tasks: hand each domain event to its consumers. */
import { registerTask } from "../../jobs/registry";
import { dispatchDomainEvent } from "./events";
import { domainEventsDispatched } from "../../lib/metrics";
import "./audit";

registerTask("domain_event.dispatch", (db) => async (payload) => {
  const p = payload as { event_id: string; workspace_id: string | null };
  const type = await dispatchDomainEvent(db, p.event_id, p.workspace_id);
  if (type) domainEventsDispatched.inc({ type });
});
