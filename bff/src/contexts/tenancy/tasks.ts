/** Tenancy tasks: purge a soft-deleted workspace once its grace period is over (purge.ts); end a paid plan's trial (trial-end.ts). */
import { registerTask } from "../../kernel/tasks";
import { PURGE_JOB, purgeWorkspace } from "./purge";
import { endTrialIfDue, TRIAL_END_JOB } from "./trial-end";
import "./retention";

registerTask(PURGE_JOB.task, (db) => async (payload) => {
  await purgeWorkspace(db, (payload as { workspace_id: string }).workspace_id);
});

registerTask(TRIAL_END_JOB.task, (db) => async (payload) => {
  await endTrialIfDue(db, (payload as { workspace_id: string }).workspace_id);
});
