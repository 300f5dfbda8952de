/** Notifications tasks and consumers: rule evaluation, e-mail, webhook deliveries. */
import { registerTask } from "../../jobs/registry";
import { evaluatePendingEvents } from "./evaluation";
import { localEvaluator } from "./evaluator";
import { runEmailJob, type ChannelJob } from "./channel-delivery";
import { runPushJob } from "./push";
import { attemptDelivery } from "./webhooks/delivery";
import "./consumers";

// a process with its own evaluator hands the workspace to it (one evaluation of a workspace per
// process at a time); elsewhere (tests, a worker-only setup without one) the job evaluates
registerTask("notifications.evaluate_events", (db) => async (payload) => {
  const workspaceId = (payload as { workspace_id: string }).workspace_id;
  const evaluator = localEvaluator();
  if (evaluator) evaluator.wake(workspaceId);
  else await evaluatePendingEvents(db, workspaceId);
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
