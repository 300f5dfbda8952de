-- Issue 14 parts 1 and 4 (h14-conn): workspace connections, test mode and the provider sandbox
-- (docs/decisions/020-test-mode-and-sandbox.md).
-- 1. A connection owned by the workspace itself has no end user.
ALTER TABLE "connections" ALTER COLUMN "end_user_id" DROP NOT NULL;
--> statement-breakpoint
-- ... and so has a pending OAuth authorization that connects the workspace (developer portal).
ALTER TABLE "oauth_authorizations" ALTER COLUMN "end_user_id" DROP NOT NULL;
--> statement-breakpoint
-- 2. A sandbox connection (created with one click in test mode, no OAuth): its calls always go to
--    the provider's simulator, never to the provider.
ALTER TABLE "connections" ADD COLUMN "sandbox" boolean DEFAULT false NOT NULL;
--> statement-breakpoint
CREATE INDEX "connections_workspace_provider_idx" ON "connections" USING btree ("workspace_id","provider") WHERE "end_user_id" IS NULL;
--> statement-breakpoint
-- 3. A workspace's Test mode switch (tenancy): every execution it starts is a test execution.
ALTER TABLE "workspaces" ADD COLUMN "test_mode" boolean DEFAULT false NOT NULL;
--> statement-breakpoint
-- 4. A test execution (started with a nhood_sk_test_ key or in a workspace in test mode); lists
--    show live and test executions apart.
ALTER TABLE "workflow_executions" ADD COLUMN "test" boolean DEFAULT false NOT NULL;
--> statement-breakpoint
CREATE INDEX "workflow_executions_ws_mode_created_idx" ON "workflow_executions" USING btree ("workspace_id","test","created_at" DESC NULLS LAST,"id");
--> statement-breakpoint
-- 5. What the sandbox received: one row per simulated provider call (integrations). Row-level
--    security: the standard tenant_isolation policy, added by ensureTenantRls (db/bootstrap.ts).
CREATE TABLE "sandbox_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"execution_id" uuid,
	"step_id" text,
	"provider" text NOT NULL,
	"action" text NOT NULL,
	"connection" text NOT NULL,
	"method" text NOT NULL,
	"path" text NOT NULL,
	"request_body" jsonb,
	"status" integer NOT NULL,
	"answer" jsonb,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sandbox_requests" ADD CONSTRAINT "sandbox_requests_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "sandbox_requests_ws_created_idx" ON "sandbox_requests" USING btree ("workspace_id","created_at" DESC NULLS LAST,"id");
--> statement-breakpoint
CREATE INDEX "sandbox_requests_execution_idx" ON "sandbox_requests" USING btree ("execution_id");
