/** Admin tasks: purge a soft-deleted workspace once its grace period is over (purge.ts). */
import { registerTask } from "../../../jobs/registry";
import { PURGE_TASK, purgeWorkspace } from "./purge";

registerTask(PURGE_TASK, (db) => async (payload) => {
  await purgeWorkspace(db, (payload as { workspace_id: string }).workspace_id);
});
