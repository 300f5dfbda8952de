/**
 * The notifications pipeline's daily activity across workspaces, for the platform dashboard:
 * queries over this context's tables answering `(key, day, n)` rows (`day` = UTC `YYYY-MM-DD`),
 * to run in the platform scope. `day` formats a timestamp column.
 */
import { sql, type SQL } from "drizzle-orm";

export function dailyActivityQueries(since: SQL, day: (col: SQL) => SQL): { ingested: SQL; notified: SQL; webhooks: SQL } {
  return {
    ingested: sql`select 'events' as key, ${day(sql`received_at`)} as day, count(*)::int as n from ingested_events where received_at >= ${since} group by 2`,
    notified: sql`select 'notifications' as key, ${day(sql`created_at`)} as day, count(*)::int as n from notifications where created_at >= ${since} group by 2`,
    webhooks: sql`select status as key, ${day(sql`created_at`)} as day, count(*)::int as n from webhook_deliveries
      where created_at >= ${since} and status in ('succeeded', 'failed') group by 1, 2`,
  };
}
