-- Decision 022: the executions table is the engine's hot queue (no graphile-worker job per
-- execution). An active execution is due for a worker at `run_at`, set when it starts (null once it
-- has ended, and on rows inserted already finished, such as the demo's); a
-- worker claims due executions in batches (FOR UPDATE SKIP LOCKED) by setting `claimed_by` and a
-- short `lease_until` that it renews (heartbeat) while it runs them; a lease that runs out means
-- its worker died and the execution is claimed again.
ALTER TABLE "workflow_executions" ADD COLUMN "run_at" timestamp with time zone;
--> statement-breakpoint
ALTER TABLE "workflow_executions" ADD COLUMN "lease_until" timestamp with time zone;
--> statement-breakpoint
ALTER TABLE "workflow_executions" ADD COLUMN "claimed_by" text;
--> statement-breakpoint
-- active executions (and any run_execution job still pending for them) are due now
UPDATE "workflow_executions" SET "run_at" = now() WHERE "status" IN ('queued', 'running');
--> statement-breakpoint
CREATE INDEX "workflow_executions_queue_idx" ON "workflow_executions" USING btree ("workspace_id", "run_at") WHERE "run_at" IS NOT NULL;
--> statement-breakpoint
-- maintenance no longer looks for active executions without a job
DROP INDEX IF EXISTS "workflow_executions_active_idx";
--> statement-breakpoint
-- workers claim and renew executions of every workspace in platform scope (db/tenant.ts
-- withPlatform); the tenant policy lets that scope read them but not write them. The table now has
-- a policy of its own, so bootstrap no longer adds the standard one: it is created here (a new
-- database runs the migrations before bootstrap's ensureTenantRls).
ALTER TABLE "workflow_executions" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "workflow_executions" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_policies WHERE schemaname = 'public' AND tablename = 'workflow_executions' AND policyname = 'tenant_isolation') THEN
    CREATE POLICY tenant_isolation ON "workflow_executions" USING (workspace_id = nh_workspace() OR nh_platform()) WITH CHECK (workspace_id = nh_workspace());
  END IF;
END $$;
--> statement-breakpoint
CREATE POLICY execution_queue ON "workflow_executions" FOR UPDATE USING (nh_platform()) WITH CHECK (nh_platform());
