-- The keyset lists order by (created_at desc, id desc) — DESC means NULLS FIRST — but their
-- indexes were built as (…, created_at DESC NULLS LAST, id): neither the nulls order nor the id
-- direction matches, so PostgreSQL could not read a page off the index and sorted every row of the
-- workspace for each page (the executions list: a sequential scan and a sort of all of a
-- workspace's executions, 22 ms at 10 000 rows and growing with the table; the soak's read p99
-- rose with it). A plain ascending index serves both directions: scanned backward it yields
-- (created_at desc nulls first, id desc), forward (created_at asc, id asc) for the leads list's
-- oldest-first order. The retention prune of executions (workflows/engine/maintenance.ts) walks
-- workflow_executions_ws_created_idx per workspace instead of the whole table.
DROP INDEX IF EXISTS "workflow_executions_ws_created_idx";
--> statement-breakpoint
CREATE INDEX "workflow_executions_ws_created_idx" ON "workflow_executions" USING btree ("workspace_id","created_at","id");
--> statement-breakpoint
DROP INDEX IF EXISTS "workflow_executions_wf_created_idx";
--> statement-breakpoint
CREATE INDEX "workflow_executions_wf_created_idx" ON "workflow_executions" USING btree ("workflow_id","created_at","id");
--> statement-breakpoint
DROP INDEX IF EXISTS "workflow_executions_ws_mode_created_idx";
--> statement-breakpoint
CREATE INDEX "workflow_executions_ws_mode_created_idx" ON "workflow_executions" USING btree ("workspace_id","test","created_at","id");
--> statement-breakpoint
DROP INDEX IF EXISTS "notifications_ws_created_idx";
--> statement-breakpoint
CREATE INDEX "notifications_ws_created_idx" ON "notifications" USING btree ("workspace_id","created_at","id");
--> statement-breakpoint
DROP INDEX IF EXISTS "leads_ws_created_idx";
--> statement-breakpoint
CREATE INDEX "leads_ws_created_idx" ON "leads" USING btree ("workspace_id","created_at","id");
--> statement-breakpoint
DROP INDEX IF EXISTS "lead_activities_lead_idx";
--> statement-breakpoint
CREATE INDEX "lead_activities_lead_idx" ON "lead_activities" USING btree ("lead_id","created_at","id");
--> statement-breakpoint
DROP INDEX IF EXISTS "workflows_ws_updated_idx";
--> statement-breakpoint
CREATE INDEX "workflows_ws_updated_idx" ON "workflows" USING btree ("workspace_id","updated_at","id");
--> statement-breakpoint
DROP INDEX IF EXISTS "end_users_ws_created_idx";
--> statement-breakpoint
CREATE INDEX "end_users_ws_created_idx" ON "end_users" USING btree ("workspace_id","created_at","id");
--> statement-breakpoint
DROP INDEX IF EXISTS "workspaces_created_idx";
--> statement-breakpoint
CREATE INDEX "workspaces_created_idx" ON "workspaces" USING btree ("created_at","id");
--> statement-breakpoint
DROP INDEX IF EXISTS "webhook_deliveries_endpoint_idx";
--> statement-breakpoint
CREATE INDEX "webhook_deliveries_endpoint_idx" ON "webhook_deliveries" USING btree ("endpoint_id","created_at","id");
--> statement-breakpoint
DROP INDEX IF EXISTS "sandbox_requests_ws_created_idx";
--> statement-breakpoint
CREATE INDEX "sandbox_requests_ws_created_idx" ON "sandbox_requests" USING btree ("workspace_id","created_at","id");
--> statement-breakpoint
-- audit_log is partitioned: the index is created on every partition (and on later ones)
DROP INDEX IF EXISTS "audit_ws_time_idx";
--> statement-breakpoint
CREATE INDEX "audit_ws_time_idx" ON "audit_log" USING btree ("workspace_id","occurred_at","event_id");
