/** Notifications tasks and consumers: rule evaluation, e-mail, webhook deliveries. */
import { registerTask } from "../../kernel/tasks";
import { evaluatePendingEvents } from "./evaluation";
import { localEvaluator } from "./evaluator";
import { runEmailJob, type ChannelJob } from "./channel-delivery";
import { runPushJob } from "./push";
import { MOBILE_PUSH_RETRY_JOB, runMobilePushFollowUp } from "./push-mobile/deliver";
import { attemptDelivery } from "./webhooks/delivery";
import "./consumers";
import "./retention";
import { DELIVER_WEBHOOK_JOB, EVALUATE_EVENTS_JOB, SEND_EMAIL_JOB, SEND_PUSH_JOB } from "./jobs";

// a process with its own evaluator hands the workspace to it (one evaluation of a workspace per
// process at a time); elsewhere (tests, a worker-only setup without one) the job evaluates
registerTask(EVALUATE_EVENTS_JOB.task, (db) => async (payload) => {
  const workspaceId = (payload as { workspace_id: string }).workspace_id;
  const evaluator = localEvaluator();
  if (evaluator) evaluator.wake(workspaceId);
  else await evaluatePendingEvents(db, workspaceId);
});

registerTask(SEND_EMAIL_JOB.task, (db) => async (payload) => {
  await runEmailJob(db, payload as ChannelJob);
});

registerTask(DELIVER_WEBHOOK_JOB.task, (db) => async (payload) => {
  const p = payload as { workspace_id: string; delivery_id: string; manual?: boolean };
  await attemptDelivery(db, p.workspace_id, p.delivery_id, p.manual ?? false);
});

registerTask(SEND_PUSH_JOB.task, (db) => async (payload) => {
  const p = payload as ChannelJob;
  await runPushJob(db, p.workspace_id, p.delivery_id!);
});

registerTask(MOBILE_PUSH_RETRY_JOB.task, (db) => async (payload) => {
  await runMobilePushFollowUp(db, payload as Parameters<typeof runMobilePushFollowUp>[1]);
});
