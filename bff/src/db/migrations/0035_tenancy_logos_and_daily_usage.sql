-- Issue 16 parts 3–4 (docs/decisions/033-tenant-records.md): a workspace's uploaded logo, kept in
-- PostgreSQL (sniffed PNG, WebP or sanitised SVG, at most 512 KB) and served by the suite at
-- /api/v1/logos/{workspace_id}/{sha256 prefix}.{ext}. Daily usage counters gain two metrics in
-- the existing usage_counters table (no constraint lists them): `executions` and `requests`
-- (API calls), written in batches by tenancy's usage recorder.
CREATE TABLE "branding_logos" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"content_type" text NOT NULL,
	"sha256" text NOT NULL,
	"size" integer NOT NULL,
	"bytes" bytea NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "branding_logos" ADD CONSTRAINT "branding_logos_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "branding_logos" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "branding_logos" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON "branding_logos" USING (workspace_id = nh_workspace() OR nh_platform()) WITH CHECK (workspace_id = nh_workspace());
--> statement-breakpoint
-- the daily counters a workspace's usage history reads, by day
CREATE INDEX IF NOT EXISTS "usage_counters_day_idx" ON "usage_counters" USING btree ("workspace_id", "period") WHERE "period_type" = 'day';
