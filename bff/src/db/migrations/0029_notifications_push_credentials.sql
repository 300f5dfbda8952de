-- Issue 15 part 4 (push helper, docs/decisions/026-mobile-push.md): a workspace's mobile push
-- credentials, one row per provider. `settings` holds what may be shown back (FCM: project_id,
-- client_email, private_key_id, token_uri; APNs: key_id, team_id, bundle_id, environment);
-- `secret_encrypted` the private key, sealed with the workspace's data key (lib/secrets.ts, purpose
-- `push_credentials.<provider>`). Row-level security comes from the standard tenant policy.
CREATE TABLE "push_credentials" (
	"workspace_id" uuid NOT NULL,
	"provider" text NOT NULL,
	"settings" jsonb NOT NULL,
	"secret_encrypted" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "push_credentials_pkey" PRIMARY KEY("workspace_id","provider"),
	CONSTRAINT "push_credentials_provider_check" CHECK ("push_credentials"."provider" IN ('fcm', 'apns'))
);
--> statement-breakpoint
ALTER TABLE "push_credentials" ADD CONSTRAINT "push_credentials_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "push_credentials" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "push_credentials" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON "push_credentials" USING (workspace_id = nh_workspace() OR nh_platform()) WITH CHECK (workspace_id = nh_workspace());
