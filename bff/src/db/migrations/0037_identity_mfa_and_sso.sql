-- Issue 18 parts 2 and 3 (docs/decisions/035-mfa-and-workspace-sso.md): second factors, the
-- pending-MFA state between password and session, and each workspace's sign-in policy (MFA
-- enforcement and OpenID Connect single sign-on).
--
-- mfa_factors, mfa_recovery_codes and mfa_challenges belong to a person (like refresh_tokens) and
-- are not tenant rows. workspace_auth_settings and sso_logins are tenant rows under row-level
-- security, with read policies for the sign-in paths that run before a workspace is known.
CREATE TABLE "mfa_factors" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL REFERENCES "users"("id") ON DELETE cascade,
	"kind" text NOT NULL CHECK ("kind" IN ('totp', 'passkey')),
	"label" text NOT NULL,
	"secret_encrypted" text,
	"last_used_step" bigint,
	"credential_id" text,
	"public_key" text,
	"sign_count" bigint DEFAULT 0 NOT NULL,
	"transports" text[],
	"confirmed_at" timestamp with time zone,
	"last_used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "mfa_factors_user_idx" ON "mfa_factors" USING btree ("user_id");
--> statement-breakpoint
CREATE UNIQUE INDEX "mfa_factors_credential_key" ON "mfa_factors" USING btree ("credential_id") WHERE "credential_id" IS NOT NULL;
--> statement-breakpoint
CREATE TABLE "mfa_recovery_codes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL REFERENCES "users"("id") ON DELETE cascade,
	"code_hash" text NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "mfa_recovery_codes_user_idx" ON "mfa_recovery_codes" USING btree ("user_id");
--> statement-breakpoint
CREATE TABLE "mfa_challenges" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL REFERENCES "users"("id") ON DELETE cascade,
	"token_hash" text NOT NULL,
	"active_workspace_id" uuid,
	"enrolment_required" boolean DEFAULT false NOT NULL,
	"webauthn_challenge" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"completed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "mfa_challenges_token_key" ON "mfa_challenges" USING btree ("token_hash");
--> statement-breakpoint
CREATE TABLE "workspace_auth_settings" (
	"workspace_id" uuid PRIMARY KEY NOT NULL REFERENCES "workspaces"("id") ON DELETE cascade,
	"mfa_required" boolean DEFAULT false NOT NULL,
	"sso_issuer" text,
	"sso_client_id" text,
	"sso_client_secret_encrypted" text,
	"sso_default_role" text DEFAULT 'member' NOT NULL,
	"sso_enforced" boolean DEFAULT false NOT NULL,
	"sso_email_domain" text,
	"sso_domain_token" text,
	"sso_domain_verified_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
-- an e-mail domain routes sign-ins to one workspace's identity provider: one verified claim each
CREATE UNIQUE INDEX "workspace_auth_settings_domain_key" ON "workspace_auth_settings" USING btree (lower("sso_email_domain")) WHERE "sso_domain_verified_at" IS NOT NULL;
--> statement-breakpoint
ALTER TABLE "workspace_auth_settings" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "workspace_auth_settings" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON "workspace_auth_settings" USING (workspace_id = nh_workspace() OR nh_platform()) WITH CHECK (workspace_id = nh_workspace());
--> statement-breakpoint
-- password sign-in reads the policies of the person's own workspaces (withUser)
CREATE POLICY member_read ON "workspace_auth_settings" FOR SELECT USING (workspace_id IN (SELECT m.workspace_id FROM memberships m WHERE m.user_id = nh_user()));
--> statement-breakpoint
-- "Sign in with SSO" finds the workspace by a verified e-mail domain (withLookup(domain))
CREATE POLICY sso_domain_read ON "workspace_auth_settings" FOR SELECT USING (sso_domain_verified_at IS NOT NULL AND lower(sso_email_domain) = nh_lookup());
--> statement-breakpoint
CREATE TABLE "sso_logins" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL REFERENCES "workspaces"("id") ON DELETE cascade,
	"state_hash" text NOT NULL,
	"nonce" text NOT NULL,
	"code_verifier" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "sso_logins_state_key" ON "sso_logins" USING btree ("state_hash");
--> statement-breakpoint
ALTER TABLE "sso_logins" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "sso_logins" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON "sso_logins" USING (workspace_id = nh_workspace() OR nh_platform()) WITH CHECK (workspace_id = nh_workspace());
--> statement-breakpoint
-- the callback finds its login by the state's hash before it knows the workspace
CREATE POLICY state_lookup ON "sso_logins" USING (state_hash = nh_lookup());
