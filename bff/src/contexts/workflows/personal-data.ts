/**
 * Workflows' part of an end user's data rights (kernel/personal-data.ts): executions run for them
 * — named by our end-user id or the workspace's external id — are exported (newest 1000), and on
 * erasure their trigger payloads, errors and step inputs and outputs are scrubbed, and they are
 * re-pointed at the pseudonymous end-user id.
 */
import { sql } from "drizzle-orm";
import { registerPersonalDataHolder } from "../../kernel/personal-data";

registerPersonalDataHolder({
  name: "workflows.executions",
  async export(tx, s) {
    const executions = [
      ...(await tx.execute(sql`select id, workflow_id, status, trigger_type, trigger_payload, error, created_at, finished_at
      from workflow_executions where workspace_id = ${s.workspaceId} and end_user_id in (${s.endUserId}, ${s.externalUserId}) order by created_at desc limit 1000`)),
    ];
    return { executions };
  },
  async erase(tx, s) {
    await tx.execute(sql`update workflow_step_runs set input = null, output = null where execution_id in
      (select id from workflow_executions where workspace_id = ${s.workspaceId} and end_user_id in (${s.endUserId}, ${s.externalUserId}))`);
    await tx.execute(sql`update workflow_executions set trigger_payload = '{}'::jsonb, error = null, end_user_id = ${s.endUserId}
      where workspace_id = ${s.workspaceId} and end_user_id in (${s.endUserId}, ${s.externalUserId})`);
  },
});
