/** Admin tasks: purge a soft-deleted workspace once its grace period is over (purge.ts). */
import { registerTask } from "../../kernel/tasks";
import { PURGE_JOB, purgeWorkspace } from "./purge";
import "./retention";

registerTask(PURGE_JOB.task, (db) => async (payload) => {
  await purgeWorkspace(db, (payload as { workspace_id: string }).workspace_id);
});
