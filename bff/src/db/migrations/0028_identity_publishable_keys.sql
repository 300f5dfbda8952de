-- Issue 15 part 3 (sdk helper, docs/decisions/027-client-sdk-authentication.md): a workspace's
-- publishable key (`nhood_pk_…`, safe in a browser: it opens only the client routes, and only with
-- a valid user signature) and the user-hash secret its backend signs users with (HMAC-SHA256 of
-- the externalUserId), sealed under a key derived from the master key. One active key per
-- workspace; rotating revokes the old one. `demo` marks the demo workspace's key, which the
-- example page (`/examples/inbox`) may read without credentials.
CREATE TABLE "publishable_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"key" text NOT NULL,
	"user_hash_secret" text NOT NULL,
	"demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "publishable_keys" ADD CONSTRAINT "publishable_keys_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
CREATE UNIQUE INDEX "publishable_keys_key_key" ON "publishable_keys" USING btree ("key");
--> statement-breakpoint
CREATE UNIQUE INDEX "publishable_keys_ws_active_key" ON "publishable_keys" USING btree ("workspace_id") WHERE "revoked_at" IS NULL;
--> statement-breakpoint
ALTER TABLE "publishable_keys" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "publishable_keys" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON "publishable_keys" USING (workspace_id = nh_workspace() OR nh_platform()) WITH CHECK (workspace_id = nh_workspace());
--> statement-breakpoint
-- the example page finds the demo workspace's active key with no workspace set
CREATE POLICY demo_key_read ON "publishable_keys" FOR SELECT USING (demo AND revoked_at IS NULL);
