-- Issue 14 part 6 (h14-oauth).
-- 1. When a connection's token is due for a refresh: after 80 % of its lifetime (expires_in), set
--    when the token is stored or refreshed (connections.ts refreshDueAt). Null for tokens stored
--    before this column: they fall back to one minute before expiry.
ALTER TABLE "connections" ADD COLUMN "refresh_due_at" timestamp with time zone;
--> statement-breakpoint
-- 2. How a custom provider's token endpoint authenticates the client (RFC 6749 §2.3.1 and the
--    RFC 8414 names): client_secret_basic (the RFC 8414 default) or client_secret_post.
ALTER TABLE "custom_providers" ADD COLUMN "token_endpoint_auth_method" text DEFAULT 'client_secret_basic' NOT NULL;
--> statement-breakpoint
ALTER TABLE "custom_providers" ADD CONSTRAINT "custom_providers_token_endpoint_auth_method_check" CHECK ("token_endpoint_auth_method" IN ('client_secret_basic', 'client_secret_post'));
--> statement-breakpoint
-- 3. Platform-held OAuth apps: one per catalogue provider, set by a super admin, used by every
--    workspace that has no OAuth app of its own for that provider. The client secret is sealed
--    with a platform key derived from the master key (lib/secrets.ts encryptForPlatform).
CREATE TABLE "platform_oauth_apps" (
	"provider" text PRIMARY KEY NOT NULL,
	"client_id" text NOT NULL,
	"client_secret_encrypted" text NOT NULL,
	"scopes" text[],
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
-- A platform-wide table with no workspace_id (ensureTenantRls skips it), so its policies are
-- deliberate: every scope may read it (a workspace's connect flow and token refresh use the
-- platform's app; the secret is sealed), only the platform scope (withPlatform, after the
-- super-admin check) may write it.
ALTER TABLE "platform_oauth_apps" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "platform_oauth_apps" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY platform_oauth_apps_read ON "platform_oauth_apps" FOR SELECT USING (true);
--> statement-breakpoint
CREATE POLICY platform_oauth_apps_insert ON "platform_oauth_apps" FOR INSERT WITH CHECK (nh_platform());
--> statement-breakpoint
CREATE POLICY platform_oauth_apps_update ON "platform_oauth_apps" FOR UPDATE USING (nh_platform()) WITH CHECK (nh_platform());
--> statement-breakpoint
CREATE POLICY platform_oauth_apps_delete ON "platform_oauth_apps" FOR DELETE USING (nh_platform());
