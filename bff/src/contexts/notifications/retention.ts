/**
 * The notifications context's pruners (decision 023), run in batches by the kernel's retention
 * task: ingested events once evaluated, inbox notifications (their deliveries go with them) and
 * finished outgoing webhook deliveries (their attempts go with them), each past its workspace's
 * plan window. These tables stay unpartitioned: their unique keys (client event id per
 * workspace, source event per endpoint) and the foreign keys pointing at them would have to
 * include the time column.
 */
import { sql } from "drizzle-orm";
import { registerPruner, retentionCutoffSql, SHORTEST_RETENTION_DAYS } from "../../kernel/retention";

const youngest = sql`now() - make_interval(days => ${SHORTEST_RETENTION_DAYS}::int)`;

registerPruner("ingested_events", async (tx, limit) => {
  const deleted = await tx.execute(sql`delete from ingested_events i using (
      select e.id from ingested_events e
      where e.received_at < ${youngest} and e.received_at < ${retentionCutoffSql(sql`e.workspace_id`)} and e.processed_at is not null
      limit ${limit}::int) old
    where i.id = old.id returning i.id`);
  return deleted.length;
});

registerPruner("notifications", async (tx, limit) => {
  const deleted = await tx.execute(sql`delete from notifications n using (
      select x.id from notifications x
      where x.created_at < ${youngest} and x.created_at < ${retentionCutoffSql(sql`x.workspace_id`)}
      limit ${limit}::int) old
    where n.id = old.id returning n.id`);
  return deleted.length;
});

registerPruner("webhook_deliveries", async (tx, limit) => {
  const deleted = await tx.execute(sql`delete from webhook_deliveries d using (
      select x.id from webhook_deliveries x
      where x.created_at < ${youngest} and x.created_at < ${retentionCutoffSql(sql`x.workspace_id`)} and x.status <> 'pending'
      limit ${limit}::int) old
    where d.id = old.id returning d.id`);
  return deleted.length;
});
