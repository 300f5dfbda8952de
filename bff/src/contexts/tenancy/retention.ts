/**
 * How long a workspace's history is kept, by plan (decision 023): free and starter 7 days,
 * professional 30, enterprise 90 — the windows workflow executions already had. The kernel's
 * retention task and every context's pruner read it through `retentionDaysSql`.
 */
import { sql } from "drizzle-orm";
import { setRetentionPolicy } from "../../kernel/retention";
import { workspacePlanSql } from "./plans";

/** Days of history per plan; a plan not listed (or a missing plan row) keeps the free window. */
export const HISTORY_RETENTION_DAYS = { free: 7, starter: 7, professional: 30, enterprise: 90 } as const;

setRetentionPolicy(
  (workspaceId) =>
    sql<number>`(case ${workspacePlanSql(workspaceId)} when 'enterprise' then ${HISTORY_RETENTION_DAYS.enterprise}::int when 'professional' then ${HISTORY_RETENTION_DAYS.professional}::int else ${HISTORY_RETENTION_DAYS.free}::int end)`,
);
