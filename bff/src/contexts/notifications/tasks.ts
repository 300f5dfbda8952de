/** Notifications tasks and consumers: rule evaluation, e-mail, webhook deliveries. */
import { registerTask } from "../../jobs/registry";
import { evaluatePendingEvents } from "./evaluation";
import { runEmailJob, type ChannelJob } from "./channel-delivery";
import { runPushJob } from "./push";
import { attemptDelivery } from "./webhooks/delivery";
import "./consumers";

registerTask("notifications.evaluate_events", (db) => async (payload) => {
  await evaluatePendingEvents(db, (payload as { workspace_id: string }).workspace_id);
});

registerTask("notifications.send_email", (db) => async (payload) => {
  await runEmailJob(db, payload as ChannelJob);
});

registerTask("webhooks.deliver", (db) => async (payload) => {
  const p = payload as { workspace_id: string; delivery_id: string; manual?: boolean };
  await attemptDelivery(db, p.workspace_id, p.delivery_id, p.manual ?? false);
});

registerTask("notifications.send_push", (db) => async (payload) => {
  const p = payload as ChannelJob;
  await runPushJob(db, p.workspace_id, p.delivery_id!);
});
